/**
 * OCR word repair for imported tjänsteutlåtanden: repairOcrText finds and repairs the words a scan
 * damaged (lost å/ä/ö, look-alike glyphs, "1" for "i") and lists every change; applyRepairs
 * rebuilds the text with some of them undone.
 */
export { repairOcrText, type Repair, type RepairResult, type KnownWords } from './repair-text';
export { applyRepairs } from './apply-repairs';
