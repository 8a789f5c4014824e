import { applyRepairs, repairOcrText, type Repair } from './ocr-repair';
import type { ImportContext, Proposal, SourceSpan } from './proposal';
import { proposeFromText } from './propose-from-text';
import type { ImportFormatName } from './statement-import.entity';

export interface ImportSource {
  text: string;
  format: ImportFormatName;
  /** Headings came with style, size or bold cues. */
  cued: boolean;
}

export interface Analysis {
  repairs: Repair[];
  damaged: boolean;
  proposal: Proposal;
}

/**
 * The proposal for a source text: OCR repairs found once (then kept, so undoing one rebuilds the same
 * list), the repairs not undone applied, the text read into a proposal, and every field that holds
 * a repair marked low confidence (DESIGN.md §10: the user must look at it).
 */
export function analyseImport(source: ImportSource, context: ImportContext, kept?: { repairs: Repair[]; damaged: boolean; undone: readonly number[] }): Analysis {
  // Every format: a Word file of an old answer is often an OCR'd scan saved as Word. A typed text has
  // no OCR damage to find (real words are changed only in a document that is damaged as a whole).
  const found = kept ?? repairOcrText(source.text, knownWords(context));
  const undone = new Set(kept?.undone ?? []);
  const text = applyRepairs(source.text, found.repairs, undone);
  const proposal = proposeFromText(text, { ...context, cued: source.cued });
  markRepairedFields(proposal, found.repairs.filter((r) => !undone.has(r.id)));
  return { repairs: found.repairs, damaged: found.damaged, proposal };
}

function knownWords(context: ImportContext): { names: readonly string[]; headings: readonly string[] } {
  return { names: context.organisations ?? [], headings: context.catalogue.map((entry) => entry.heading) };
}

function markRepairedFields(proposal: Proposal, repairs: readonly Repair[]): void {
  if (!repairs.length) return;
  const lines = new Set(repairs.map((r) => r.line));
  const holdsRepair = (span: SourceSpan | null) => !!span && [...lines].some((line) => line >= span.from && line <= span.to);
  for (const field of Object.values(proposal.header)) if (holdsRepair(field.source)) field.confidence = 'low';
  for (const item of [...proposal.sections, ...proposal.signatories, ...proposal.enclosures]) if (holdsRepair(item.source)) item.confidence = 'low';
  if (holdsRepair(proposal.stance.source)) proposal.stance.confidence = 'low';
  if (holdsRepair(proposal.deadline.source)) proposal.deadline.confidence = 'low';
}
