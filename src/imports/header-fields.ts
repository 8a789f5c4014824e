import type { ProposedField, ProposedHeader } from './proposal';
import { CASE_NUMBER, dateOnLine, fold, joinAll } from './import-text';
import type { SourceLine } from './source-lines';

/**
 * The header: the lines before the first section. Labelled fields ("Handläggare", "Telefon",
 * "Till", "Dnr") are sure; the förvaltning, avdelning, title and sub-title are read from their
 * place (the letterhead block, then the first blocks of text) and are marked low where the
 * place is all the import has to go on.
 */
const none = <T>(): ProposedField<T | null> => ({ value: null, confidence: 'low', source: null });
const at = <T>(value: T, line: SourceLine, confidence: 'high' | 'low' = 'high', to = line): ProposedField<T> => ({
  value,
  confidence,
  source: { from: line.no, to: to.no },
});

const ADMINISTRATION = /(forvaltning|forvaltningen|kontoret|kontor)$/;
const DEPARTMENT = /^(avdelning|avdelningen|stab|staben|enhet|enheten)\b|(avdelning|avdelningen|enheten|stab|staben)$/;
const COMMITTEE = /(namnd|namnden|styrelse|styrelsen|fullmaktige)$/;
const PHONE = /telefon:?\s*(\+?[\d][\d\s-]{4,}\d)/iu;
const TILL_INLINE = /(?:^|\*\*)\s*Till\s*(?:\*\*)?\s*:?\s*$/u;

export function headerFrom(lines: readonly SourceLine[], vocabulary: ReadonlySet<string>, organisations: readonly string[]): ProposedHeader {
  const header: ProposedHeader = {
    administration: none(),
    department: none(),
    officerName: none(),
    officerPhone: none(),
    to: none(),
    date: none(),
    ownCaseNumber: none(),
    remissCaseNumber: none(),
    title: none(),
    subtitle: none(),
  };
  const known = new Set(organisations.map(fold));
  const used = new Set<number>();
  const textLines = lines.filter((l) => l.text);
  const position = new Map(textLines.map((line, index) => [line, index]));
  const nextAfter = (line: SourceLine) => textLines[position.get(line)! + 1];
  let seenTitle = false;

  for (const line of textLines) {
    if (used.has(line.no)) continue;
    const text = line.text;
    const folded = fold(text);
    const useNext = (field: keyof ProposedHeader) => {
      const next = nextAfter(line);
      if (next && !used.has(next.no)) {
        (header[field] as ProposedField<string | null>) = at(next.text.replace(/\*\*/g, '').trim(), next);
        used.add(next.no);
      }
    };
    if (folded === 'tjansteutlatande' || folded === 'stockholms stad') {
      used.add(line.no);
      continue;
    }
    const phone = PHONE.exec(text);
    if (phone) {
      header.officerPhone = at(phone[1].trim(), line);
      used.add(line.no);
      if (TILL_INLINE.test(text.replace(PHONE, ''))) useNext('to');
      continue;
    }
    const officer = /^handl[aä]ggare:?\s*(.*)$/iu.exec(text);
    if (officer) {
      used.add(line.no);
      if (officer[1]) header.officerName = at(officer[1].trim(), line);
      else if (!PHONE.test(nextAfter(line)?.text ?? '')) useNext('officerName');
      continue;
    }
    const till = /^(?:\*\*)?Till(?:\*\*)?:?\s*(.*)$/u.exec(text);
    if (till && (!till[1] || COMMITTEE.test(fold(till[1])) || known.has(fold(till[1])))) {
      used.add(line.no);
      if (till[1]) header.to = at(till[1].trim(), line);
      else useNext('to');
      continue;
    }
    const date = dateOnLine(text);
    if (date && !header.date.value) {
      header.date = at(date, line);
      used.add(line.no);
      continue;
    }
    const caseNumber = CASE_NUMBER.exec(text);
    if (caseNumber && /^dnr\b/.test(folded) && !seenTitle) {
      header.ownCaseNumber = at(caseNumber[0], line);
      used.add(line.no);
      continue;
    }
    if (!seenTitle && !header.administration.value && ADMINISTRATION.test(folded.replace(/[^a-z ]/g, '')) && text.split(/\s+/).length <= 6) {
      header.administration = at(text, line);
      used.add(line.no);
      const next = nextAfter(line);
      if (next && DEPARTMENT.test(fold(next.text))) {
        header.department = at(next.text, next);
        used.add(next.no);
      }
      continue;
    }
    if (!seenTitle && !header.to.value && (known.has(folded) || COMMITTEE.test(folded)) && text.split(/\s+/).length <= 5) {
      header.to = at(text, line, 'low');
      used.add(line.no);
      continue;
    }
    seenTitle = true;
  }

  // What is left, in blocks separated by blank lines: the title, then the sub-title.
  const blocks: SourceLine[][] = [];
  let block: SourceLine[] = [];
  for (const line of lines) {
    if (!line.text || used.has(line.no)) {
      if (block.length) blocks.push(block);
      block = [];
    } else block.push(line);
  }
  if (block.length) blocks.push(block);
  const [titleBlock, subtitleBlock] = blocks;
  const join = (b: SourceLine[]) => joinAll(b.map((l) => l.text), vocabulary);
  if (titleBlock) header.title = at(join(titleBlock), titleBlock[0], 'high', titleBlock[titleBlock.length - 1]);
  if (subtitleBlock) header.subtitle = at(join(subtitleBlock), subtitleBlock[0], 'low', subtitleBlock[subtitleBlock.length - 1]);

  // The remiss's Dnr is the one in the title lines ("Svar på remiss …, Dnr KS 2020/924").
  for (const b of [titleBlock, subtitleBlock]) {
    if (!b || header.remissCaseNumber.value) continue;
    const text = join(b);
    const caseNumber = CASE_NUMBER.exec(text);
    if (caseNumber) header.remissCaseNumber = at(caseNumber[0], b[0], /remiss|dnr/i.test(text) ? 'high' : 'low', b[b.length - 1]);
  }
  return header;
}
