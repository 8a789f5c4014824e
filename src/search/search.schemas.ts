import { z } from '../http/zod-openapi';
import { isoDate, pageSchema, paginationQuery, uuidSchema } from '../http/schemas';
import { RESPONSE_STATUSES } from '../responses/response.entity';
import { STANCES } from '../statements/statement.entity';
import { MAX_QUERY_LENGTH } from './search-query';

export const HIT_KINDS = ['consultation', 'statement', 'section'] as const;
export type HitKind = (typeof HIT_KINDS)[number];

/** "a,b" → ['a', 'b'], each one of `values`. */
function list<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .string()
    .max(300)
    .transform((text) => [...new Set(text.split(',').map((part) => part.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(values, { message: `must be ${what}: ${values.join(', ')} (comma-separated for several)` })).min(1, `name at least one ${what}`))
    .openapi({ type: 'string', description: `One or more of ${values.join(', ')}, comma-separated.` });
}

export const searchQuery = z
  .strictObject({
    q: z
      .string({ message: 'is required: the words to search for' })
      .superRefine((text, ctx) => {
        if (text.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty: give the words to search for' });
        else if (text.length > MAX_QUERY_LENGTH) {
          ctx.addIssue({ code: 'custom', message: `is ${text.length} characters long; a search may be at most ${MAX_QUERY_LENGTH}` });
        }
      })
      .openapi({
        description:
          'Words to find (all of them), stemmed and without regard to diacritics ("vald" finds "våld"). "a phrase" for words in order, word* for a prefix, -word to exclude, OR between alternatives.',
        example: '"våld i nära relationer" boende',
      }),
    kind: list(HIT_KINDS, 'a kind of hit').optional(),
    consultationId: uuidSchema.optional(),
    organisationId: uuidSchema.optional().openapi({ description: 'The answering organisation (its nämnd or förvaltning); limits hits to answers.' }),
    sectionKey: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be a section key such as forvaltningens-synpunkter')
      .optional()
      .openapi({ description: 'Only sections with this key.' }),
    stance: list(STANCES, 'a stance').optional().openapi({ description: "The answer's ställningstagande (a section's own, where it has one). Limits hits to answers." }),
    status: list(RESPONSE_STATUSES, 'a response status').optional().openapi({ description: 'Status of the answer. Limits hits to answers.' }),
    from: isoDate.optional().openapi({ description: "On or after this date: a remiss's registration date, an answer's answered date (for a draft: the day the statement or section was last saved)." }),
    to: isoDate.optional(),
    ...paginationQuery,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'must not be before from', path: ['to'] });

const segment = z.object({ text: z.string(), match: z.boolean() });

export const snippetSchema = z
  .object({
    html: z.string().openapi({ description: 'The snippet as HTML: every character of the text escaped, matches in <mark>…</mark>.' }),
    parts: z.array(segment).openapi({ description: 'The same snippet as plain-text parts, matches flagged.' }),
  })
  .openapi('SearchSnippet');

export const searchHitSchema = z
  .object({
    kind: z.enum(HIT_KINDS),
    id: z.string().openapi({ description: 'The id of the remiss, statement or section.' }),
    rank: z.number(),
    date: z.string().nullable(),
    consultation: z.object({ id: z.string(), caseNumber: z.string(), title: z.string(), status: z.string() }),
    response: z
      .object({ id: z.string(), status: z.enum(RESPONSE_STATUSES), organisation: z.object({ id: z.string(), name: z.string() }) })
      .nullable()
      .openapi({ description: 'The answer a statement or section belongs to; null for a remiss.' }),
    statement: z.object({ id: z.string(), title: z.string(), stance: z.enum(STANCES).nullable() }).nullable(),
    section: z.object({ key: z.string(), heading: z.string(), stance: z.enum(STANCES).nullable() }).nullable(),
    snippet: snippetSchema,
  })
  .openapi('SearchHit');

export const searchPageSchema = pageSchema(searchHitSchema, 'SearchPage').extend({
  totalExact: z.boolean().openapi({
    description:
      'False when the search was too broad to rank every matching section: then only sections dated from sectionsFrom on were searched, total counts the hits among them, and there are more. Narrow the search (words, filters, to) to reach further back.',
  }),
  sectionsFrom: z.string().nullable().openapi({ description: 'With totalExact false: the first date (YYYY-MM-DD) of the sections searched.' }),
  query: z.string().openapi({ description: 'The query as PostgreSQL understood it (a tsquery): stems, phrases (<->), prefixes (:*). Empty when only stop words were given.' }),
});

export type SearchQuery = z.infer<typeof searchQuery>;
export type SearchHit = z.infer<typeof searchHitSchema>;
