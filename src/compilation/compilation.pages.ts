import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { idParam } from '../consultations/consultation-page-params';
import { crumbsFor } from '../recipients/recipients.pages';
import { formEtag, ifMatchFromForm } from '../web/etag-field';
import { notFound } from '../http/problem';
import { registerNotices, withNotice } from '../web/notices';
import type { Pages } from '../web/pages';
import { COORDINATING_ROLES } from '../coordination/coordination.pages';
import { compilationPage, MAX_COMPARED } from './compilation-page-data';
import { CompilationService } from './compilation.service';
import { summaryBody } from './compilation.schemas';
import { parseForService } from '../web/service-input';

registerNotices({ 'korthet-sparad': 'Raden i Svaren i korthet är sparad. Den står i sammanställningens PDF och i exporterna.' });

/**
 * Sammanställning of one remiss for the coordinating förvaltning (and registrators, admins): the
 * same CompilationService as GET /api/consultations/{id}/compilation, with every choice (filters,
 * sort, section, the answers compared) in the URL; Svaren i korthet written line by line with its
 * ETag (as PUT …/compilation/summaries/{responseId}).
 */
export function registerCompilationPages(pages: Pages, dataSource: DataSource): void {
  const compilations = new CompilationService(dataSource);

  pages.get('/remisser/:id/sammanstallning', COORDINATING_ROLES, async ({ params, query, actor }) => {
    const { consultation, compilation } = await compilations.compile(idParam(params), actor);
    const page = compilationPage(compilation, consultation, query);
    return {
      view: 'compilation/compilation',
      title: `Sammanställning – ${consultation.caseNumber}`,
      breadcrumbs: [...crumbsFor(consultation), { text: 'Sammanställning' }],
      data: {
        consultation: { id: consultation.id, caseNumber: consultation.caseNumber, title: consultation.title, dueDate: consultation.dueDate },
        counts: compilation.counts,
        maxCompared: MAX_COMPARED,
        ...page,
        values: page.filters,
        errors: page.tooMany ? [{ field: 'jamfor', message: `Välj högst ${MAX_COMPARED} remissinstanser att jämföra.` }] : [],
      },
    };
  });

  pages.form({
    path: '/remisser/:id/sammanstallning/korthet/:responseId',
    access: COORDINATING_ROLES,
    fields: z.object({
      text: z.string().trim().min(1, 'Skriv raden, eller gå tillbaka utan att spara.').max(1000, 'Raden får vara högst 1 000 tecken.'),
      etag: z.string().optional(),
    }),
    async show({ params, actor }, state) {
      const { consultation, compilation } = await compilations.compile(idParam(params), actor);
      const summary = compilation.summaries.find((line) => line.responseId === idParam(params, 'responseId'));
      const row = compilation.matrix.find((r) => r.responseId === idParam(params, 'responseId'));
      if (!row) throw notFound('The answer on this remiss');
      const base = `/remisser/${consultation.id}/sammanstallning`;
      return {
        view: 'compilation/summary-form',
        title: `Svaren i korthet: ${row.organisation.name} – ${consultation.caseNumber}`,
        breadcrumbs: [...crumbsFor(consultation), { href: base, text: 'Sammanställning' }, { text: 'Svaren i korthet' }],
        data: {
          consultation,
          organisation: row.organisation,
          summary,
          // Every answer has its row in Svaren i korthet (compilation-builder.ts): a row is an answer.
          answered: !!summary,
          href: `${base}/korthet/${row.responseId}`,
          back: `${base}#korthet`,
          conflict: state.conflict ? { theirs: summary?.line ?? '' } : null,
          errors: state.conflict ? [{ message: 'Någon annan har sparat raden sedan du öppnade sidan. Deras rad står ovanför; din står kvar i rutan. Spara igen för att behålla din.' }] : state.errors,
          values: { text: summary?.line ?? '', ...state.values, etag: formEtag(state, summary?.version ?? 0) },
        },
      };
    },
    async save({ params, context }, fields) {
      const id = idParam(params);
      // The API's own rule (printable characters) with its message at the field.
      const { text } = parseForService(summaryBody, { text: fields.text }, () => 'text');
      await compilations.saveSummary(id, idParam(params, 'responseId'), text, ifMatchFromForm(fields.etag), context);
      return `${withNotice(`/remisser/${id}/sammanstallning`, 'korthet-sparad')}#korthet`;
    },
  });
}
