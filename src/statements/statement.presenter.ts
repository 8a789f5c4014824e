import { z } from 'zod';
import { etagFor } from '../http/etag';
import { sectionBodySchema } from './statement-body';
import type { StatementSection } from './statement-section.entity';
import { STANCES } from './statement.entity';
import { headerSchema } from './statements.schemas';
import type { StatementView } from './statements.service';

export const sectionSchema = z
  .object({ key: z.string(), heading: z.string(), position: z.number().int(), body: sectionBodySchema, stance: z.enum(STANCES).nullable(), version: z.number().int(), etag: z.string(), updatedAt: z.string() })
  .openapi('Section');

export const statementSchema = z
  .object({
    id: z.string(),
    responseId: z.string(),
    header: headerSchema,
    signatories: z.array(z.object({ name: z.string().nullable(), title: z.string() })),
    enclosures: z.array(z.object({ title: z.string() })),
    stance: z.enum(STANCES).nullable(),
    sections: z.array(sectionSchema),
    version: z.number().int(),
    /** If-Match for PUT …/statement/header: changes only when the header, signatories, bilagor or stance do. */
    headerEtag: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Statement');

export const presentSection = (s: StatementSection) => ({
  key: s.key,
  heading: s.heading,
  position: s.position,
  body: s.body,
  stance: s.stance,
  version: s.version,
  etag: `"v${s.version}"`,
  updatedAt: s.updatedAt.toISOString(),
});

export function presentStatement({ statement, sections }: StatementView) {
  return {
    id: statement.id,
    responseId: statement.responseId,
    header: statement.header,
    signatories: statement.signatories,
    enclosures: statement.enclosures,
    stance: statement.stance,
    sections: sections.map(presentSection),
    version: statement.version,
    headerEtag: etagFor(statement.headerVersion),
    updatedAt: statement.updatedAt.toISOString(),
  };
}
