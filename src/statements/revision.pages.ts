import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { etagFor } from '../http/etag';
import { idParams } from '../http/schemas';
import { offsetFor, paginationFor } from '../web/list-links';
import { ifMatchFromForm, pageId } from '../web/etag-field';
import { registerNotices, withNotice } from '../web/notices';
import type { PageInput, Pages } from '../web/pages';
import { RevisionsService } from './revisions.service';
import type { RevisionKind } from './statement-revision.entity';
import { statementContext, statementCrumbs, statementHref } from './statement-page-data';
import { StatementsService } from './statements.service';

const PAGE_SIZE = 25;

registerNotices({ 'version-aterstalld': 'Versionen är återställd som en ny version.' });

const KIND_LABELS: Record<RevisionKind, string> = {
  created: 'Utkastet skapades',
  header: 'Uppgifterna i huvudet sparade',
  statement: 'Hela utlåtandet sparat',
  section: 'Avsnitt sparat',
  correction: 'Rättelse',
  restore: 'Återställd',
};

const CHANGE_LABELS: Record<string, string> = { added: 'Tillagt', removed: 'Borttaget', changed: 'Ändrat' };

/** A revision id from the query; anything else is simply no choice (never a database error). */
const revisionId = (value: unknown) => (idParams.safeParse({ id: value }).success ? (value as string) : undefined);

/**
 * Versioner: every save of the statement (who, what, when), newest first; the word diff between
 * any two (the same RevisionsService.diff as GET …/revisions/diff); restoring one as a new version
 * after confirming (RevisionsService.restore, with the statement's ETag, as POST …/restore).
 */
export function registerRevisionPages(pages: Pages, dataSource: DataSource): void {
  const statements = new StatementsService(dataSource);
  const revisions = new RevisionsService(dataSource);

  pages.get('/svar/:id/utlatande/versioner', 'user', async ({ params, query, actor }: PageInput) => {
    const id = pageId(params, 'Tjänsteutlåtandet');
    const view = await statements.forEditor(id, actor);
    const page = await revisions.list(id, actor, { limit: PAGE_SIZE, offset: offsetFor(query, PAGE_SIZE) });
    const base = `${statementHref(id)}/versioner`;
    const from = revisionId(query.fran);
    const to = revisionId(query.till);
    const diff = from && to ? await revisions.diff(id, from, to, actor) : undefined;
    const sectionNames = new Map(view.sections.map((s) => [s.key, s.heading]));
    return {
      view: 'statements/revisions',
      title: `Versioner – ${view.scope.consultation.caseNumber}`,
      breadcrumbs: statementCrumbs(view, { text: 'Versioner' }),
      data: {
        ...statementContext(view),
        base,
        total: page.total,
        items: page.items.map((r) => ({
          ...r,
          kindLabel: KIND_LABELS[r.kind],
          sectionHeading: r.sectionKey ? (sectionNames.get(r.sectionKey) ?? r.sectionKey) : null,
          restoreHref: `${base}/${r.id}/aterstall`,
        })),
        options: page.items.map((r) => ({ value: r.id, text: `Version ${r.number}` })),
        values: { fran: from ?? page.items[1]?.id, till: to ?? page.items[0]?.id },
        diff: diff && {
          from: diff.from,
          to: diff.to,
          headerChanged: diff.header.length > 0 || diff.stanceChanged,
          sections: diff.sections.filter((s) => s.change !== 'unchanged').map((s) => ({ ...s, changeLabel: CHANGE_LABELS[s.change] })),
        },
        pagination: paginationFor(base, {}, page),
      },
    };
  });

  pages.form({
    path: '/svar/:id/utlatande/versioner/:revisionId/aterstall',
    access: ['handlaggare', 'admin'],
    fields: z.object({ etag: z.string().optional() }),
    async show({ params, actor }, state) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      const view = await statements.forEditor(id, actor);
      const revision = await revisions.get(id, pageId({ id: params.revisionId }, 'Versionen'), actor);
      const stale = state.conflict ? [{ message: 'Någon annan har sparat i utlåtandet sedan du öppnade sidan. Inget har ändrats; bekräfta igen om du fortfarande vill återställa.' }] : [];
      return {
        view: 'statements/confirm-restore',
        title: `Återställ version ${revision.number}`,
        breadcrumbs: statementCrumbs(view, { href: `${statementHref(id)}/versioner`, text: 'Versioner' }, { text: `Återställ version ${revision.number}` }),
        data: { ...statementContext(view), revision, etag: etagFor(view.statement.version), errors: [...stale, ...state.errors] },
      };
    },
    async save({ params, context }, fields) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      await revisions.restore(id, pageId({ id: params.revisionId }, 'Versionen'), ifMatchFromForm(fields.etag), undefined, context);
      return withNotice(`${statementHref(id)}/versioner`, 'version-aterstalld');
    },
  });
}
