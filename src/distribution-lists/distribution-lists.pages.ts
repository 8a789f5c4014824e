import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { OrganisationsService } from '../organisations/organisations.service';
import { conflictRows } from '../web/conflict-rows';
import { formEtag, ifMatchFromForm, pageId } from '../web/etag-field';
import { offsetFor, paginationFor } from '../web/list-links';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, Pages, PageView } from '../web/pages';
import { memberChoices } from './member-choices';
import { DISTRIBUTION_LIST_KEEPERS, DistributionListsService, type DistributionListView } from './distribution-lists.service';

const PAGE_SIZE = 25;

/** A checkbox group posts nothing, one value or several: always a list here, each organisation once. */
const organisationIds = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.uuid({ message: 'Välj organisationer ur listan.' }))
    .max(1000, 'En sändlista kan ha högst 1 000 organisationer.')
    .transform((ids) => [...new Set(ids)]),
);

const listFields = z.object({
  name: z.string({ message: 'Ange sändlistans namn.' }).trim().min(2, 'Ange sändlistans namn, minst 2 tecken.').max(200, 'Namnet får vara högst 200 tecken.'),
  description: z
    .string()
    .trim()
    .max(2000, 'Beskrivningen får vara högst 2 000 tecken.')
    .optional()
    .transform((text) => text || null),
  organisationIds,
  etag: z.string().optional(),
});

registerNotices({
  'sandlista-skapad': 'Sändlistan är skapad.',
  'sandlista-sparad': 'Sändlistan är sparad.',
  'sandlista-borttagen': 'Sändlistan är borttagen.',
});

const LIST_CRUMB = { href: '/sandlistor', text: 'Sändlistor' };

/** Sändlistor: list, create, edit name and members, delete; over the same service as /api/distribution-lists. */
export function registerDistributionListPages(pages: Pages, dataSource: DataSource): void {
  const lists = new DistributionListsService(dataSource);
  const organisations = new OrganisationsService(dataSource);

  pages.get('/sandlistor', DISTRIBUTION_LIST_KEEPERS, async ({ query }) => {
    const q = typeof query.sok === 'string' && query.sok.trim() ? query.sok.trim().slice(0, 100) : undefined;
    const page = await lists.list({ q, limit: PAGE_SIZE, offset: offsetFor(query, PAGE_SIZE) });
    return {
      view: 'distribution-lists/list',
      title: 'Sändlistor',
      breadcrumbs: [{ href: '/', text: 'Start' }, { text: 'Sändlistor' }],
      data: { sok: q ?? '', lists: page.items.map(presentRow), pagination: paginationFor('/sandlistor', { sok: q }, page) },
    };
  });

  /** The form of a new list and of an existing one: the same fields, the members as checkboxes. */
  async function showForm(state: FormState, stored: DistributionListView | undefined): Promise<PageView> {
    const active = await organisations.activeOn();
    const posted = state.values ? organisationIds.safeParse(state.values.organisationIds) : undefined;
    const selected = posted?.success ? posted.data : (stored?.members ?? []).map((member) => member.id);
    const names = await organisations.namesOf(selected);
    const choices = memberChoices(stored?.members ?? [], selected, active, names);
    const values = state.values ?? { name: stored?.list.name, description: stored?.list.description };
    const data: Record<string, unknown> = {
      errors: state.errors,
      values: { ...values, etag: stored ? formEtag(state, stored.list.version) : undefined },
      ...choices,
      list: stored && { id: stored.list.id, name: stored.list.name },
    };
    if (stored && state.conflict) {
      const mineNames = await organisations.namesOf(selected);
      const memberNames = (ids: string[]) => ids.map((id) => mineNames.get(id) ?? id).join(', ');
      data.conflict = {
        theirsHref: `/sandlistor/${stored.list.id}`,
        rows: conflictRows(
          [
            { name: 'name', label: 'Namn' },
            { name: 'description', label: 'Beskrivning' },
            { name: 'members', label: 'Medlemmar' },
          ],
          { name: stored.list.name, description: stored.list.description, members: (stored.members ?? []).map((m) => m.name).join(', ') },
          { name: state.conflict.mine.name, description: state.conflict.mine.description, members: memberNames(selected) },
        ),
      };
    }
    const title = stored ? stored.list.name : 'Ny sändlista';
    return { view: 'distribution-lists/form', title, breadcrumbs: [{ href: '/', text: 'Start' }, LIST_CRUMB, { text: title }], data };
  }

  pages.form({
    path: '/sandlistor/ny',
    access: DISTRIBUTION_LIST_KEEPERS,
    fields: listFields,
    show: (_input, state) => showForm(state, undefined),
    async save({ context }, fields) {
      const view = await lists.create({ name: fields.name, description: fields.description, organisationIds: fields.organisationIds }, context);
      return withNotice(`/sandlistor/${view.list.id}`, 'sandlista-skapad');
    },
  });

  pages.form({
    path: '/sandlistor/:id',
    access: DISTRIBUTION_LIST_KEEPERS,
    fields: listFields,
    show: async (input, state) => showForm(state, await lists.get(pageId(input.params, 'The distribution list'))),
    async save({ params, context }, fields) {
      const id = pageId(params, 'The distribution list');
      await lists.update(id, ifMatchFromForm(fields.etag), { name: fields.name, description: fields.description, organisationIds: fields.organisationIds }, context);
      return withNotice(`/sandlistor/${id}`, 'sandlista-sparad');
    },
  });

  pages.form({
    path: '/sandlistor/:id/ta-bort',
    access: DISTRIBUTION_LIST_KEEPERS,
    fields: z.object({}),
    async show({ params }, state) {
      const view = await lists.get(pageId(params, 'The distribution list'));
      return {
        view: 'distribution-lists/delete',
        title: `Ta bort ${view.list.name}`,
        breadcrumbs: [{ href: '/', text: 'Start' }, LIST_CRUMB, { href: `/sandlistor/${view.list.id}`, text: view.list.name }, { text: 'Ta bort' }],
        data: { errors: state.errors, list: presentRow(view) },
      };
    },
    async save({ params, context }) {
      await lists.remove(pageId(params, 'The distribution list'), context);
      return withNotice('/sandlistor', 'sandlista-borttagen');
    },
  });
}

function presentRow(view: DistributionListView) {
  return { id: view.list.id, name: view.list.name, description: view.list.description, memberCount: view.memberCount, updatedAt: view.list.updatedAt.toISOString() };
}
