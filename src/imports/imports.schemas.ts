import { z } from '../http/zod-openapi';
import { uuidSchema } from '../http/schemas';
import { putStatementBody } from '../statements/statements.schemas';
import { IMPORT_FORMATS, IMPORT_STATUSES, type StatementImport } from './statement-import.entity';

export const importParams = z.strictObject({ id: uuidSchema, importId: uuidSchema });
export const repairParams = z.strictObject({ id: uuidSchema, importId: uuidSchema, repairId: z.coerce.number().int().min(0).max(1_000_000) });

export const repairBody = z.strictObject({ undone: z.boolean() }).openapi('ImportRepairChoice');

export const acceptBody = z
  .strictObject({
    keepFile: z.boolean().default(false).openapi({ description: 'Keep the imported file as a bilaga of the response' }),
    statement: putStatementBody.optional().openapi({ description: 'The statement as edited before accepting; absent: the proposal as it stands' }),
    importVersion: z.number().int().min(1).optional().openapi({ description: "The import's version the proposal was read at; a repair undone or restored since is 409 import-changed" }),
  })
  .openapi('ImportAcceptance');

const repairSchema = z.object({
  id: z.number().int(),
  from: z.string(),
  to: z.string(),
  line: z.number().int().openapi({ description: '1-based line of sourceText' }),
  offset: z.number().int(),
  realWord: z.boolean().openapi({ description: 'The damaged form was itself a Swedish word (changed only because the document is OCR-damaged and the context supports it)' }),
  undone: z.boolean(),
});

export const importSchema = z
  .object({
    id: z.uuid(),
    responseId: z.uuid(),
    status: z.enum(IMPORT_STATUSES),
    format: z.enum(IMPORT_FORMATS),
    fileName: z.string(),
    sizeBytes: z.number().int(),
    progress: z.object({ pagesDone: z.number().int(), pages: z.number().int().nullable() }).openapi({ description: 'OCR progress of a scan' }),
    error: z.string().nullable().openapi({ description: 'Why the scan could not be read (Swedish)' }),
    damaged: z.boolean().openapi({ description: 'The text as a whole looked OCR-damaged' }),
    cued: z.boolean().openapi({ description: 'Headings came with style, size or bold cues' }),
    repairs: z.array(repairSchema),
    sourceText: z.string().nullable().openapi({ description: 'The text as read from the file (or by OCR), before repairs; source spans count its lines' }),
    proposal: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: 'The proposed statement: header fields, deadline, sections (catalogue keys), signatories, enclosures, approvals, stance, each with confidence (high|low) and source lines; unprintable characters; page furniture removed' }),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .openapi('StatementImport');

export function presentImport(found: StatementImport) {
  const undone = new Set(found.undone);
  return {
    id: found.id,
    responseId: found.responseId,
    status: found.status,
    format: found.format,
    fileName: found.fileName,
    sizeBytes: Number(found.sizeBytes),
    progress: { pagesDone: found.pagesDone, pages: found.pagesTotal },
    error: found.error,
    damaged: found.damaged,
    cued: found.cued,
    repairs: found.repairs.map((r) => ({ id: r.id, from: r.from, to: r.to, line: r.line, offset: r.offset, realWord: r.realWord, undone: undone.has(r.id) })),
    sourceText: found.sourceText,
    proposal: found.proposal as unknown as Record<string, unknown> | null,
    createdAt: found.createdAt.toISOString(),
    version: found.version,
  };
}
