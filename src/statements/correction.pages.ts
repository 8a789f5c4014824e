import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { notFound } from '../http/problem';
import { ifMatchFromForm, pageId, formEtag } from '../web/etag-field';
import { FormRejection } from '../web/form-errors';
import { registerNotices, withNotice } from '../web/notices';
import type { Pages } from '../web/pages';
import { parseForService } from '../web/service-input';
import { bodyToMarkup, markupToBody } from './body-markup';
import { MARKUP_HELP } from './body-markup-help';
import { sectionHref, statementContext, statementCrumbs } from './statement-page-data';
import { correctionBody } from './statements.schemas';
import { StatementsService } from './statements.service';

registerNotices({ rattat: 'Rättelsen är sparad. Den syns med sitt skäl under Versioner.' });

const correctionFields = z.object({
  etag: z.string().optional(),
  body: z.string().max(200_000, 'Texten är för lång.'),
  reason: z.string().trim().min(5, 'Skriv varför det inskickade svaret rättas (minst 5 tecken).').max(1000, 'Skälet får vara högst 1 000 tecken.'),
});

/**
 * Rätta: a submitted answer is a record and is never edited in place; a correction of one section,
 * with the reason, becomes a revision of its own, audited and listed as Rättelse under Versioner
 * (StatementsService.correct, as POST …/statement/corrections, with the statement's ETag).
 */
export function registerCorrectionPages(pages: Pages, dataSource: DataSource): void {
  const statements = new StatementsService(dataSource);

  pages.form({
    path: '/svar/:id/utlatande/avsnitt/:key/ratta',
    access: ['handlaggare', 'admin'],
    fields: correctionFields,
    async show({ params, actor }, state) {
      const view = await statements.forEditor(pageId(params, 'Tjänsteutlåtandet'), actor);
      const section = view.sections.find((s) => s.key === params.key);
      if (!section) throw notFound(`The section ${params.key}`);
      const stale = state.conflict ? [{ message: 'Någon har rättat utlåtandet sedan du öppnade sidan. Texten nedan är din; jämför med Versioner och spara igen.' }] : [];
      return {
        view: 'statements/correction-form',
        title: `Rätta ${section.heading} – ${view.scope.consultation.caseNumber}`,
        breadcrumbs: statementCrumbs(view, { href: sectionHref(view.scope.response.id, section.key), text: section.heading }, { text: 'Rätta' }),
        data: {
          ...statementContext(view),
          section,
          correctable: view.correctable,
          href: sectionHref(view.scope.response.id, section.key),
          help: MARKUP_HELP,
          errors: [...stale, ...state.errors],
          // A refused save keeps the version it was read at: only the conflict view moves it on.
          values: { body: bodyToMarkup(section.body), reason: '', ...state.values, etag: formEtag(state, view.statement.version) },
        },
      };
    },
    async save({ params, actor, context }, fields) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      const view = await statements.forEditor(id, actor);
      const section = view.sections.find((s) => s.key === params.key);
      if (!section) throw notFound(`The section ${params.key}`);
      const parsed = markupToBody(fields.body);
      if ('errors' in parsed) throw new FormRejection([{ field: 'body', message: parsed.errors.map((e) => e.message).join(' ') }]);
      const input = parseForService(correctionBody, { reason: fields.reason, sections: [{ key: section.key, heading: section.heading, body: parsed.body, stance: section.stance }] }, (path) =>
        path[0] === 'reason' ? 'reason' : 'body',
      );
      await statements.correct(id, ifMatchFromForm(fields.etag), input, context);
      return withNotice(sectionHref(id, section.key), 'rattat');
    },
  });
}
