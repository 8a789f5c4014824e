import { AlignmentType, Document, FootnoteReferenceRun, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { StatementDocumentModel } from '../../src/documents/document-model';
import type { Block, Inline } from '../../src/statements/statement-body';

/**
 * An invented statement written as a Word document the way a förvaltning writes one: the
 * letterhead lines, Handläggare, Till, the title, the sections, the signatures and Bilagor.
 * 'styles': Word's heading styles (Heading 1/2, Title); 'direct': no styles at all, headings only
 * bold and larger, as many documents really are.
 */
export type DocxMode = 'styles' | 'direct';

type Line = { kind: 'text'; runs: ParagraphChild[]; list?: { reference: string; level: number } } | { kind: 'title' | 'section' | 'sub'; text: string };

const runsOf = (content: readonly Inline[]): ParagraphChild[] =>
  content.map((inline) => ('footnote' in inline ? new FootnoteReferenceRun({ children: [new Paragraph(inline.footnote)] }) : new TextRun({ text: inline.text, bold: inline.bold })));

function linesOf(model: StatementDocumentModel): Line[] {
  const text = (t: string): Line => ({ kind: 'text', runs: [new TextRun(t)] });
  const lines: Line[] = [
    text(model.administration.name),
    text(model.administration.department ?? ''),
    text('Tjänsteutlåtande'),
    text(`Dnr ${model.caseNumber}`),
    text(model.date),
    text('Handläggare'),
    text(model.officer.name ?? ''),
    text(`Telefon: ${model.officer.phone}`),
    text('Till'),
    text(model.to),
    { kind: 'title', text: model.title },
    text(model.subtitle ?? ''),
  ];
  for (const section of model.sections) {
    lines.push({ kind: 'section', text: section.heading });
    for (const block of section.body) lines.push(...blockLines(block));
  }
  for (const signatory of model.signatories) lines.push(text(signatory.name ?? ''), text(signatory.title));
  lines.push({ kind: 'section', text: 'Bilagor' });
  model.enclosures.forEach((enclosure, i) => lines.push(text(`${i + 1}. ${enclosure.title}`)));
  return lines;
}

function blockLines(block: Block): Line[] {
  if (block.type === 'paragraph') return [{ kind: 'text', runs: runsOf(block.content) }];
  if (block.type === 'subheading') return [{ kind: 'sub', text: block.text }];
  const reference = block.type === 'numbered_list' ? 'numbered' : 'bullets';
  return block.items.flatMap((item) => [
    { kind: 'text' as const, runs: runsOf(item.content), list: { reference, level: 0 } },
    ...(item.children?.items ?? []).map((child) => ({ kind: 'text' as const, runs: runsOf(child.content), list: { reference, level: 1 } })),
  ]);
}

/** Direct formatting: the heading's runs set bold and a size (half-points) themselves. */
const DIRECT_SIZE = { title: 32, section: 28, sub: 24 } as const;

export async function statementDocx(model: StatementDocumentModel, mode: DocxMode): Promise<Buffer> {
  const paragraphs = linesOf(model).map((line) => {
    if (line.kind === 'text') return new Paragraph({ children: line.runs, numbering: line.list });
    if (mode === 'styles') {
      const heading = line.kind === 'title' ? HeadingLevel.TITLE : line.kind === 'section' ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2;
      return new Paragraph({ heading, children: [new TextRun(line.text)] });
    }
    return new Paragraph({ children: [new TextRun({ text: line.text, bold: true, size: DIRECT_SIZE[line.kind] })] });
  });
  const level = (n: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({ level: n, format, text, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (n + 1), hanging: 360 } } } });
  const document = new Document({
    numbering: {
      config: [
        { reference: 'numbered', levels: [level(0, LevelFormat.DECIMAL, '%1.'), level(1, LevelFormat.BULLET, '•')] },
        { reference: 'bullets', levels: [level(0, LevelFormat.BULLET, '•'), level(1, LevelFormat.BULLET, '◦')] },
      ],
    },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(document);
}

export { linesOf as statementLines, type Line as StatementLine };
