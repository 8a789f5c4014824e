import type { ProposedApproval, ProposedEnclosure, ProposedSignatory } from './proposal';
import { endsSentence, fold, joinAll, startsLowercase } from './import-text';
import type { SourceLine } from './source-lines';

/**
 * The end of a tjänsteutlåtande: the signatories under the last section (names on one line and
 * their titles on the next, side by side when there are two), the Bilagor, and the digital
 * approvals ("Attesterat av").
 */
const TITLE_WORD = /(direktor|chef|handlaggare|sekreterare|controller|strateg|ansvarig|ordforande|radgivare|utredare|samordnare|specialist|jurist|ekonom|kommunalrad|borgarrad|registrator|kanslist)$/;
const TITLE_PREFIX = /^(tf|t\.f\.|bitr\.?|bitradande|biträdande)$/;
const ORGANISATION_WORD = /(forvaltning|forvaltningen|kontoret|namnd|namnden|stadsdelsforvaltning)$/;

/** The titles a line holds, or null when it holds anything else. */
function titlesOf(text: string): string[] | null {
  const words = text.split(/\s+/);
  const titles: string[] = [];
  let prefix = '';
  for (const word of words) {
    const folded = fold(word).replace(/[,.]$/, '');
    if (TITLE_PREFIX.test(folded)) prefix = `${prefix}${word} `;
    else if (TITLE_WORD.test(folded)) {
      titles.push(`${prefix}${word.replace(/,$/, '')}`);
      prefix = '';
    } else return null;
  }
  return titles.length && !prefix ? titles : null;
}

const isOrganisationLine = (text: string) => text.split(/\s+/).every((word) => ORGANISATION_WORD.test(fold(word)));
const isNameLine = (text: string) => /^(?:\p{Lu}[\p{L}'’]*(?:-\p{Lu}?[\p{L}'’]+)*\s+){1,7}\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]+)*$/u.test(text);

/** Common Swedish first names: where two names share one line, a first name starts the second. */
const FIRST_NAMES = new Set(
  (
    'anna eva maria karin sara lena kerstin emma ingrid marie malin christina birgitta sofia linda elin annika johanna susanne susanna helena ' +
    'ulla camilla jenny hanna cecilia ida lina veronica veronika monica monika elisabeth elisabet ann anne annette louise lisa frida therese ' +
    'jessica josefin matilda amanda karolina caroline charlotte petra gunilla margareta agneta katarina catharina ulrika eva-lena åsa asa ' +
    'erik lars karl anders johan per nils jan carl mikael michael hans peter olof bengt fredrik daniel stefan magnus mats andreas thomas ' +
    'tomas bo leif göran goran martin jonas mattias henrik ulf christer björn bjorn stig rolf patrik niklas david sven gustav oskar emil ' +
    'ali mohammed ahmed jakob jacob kristian christian marcus markus tobias robert roger joakim kjell lennart håkan hakan åke ake ann-christine ' +
    'ann-charlotte ann-marie anna-karin eva-karin lars-erik per-olof'
  ).split(' '),
);

function isFirstName(word: string): boolean {
  const folded = word.toLowerCase();
  return FIRST_NAMES.has(folded) || FIRST_NAMES.has(fold(word)) || folded.split('-').every((part) => FIRST_NAMES.has(part));
}

/** One line of names split into `count` names; `sure` when the split is not a guess. */
function splitNames(text: string, count: number): { names: string[]; sure: boolean } {
  const columns = text.split(/\s{2,}|\t/).filter(Boolean);
  if (columns.length === count) return { names: columns, sure: true };
  const words = text.split(/\s+/);
  if (count === 1) return { names: [text], sure: true };
  let best: { names: string[]; score: number } | null = null;
  const search = (start: number, left: number, names: string[]) => {
    if (left === 1) {
      const rest = words.slice(start);
      if (rest.length < 2) return;
      const all = [...names, rest.join(' ')];
      const score = all.reduce((sum, name) => sum + (isFirstName(name.split(' ')[0]) ? 2 : 0) - name.split(' ').slice(1).filter(isFirstName).length, 0);
      const balance = -Math.abs(all[0].split(' ').length - rest.length) / 10;
      if (!best || score + balance > best.score) best = { names: all, score: score + balance };
      return;
    }
    for (let end = start + 2; end <= words.length - 2 * (left - 1); end++) search(end, left - 1, [...names, words.slice(start, end).join(' ')]);
  };
  search(0, count, []);
  const found = best as { names: string[]; score: number } | null;
  return found ? { names: found.names, sure: false } : { names: [text], sure: false };
}

/**
 * The signature block at the end of the last section's lines: answers the signatories and how
 * many lines at the end belong to it.
 */
export function signaturesAtEnd(lines: readonly SourceLine[]): { signatories: ProposedSignatory[]; start: number } {
  let start = lines.length;
  const block: SourceLine[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = lines[i].text;
    if (!text) continue;
    if (titlesOf(text) || isOrganisationLine(text) || (isNameLine(text) && !endsSentence(text))) {
      // A name line counts only with a title line below it.
      block.unshift(lines[i]);
      start = i;
      if (block.length > 8) break;
    } else break;
  }
  const signatories: ProposedSignatory[] = [];
  let pendingNames: SourceLine | null = null;
  let used = false;
  for (const line of block) {
    const titles = titlesOf(line.text);
    if (titles) {
      const names = pendingNames ? splitNames(pendingNames.text, titles.length) : null;
      titles.forEach((title, index) => {
        const name = names && names.names.length === titles.length ? names.names[index] : null;
        signatories.push({
          name,
          title,
          confidence: names && !names.sure ? 'low' : name || !pendingNames ? 'high' : 'low',
          source: { from: (pendingNames ?? line).no, to: line.no },
        });
      });
      pendingNames = null;
      used = true;
    } else if (!isOrganisationLine(line.text) || !used) pendingNames = line;
  }
  if (!signatories.length) return { signatories: [], start: lines.length };
  // Lines of the block above the first name that paired with a title stay text.
  const firstUsed = lines.findIndex((l) => l.no === signatories[0].source.from);
  return { signatories, start: Math.max(start, firstUsed) };
}

export const ENCLOSURES_HEADING = /^bilag(a|or)\s*:?$/;
export const APPROVALS_HEADING = /^attesterat av\s*:?$/;

/** The Bilagor list: numbered items, or paragraphs each its own bilaga; a line left unfinished goes on. */
export function enclosuresFrom(lines: readonly SourceLine[], vocabulary: ReadonlySet<string>): ProposedEnclosure[] {
  const enclosures: Array<Omit<ProposedEnclosure, 'title'> & { texts: string[] }> = [];
  let blank = false;
  for (const line of lines) {
    if (!line.text) {
      blank = true;
      continue;
    }
    const numbered = /^\d{1,2}[.)]\s+(.*)$/.exec(line.text);
    const last = enclosures[enclosures.length - 1];
    if (!numbered && last && (!blank || (!endsSentence(last.texts[last.texts.length - 1]) && startsLowercase(line.text)))) {
      last.texts.push(line.text);
      last.source.to = line.no;
    } else {
      enclosures.push({ texts: [numbered ? numbered[1] : line.text], confidence: numbered ? 'high' : 'low', source: { from: line.no, to: line.no } });
    }
    blank = false;
  }
  return enclosures.map(({ texts, confidence, source }) => ({ title: joinAll(texts, vocabulary).replace(/\.$/, '').trim(), confidence, source }));
}

/** "Namn, Titel<tab>2020-10-03" rows under "Attesterat av". */
export function approvalsFrom(lines: readonly SourceLine[]): ProposedApproval[] {
  const approvals: ProposedApproval[] = [];
  for (const line of lines) {
    const match = /^(.+?)(?:,\s*(.+?))?\s+(\d{4}-\d{2}-\d{2})$/u.exec(line.text);
    if (match) approvals.push({ name: match[1].trim(), title: match[2]?.trim() ?? null, date: match[3], source: { from: line.no, to: line.no } });
  }
  return approvals;
}
