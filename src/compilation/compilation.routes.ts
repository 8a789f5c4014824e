import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { rolesOnly } from '../authz/policy';
import { loadCompilationDocument } from '../documents/compilation-document.loader';
import { COMPILATION_GROUPINGS } from '../documents/document-model';
import type { DocumentRenderer } from '../documents/document-renderer';
import { contentDisposition } from '../http/content-disposition';
import type { Api } from '../http/route';
import { idParams, uuidSchema } from '../http/schemas';
import { requireIfMatch, setEtag } from '../http/etag';
import { RESPONSE_STATUSES } from '../responses/response.entity';
import { sectionBodySchema } from '../statements/statement-body';
import { STANCES } from '../statements/statement.entity';
import { compilationCsv, compilationXlsx } from './compilation-exports';
import { CompilationService } from './compilation.service';
import { summaryBody } from './compilation.schemas';

const TAG = 'Sammanställning';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const policy = rolesOnly(['coordinator', 'registrator', 'admin'], 'coordinating');

const matrixDecisionSchema = z
  .object({ meetingDate: z.string(), paragraph: z.string(), protokollsutdrag: z.object({ fileName: z.string(), href: z.string() }).nullable() })
  .openapi('CompilationDecision', { description: "The nämnd's decision behind a submitted statement, with its protokollsutdrag (href downloads it) once attached" });

const summaryLineSchema = z
  .object({
    organisation: z.string(),
    responseId: z.string(),
    line: z.string().openapi({ description: 'What is printed and exported: the written line, else the suggestion' }),
    suggestion: z.string().nullable(),
    written: z.object({ by: z.string(), at: z.string() }).nullable(),
    version: z.number().int().openapi({ description: "The line's version, 0 while only suggested: its ETag is \"v<version>\"" }),
  })
  .openapi('SummaryLine');

const summaryParams = z.strictObject({ id: uuidSchema, responseId: uuidSchema });


const compilationSchema = z
  .object({
    consultation: z.object({ id: z.string(), caseNumber: z.string(), title: z.string() }),
    matrix: z.array(z.object({ recipientId: z.string(), responseId: z.string(), position: z.number().int().openapi({ description: 'Order among the remissinstanser' }), organisation: z.object({ id: z.string(), name: z.string(), kind: z.string() }), role: z.string(), required: z.boolean(), status: z.enum(RESPONSE_STATUSES), dueDate: z.string().nullable(), extended: z.boolean(), answeredDate: z.string().nullable(), late: z.boolean(), stance: z.enum(STANCES).nullable(), receivedExternally: z.boolean(), decision: matrixDecisionSchema.nullable() })),
    counts: z.object({ recipients: z.number().int(), byStatus: z.record(z.string(), z.number().int()), byStance: z.record(z.string(), z.number().int()) }),
    sections: z.array(z.object({ key: z.string(), heading: z.string(), stanceCounts: z.record(z.string(), z.number().int()), entries: z.array(z.object({ organisation: z.object({ id: z.string(), name: z.string() }), responseId: z.string(), heading: z.string().openapi({ description: 'The heading as this answer has it; the section heading is the first answer’s.' }), position: z.number().int(), stance: z.enum(STANCES).nullable(), body: sectionBodySchema, text: z.string() })) })),
    notAnswered: z.array(z.string()),
    declined: z.array(z.string()),
    answeredLate: z.array(z.string()),
    beredning: z.string().openapi({ example: 'Ärendet har remitterats till stadsledningskontoret, socialnämnden och Södermalms stadsdelsnämnd.' }),
    summaries: z.array(summaryLineSchema).openapi({ description: "Svaren i korthet: one line per answer, the coordinator's own (written) where saved, else the suggestion (a submitted answer's ställningstagande and the first sentence of Förvaltningens synpunkter)" }),
  })
  .openapi('Compilation');

/** "Sammanställning KS 2020/924.csv" as a download (content-disposition.ts makes the header safe). */
const dispositionFor = (caseNumber: string, extension: string) => contentDisposition(`Sammanställning ${caseNumber}.${extension}`);

export function registerCompilationRoutes(api: Api, dataSource: DataSource): void {
  const compilations = new CompilationService(dataSource);

  api.add({
    method: 'get',
    path: '/api/consultations/:id/compilation',
    tag: TAG,
    summary: 'Sammanställning: status matrix, answered sections side by side, who is missing, the beredning paragraph',
    policy,
    params: idParams,
    response: compilationSchema,
    errors: [404],
    handler: async ({ params, context }) => {
      const { consultation, compilation } = await compilations.compile(params.id, context.actor!);
      return { consultation: { id: consultation.id, caseNumber: consultation.caseNumber, title: consultation.title }, ...compilation };
    },
  });

  api.add({
    method: 'put',
    path: '/api/consultations/:id/compilation/summaries/:responseId',
    tag: TAG,
    summary:
      "Svaren i korthet: the coordinator's line on one answer (submitted, avstår or inga synpunkter; 409 otherwise), in place of the suggestion in the JSON, CSV, XLSX and PDF; If-Match with the line's ETag (\"v0\" while only suggested), audited",
    policy,
    params: summaryParams,
    body: summaryBody,
    response: summaryLineSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      await compilations.saveSummary(params.id, params.responseId, body.text, requireIfMatch(req), context);
      // The API answers with the saved line as the sammanställning shows it (the page redirects instead).
      const { compilation } = await compilations.compile(params.id, context.actor!);
      const line = compilation.summaries.find((summary) => summary.responseId === params.responseId)!;
      setEtag(res, line.version);
      return line;
    },
  });

  api.add({
    method: 'get',
    path: '/api/consultations/:id/compilation.csv',
    tag: TAG,
    summary: 'The status matrix as CSV for Swedish Excel (UTF-8 with BOM, semicolons)',
    policy,
    params: idParams,
    produces: ['text/csv'],
    errors: [404],
    handler: async ({ params, context, res }) => {
      const { consultation, compilation } = await compilations.compile(params.id, context.actor!);
      res.type('text/csv; charset=utf-8').set('Content-Disposition', dispositionFor(consultation.caseNumber, 'csv')).send(compilationCsv(compilation, { closed: consultation.status === 'closed' }));
    },
  });

  api.add({
    method: 'get',
    path: '/api/consultations/:id/compilation.xlsx',
    tag: TAG,
    summary: 'The sammanställning as an Excel workbook: the matrix, and one sheet per section',
    policy,
    params: idParams,
    produces: [XLSX_TYPE],
    errors: [404],
    handler: async ({ params, context, res }) => {
      const { consultation, compilation } = await compilations.compile(params.id, context.actor!);
      const workbook = await compilationXlsx(compilation, `Sammanställning ${consultation.caseNumber}`, { closed: consultation.status === 'closed' });
      res.type(XLSX_TYPE).set('Content-Disposition', dispositionFor(consultation.caseNumber, 'xlsx')).send(workbook);
    },
  });
}

const pdfQuery = z.strictObject({
  groupBy: z.enum(COMPILATION_GROUPINGS).default('section').openapi({ description: "'section': each section with every organisation's text side by side; 'recipient': each organisation's answer in full" }),
});

/**
 * GET …/compilation.pdf: the sammanställning as one PDF/A-2a, rendered in one pass (merging
 * finished PDFs would drop the tagging and the PDF/A conformance), in the PDF worker pool and
 * streamed. Same policy as the JSON compilation.
 */
export function registerCompilationPdfRoute(api: Api, deps: { dataSource: DataSource; renderer: DocumentRenderer }): void {
  const compilations = new CompilationService(deps.dataSource);
  api.add({
    method: 'get',
    path: '/api/consultations/:id/compilation.pdf',
    tag: TAG,
    summary: 'The sammanställning as an archivable PDF (PDF/A-2a): title page, status table, then the answers per section or per remissinstans',
    policy,
    params: idParams,
    query: pdfQuery,
    produces: ['application/pdf'],
    errors: [404, 503],
    handler: async ({ params, query, context, res }) => {
      const { consultation, compilation } = await compilations.compile(params.id, context.actor!);
      const model = await loadCompilationDocument(deps.dataSource.manager, consultation, compilation, query.groupBy);
      await deps.renderer.sendPdf(res, { kind: 'compilation', model }, `Sammanställning ${consultation.caseNumber}.pdf`);
    },
  });
}
