import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Role } from '../authz/roles';
import { etagFor } from '../http/etag';
import { notFound } from '../http/problem';
import { conflictRows } from '../web/conflict-rows';
import { ifMatchFromForm, formEtag } from '../web/etag-field';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, Pages, PageView } from '../web/pages';
import { parseForService } from '../web/service-input';
import type { SectionTemplate } from './section-template.entity';
import {
  createTemplateFields,
  DEFAULT_TEXT_FIELDS,
  editTemplateFields,
  rejectBrokenTemplates,
  templateConflictFields,
  templateFieldFor,
  templateInput,
  templateValues,
} from './section-template-form';
import { createSectionTemplateBody, keyParams, updateSectionTemplateBody } from './section-templates.schemas';
import { SectionTemplatesService } from './section-templates.service';

const ADMINS: readonly Role[] = ['admin'];
const START = { href: '/', text: 'Start' };
const CATALOGUE_CRUMB = { href: '/avsnittskatalog', text: 'Avsnittskatalogen' };

registerNotices({
  'katalog-avsnitt-tillagt': 'Avsnittet är tillagt i katalogen.',
  'katalog-avsnitt-sparat': 'Avsnittet är sparat.',
  'katalog-avsnitt-flyttat': 'Avsnittet är flyttat.',
});

/** The `:key` of a page's path; anything but a section key is a page that does not exist. */
function keyOf(params: Record<string, string>): string {
  const parsed = keyParams.safeParse({ key: params.key });
  if (!parsed.success) throw notFound('The section template');
  return parsed.data.key;
}

/** Which kinds have a default text of their own, in Swedish: "Alla, Nämnder". */
function defaultsSummary(template: SectionTemplate): string {
  const kinds = DEFAULT_TEXT_FIELDS.filter((field) => template.defaults[field.kind]).map((field) => (field.kind === '*' ? 'Alla' : field.label.replace('Standardtext för ', '')));
  return kinds.length ? kinds.join(', ').replace(/^./, (c) => c.toUpperCase()) : 'Ingen';
}

/** Avsnittskatalogen: the standard sections of a tjänsteutlåtande, over the same service as /api/section-templates. */
export function registerSectionCataloguePages(pages: Pages, dataSource: DataSource): void {
  const templates = new SectionTemplatesService(dataSource);

  pages.get('/avsnittskatalog', ADMINS, async () => {
    const entries = await templates.list();
    return {
      view: 'section-catalogue/list',
      title: 'Avsnittskatalogen',
      breadcrumbs: [START, { text: 'Avsnittskatalogen' }],
      data: {
        rows: entries.map((entry, index) => ({
          key: entry.key,
          place: index + 1,
          heading: entry.heading,
          standard: entry.standard,
          required: entry.required,
          defaults: defaultsSummary(entry),
          etag: etagFor(entry.version),
          mayMoveUp: index > 0,
          mayMoveDown: index < entries.length - 1,
        })),
      },
    };
  });

  async function showForm(state: FormState, stored: SectionTemplate | undefined): Promise<PageView> {
    const values = state.values ?? (stored ? templateValues(stored) : { standard: 'ja' });
    const data: Record<string, unknown> = {
      errors: state.errors,
      values: { ...values, etag: stored ? formEtag(state, stored.version) : undefined },
      defaultFields: DEFAULT_TEXT_FIELDS,
      template: stored && { key: stored.key, heading: stored.heading },
    };
    if (stored && state.conflict) {
      data.conflict = { theirsHref: `/avsnittskatalog/${stored.key}/andra`, rows: conflictRows(templateConflictFields(), templateValues(stored), state.conflict.mine) };
    }
    const title = stored ? `Ändra ${stored.heading}` : 'Nytt avsnitt';
    return { view: 'section-catalogue/form', title, breadcrumbs: [START, CATALOGUE_CRUMB, { text: stored ? stored.heading : 'Nytt avsnitt' }], data };
  }

  pages.form({
    path: '/avsnittskatalog/ny',
    access: ADMINS,
    fields: createTemplateFields,
    show: (_input, state) => showForm(state, undefined),
    async save({ context }, fields) {
      // No position: the service puts a new entry last.
      const input = parseForService(createSectionTemplateBody, { key: fields.key, ...templateInput(fields) }, templateFieldFor);
      await templates.create(input, context).catch(rejectBrokenTemplates);
      return `${withNotice('/avsnittskatalog', 'katalog-avsnitt-tillagt')}#avsnitt-${input.key}`;
    },
  });

  pages.form({
    path: '/avsnittskatalog/:key/andra',
    access: ADMINS,
    fields: editTemplateFields,
    show: async ({ params }, state) => showForm(state, await templates.get(keyOf(params))),
    async save({ params, context }, fields) {
      const key = keyOf(params);
      const input = parseForService(updateSectionTemplateBody, templateInput(fields), templateFieldFor);
      await templates.update(key, ifMatchFromForm(fields.etag), input, context).catch(rejectBrokenTemplates);
      return `${withNotice('/avsnittskatalog', 'katalog-avsnitt-sparat')}#avsnitt-${key}`;
    },
  });

  // The list's Upp and Ned buttons post here; opened on its own, it is a page with both.
  pages.form({
    path: '/avsnittskatalog/:key/flytta',
    access: ADMINS,
    fields: z.object({ riktning: z.enum(['upp', 'ned'], { message: 'Välj om avsnittet ska flyttas upp eller ned.' }), etag: z.string().optional() }),
    async show({ params }, state) {
      const key = keyOf(params);
      const entries = await templates.list();
      const entry = entries.find((e) => e.key === key);
      if (!entry) throw notFound('The section template');
      return {
        view: 'section-catalogue/move',
        title: `Flytta ${entry.heading}`,
        breadcrumbs: [START, CATALOGUE_CRUMB, { text: `Flytta ${entry.heading}` }],
        data: {
          entry: { key: entry.key, heading: entry.heading, place: entries.indexOf(entry) + 1 },
          count: entries.length,
          order: entries.map((e) => ({ heading: e.heading, current: e.key === key })),
          etag: etagFor(entry.version),
          errors: state.conflict ? [{ message: 'Avsnittet har ändrats sedan du öppnade sidan. Så här ser ordningen ut nu; flytta igen om det behövs.' }] : state.errors,
        },
      };
    },
    async save({ params, context }, fields) {
      const key = keyOf(params);
      await templates.move(key, fields.riktning === 'upp' ? 'up' : 'down', ifMatchFromForm(fields.etag), context);
      return `${withNotice('/avsnittskatalog', 'katalog-avsnitt-flyttat')}#avsnitt-${key}`;
    },
  });
}
