import { z } from './zod-openapi';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    existing: z
      .object({ id: z.string(), caseNumber: z.string(), title: z.string(), href: z.string() })
      .optional()
      .openapi({ description: 'On a 409 for a diarienummer already in use: the remiss that has it' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

export const uuidSchema = z.uuid({ message: 'must be a UUID' });
export const idParams = z.strictObject({ id: uuidSchema });

/** ISO 8601 calendar date, e.g. 2020-12-02. */
export const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const MAX_PAGE_SIZE = 200;

export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
    .openapi(name);
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const paginationQuerySchema = z.strictObject(paginationQuery);

/** One page of a short list the service has read whole (a recipient's anstånd, the template catalogues). */
export function pageOf<T>(all: readonly T[], page: { limit: number; offset: number }): Page<T> {
  return { items: all.slice(page.offset, page.offset + page.limit), total: all.length, limit: page.limit, offset: page.offset };
}

/**
 * The total of a page whose rows carry it (count(*) OVER () in the page query). Past the last
 * page no row carries it, so `count` is asked then; an empty first page means none at all.
 */
export async function pageTotal(rows: ReadonlyArray<{ total?: unknown }>, offset: number, count: () => Promise<number>): Promise<number> {
  if (rows.length) return Number(rows[0].total);
  return offset > 0 ? count() : 0;
}
