import { AlignmentType, Document, FootnoteReferenceRun, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { StatementDocumentModel } from '../../src/documents/document-model';
import type { Block, Inline } from '../../src/statements/statement-body';
import { buildZip } from '../support/zip-writer';

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

/**
 * The same statement as an OpenDocument text written by hand: text:h with outline levels, a title
 * paragraph style, lists with a numbered and a bulleted list style, bold spans and text:note
 * footnotes (automatic styles in content.xml, as LibreOffice writes them).
 */
export function statementOdt(model: StatementDocumentModel): Buffer {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const inline = (content: readonly Inline[]) =>
    content
      .map((run) =>
        'footnote' in run
          ? `<text:note text:note-class="footnote"><text:note-citation>*</text:note-citation><text:note-body><text:p>${escape(run.footnote)}</text:p></text:note-body></text:note>`
          : run.bold
            ? `<text:span text:style-name="T1">${escape(run.text)}</text:span>`
            : escape(run.text),
      )
      .join('');
  const p = (text: string) => `<text:p>${escape(text)}</text:p>`;
  const h = (level: number, text: string) => `<text:h text:outline-level="${level}">${escape(text)}</text:h>`;
  const list = (block: Extract<Block, { items: unknown }>, style: string | null): string =>
    `<text:list${style ? ` text:style-name="${style}"` : ''}>${block.items
      .map((item) => `<text:list-item><text:p>${inline(item.content)}</text:p>${item.children ? list({ type: item.children.type, items: item.children.items }, null) : ''}</text:list-item>`)
      .join('')}</text:list>`;
  const body: string[] = [
    p(model.administration.name),
    p(model.administration.department ?? ''),
    p('Tjänsteutlåtande'),
    p(`Dnr ${model.caseNumber}`),
    p(model.date),
    p('Handläggare'),
    p(model.officer.name ?? ''),
    p(`Telefon: ${model.officer.phone}`),
    p('Till'),
    p(model.to),
    `<text:p text:style-name="Title">${escape(model.title)}</text:p>`,
    p(model.subtitle ?? ''),
  ];
  for (const section of model.sections) {
    body.push(h(1, section.heading));
    for (const block of section.body) {
      if (block.type === 'paragraph') body.push(`<text:p>${inline(block.content)}</text:p>`);
      else if (block.type === 'subheading') body.push(h(2, block.text));
      else body.push(list(block, block.type === 'numbered_list' ? 'L1' : 'L2'));
    }
  }
  for (const signatory of model.signatories) body.push(p(signatory.name ?? ''), p(signatory.title));
  body.push(h(1, 'Bilagor'), ...model.enclosures.map((enclosure, i) => p(`${i + 1}. ${enclosure.title}`)));
  const office = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"';
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${office} office:version="1.3">
<office:automatic-styles>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/><text:list-level-style-bullet text:level="2" text:bullet-char="•"/></text:list-style>
<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/><text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>
</office:automatic-styles>
<office:body><office:text>${body.join('\n')}</office:text></office:body>
</office:document-content>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${office} office:version="1.3"><office:styles>
<style:default-style style:family="paragraph"><style:text-properties fo:font-size="11pt"/></style:default-style>
<style:style style:name="Title" style:display-name="Title" style:family="paragraph"><style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>
</office:styles></office:document-styles>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;
  return buildZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
    { name: 'content.xml', data: content },
    { name: 'styles.xml', data: styles },
    { name: 'META-INF/manifest.xml', data: manifest },
  ]);
}
