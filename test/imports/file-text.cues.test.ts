import { proposeFromText } from '../../src/imports/propose-from-text';
import { CATALOGUE } from './catalogue';

/*
 * The core's side of cues (ImportContext.cued): what a file's layout marked as a heading is one,
 * with high confidence; the rest keeps the plain-text rules. Footnotes a file's structure gave
 * ([^n]) are placed at their reference.
 */
const TEXT = [
  '## Svar på remiss om stadens parkplan',
  '',
  '## Förslag till beslut',
  '',
  'Nämnden tillstyrker förslaget.',
  '',
  '## Konsekvenser för miljön',
  '',
  'Planen ger fler träd i stadsdelen.',
  '',
  '### Ekonomiska konsekvenser',
  '',
  'Kostnaden ryms i budgeten',
  '',
  'och behöver inga nya medel.',
  '',
  'Kort rad utan punkt',
  '',
  'Sista stycket.',
].join('\n');

describe('proposeFromText with cues from a file', () => {
  const cued = proposeFromText(TEXT, { catalogue: CATALOGUE, cued: true });

  it('keeps a styled title before the first section in the header, without its marks', () => {
    expect(cued.header.title.value).toBe('Svar på remiss om stadens parkplan');
  });

  it('makes an unknown section heading an own section of high confidence, and keeps a styled sub-heading a sub-heading', () => {
    expect(cued.sections.map((s) => [s.key, s.heading, s.confidence])).toEqual([
      ['forslag-till-beslut', 'Förslag till beslut', 'high'],
      ['egen-konsekvenser-for-miljon', 'Konsekvenser för miljön', 'high'],
    ]);
    expect(cued.sections[1].body).toEqual([
      { type: 'paragraph', content: [{ text: 'Planen ger fler träd i stadsdelen.' }] },
      { type: 'subheading', text: 'Ekonomiska konsekvenser' },
      // A blank line ends a file's paragraph, and an unmarked short line is not a heading.
      { type: 'paragraph', content: [{ text: 'Kostnaden ryms i budgeten' }] },
      { type: 'paragraph', content: [{ text: 'och behöver inga nya medel.' }] },
      { type: 'paragraph', content: [{ text: 'Kort rad utan punkt' }] },
      { type: 'paragraph', content: [{ text: 'Sista stycket.' }] },
    ]);
  });

  it('without cues keeps today’s rules: an unknown heading starts a section only by its words', () => {
    const plain = proposeFromText(TEXT, { catalogue: CATALOGUE });
    expect(plain.sections.map((s) => [s.key, s.confidence])).toEqual([
      ['forslag-till-beslut', 'high'],
      ['egen-ekonomiska-konsekvenser', 'low'],
    ]);
    expect(plain.sections[0].body[1]).toEqual({ type: 'subheading', text: 'Konsekvenser för miljön' });
  });
});

describe('footnotes written as [^n]', () => {
  it('are moved to their reference, and a reference without a note stays as written', () => {
    const text = ['Sammanfattning', '', 'Planen bygger på en enkät[^1] och på intervjuer[^7].', '', '[^1]: Enkät till föräldrar, våren 2024.'].join('\n');
    const proposal = proposeFromText(text, { catalogue: CATALOGUE, cued: true });
    expect(proposal.sections[0].body).toEqual([
      { type: 'paragraph', content: [{ text: 'Planen bygger på en enkät' }, { footnote: 'Enkät till föräldrar, våren 2024.' }, { text: ' och på intervjuer[^7].' }] },
    ]);
    expect(proposal.sections[0].confidence).toBe('high');
  });
});
