import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { registerAddressOf } from '../documents/organisation-addresses';
import { HttpProblem } from '../http/problem';
import { todayInStockholm } from '../shared/dates';
import { KIND_LABELS } from '../shared/swedish-labels';
import { conflictRows } from '../web/conflict-rows';
import { formEtag, ifMatchFromForm, pageId } from '../web/etag-field';
import { FormRejection, type FormError } from '../web/form-errors';
import { offsetFor, paginationFor, sortColumns } from '../web/list-links';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, Pages, PageView } from '../web/pages';
import { isActiveOn } from './active-period';
import type { Organisation, OrganisationKind } from './organisation.entity';
import { conflictFields, isCalendarDay, KIND_OPTIONS, organisationFields, organisationInput, organisationValues } from './organisation-form';
import { OrganisationsService, REGISTER_DELETERS, REGISTER_KEEPERS } from './organisations.service';

const PAGE_SIZE = 50;
const WHAT = 'The organisation';
const REGISTER_CRUMB = { href: '/organisationer', text: 'Organisationer' };

registerNotices({
  'organisation-tillagd': 'Organisationen är tillagd i registret.',
  'organisation-sparad': 'Organisationen är sparad.',
  'organisation-borttagen': 'Organisationen är borttagen ur registret.',
});

const IN_USE =
  'Organisationen används (den har användare, underordnade organisationer, sändlistor eller remisser) och kan inte tas bort. Ange ett datum under ”Aktiv till” i stället, så finns den kvar i historiken.';

/** Organisationer: the register (filters, paging), one organisation, add, edit, delete one nothing refers to. */
export function registerOrganisationPages(pages: Pages, dataSource: DataSource): void {
  const organisations = new OrganisationsService(dataSource);

  pages.get('/organisationer', REGISTER_KEEPERS, async ({ query }) => {
    const filters = registerFilters(query);
    const sort = query.sortera === 'kind' ? 'kind' : 'name';
    const direction = query.ordning === 'desc' ? 'desc' : 'asc';
    const page = await organisations.list({
      kind: filters.kind,
      activeOn: filters.activeOn,
      q: filters.q,
      sort: `${direction === 'desc' ? '-' : ''}${sort}`,
      limit: PAGE_SIZE,
      offset: offsetFor(query, PAGE_SIZE),
    });
    const names = await organisations.namesOf(page.items.flatMap((o) => [o.parentId, o.successorId]));
    const kept = { typ: filters.kind, 'aktiv-dag': filters.activeOn, sok: filters.q, sortera: query.sortera, ordning: query.ordning };
    return {
      view: 'organisations/register',
      title: 'Organisationer',
      breadcrumbs: [{ href: '/', text: 'Start' }, { text: 'Organisationer' }],
      data: {
        errors: filters.errors,
        sort,
        direction,
        filters: { typ: filters.kind ?? '', aktivDag: filters.activeOnText, sok: filters.q ?? '' },
        kindOptions: KIND_OPTIONS.map((option) => ({ ...option, selected: option.value === filters.kind })),
        rows: page.items.map((o) => presentRow(o, names)),
        columns: sortColumns('/organisationer', kept, [{ key: 'name', label: 'Namn' }, { key: 'kind', label: 'Typ' }], { key: sort, direction }),
        pagination: paginationFor('/organisationer', kept, page),
      },
    };
  });

  /** The add and edit form: the same fields; the edit carries the ETag and shows a conflict side by side. */
  async function showForm(state: FormState, stored: Organisation | undefined): Promise<PageView> {
    const choices = await organisations.all();
    const others = choices.filter((choice) => choice.id !== stored?.id).map((choice) => ({ value: choice.id, text: choice.name }));
    const values = state.values ?? (stored ? organisationValues(stored) : { kind: 'external' });
    const data: Record<string, unknown> = {
      errors: state.errors,
      values: { ...values, etag: stored ? formEtag(state, stored.version) : undefined },
      kindOptions: KIND_OPTIONS,
      organisationOptions: others,
      organisation: stored && { id: stored.id, name: stored.name },
    };
    if (stored && state.conflict) {
      const names = new Map(choices.map((choice) => [choice.id, choice.name]));
      data.conflict = { theirsHref: `/organisationer/${stored.id}/andra`, rows: conflictRows(conflictFields(names), organisationValues(stored), state.conflict.mine) };
    }
    const title = stored ? `Ändra ${stored.name}` : 'Lägg till organisation';
    const crumbs = stored ? [REGISTER_CRUMB, { href: `/organisationer/${stored.id}`, text: stored.name }, { text: 'Ändra' }] : [REGISTER_CRUMB, { text: 'Lägg till' }];
    return { view: 'organisations/form', title, breadcrumbs: [{ href: '/', text: 'Start' }, ...crumbs], data };
  }

  pages.form({
    path: '/organisationer/ny',
    access: REGISTER_KEEPERS,
    fields: organisationFields,
    show: (_input, state) => showForm(state, undefined),
    async save({ context }, fields) {
      const organisation = await organisations.create(organisationInput(fields), context);
      return withNotice(`/organisationer/${organisation.id}`, 'organisation-tillagd');
    },
  });

  pages.get('/organisationer/:id', REGISTER_KEEPERS, async ({ params, actor }) => {
    const organisation = await organisations.get(pageId(params, WHAT));
    const names = await organisations.namesOf([organisation.parentId, organisation.successorId]);
    return {
      view: 'organisations/show',
      title: organisation.name,
      breadcrumbs: [{ href: '/', text: 'Start' }, REGISTER_CRUMB, { text: organisation.name }],
      data: {
        organisation: presentRow(organisation, names),
        address: registerAddressOf(organisation.registerKey),
        mayDelete: REGISTER_DELETERS.some((role) => actor.roles.includes(role)),
      },
    };
  });

  pages.form({
    path: '/organisationer/:id/andra',
    access: REGISTER_KEEPERS,
    fields: organisationFields,
    show: async ({ params }, state) => showForm(state, await organisations.get(pageId(params, WHAT))),
    async save({ params, context }, fields) {
      const id = pageId(params, WHAT);
      await organisations.update(id, ifMatchFromForm(fields.etag), organisationInput(fields), context);
      return withNotice(`/organisationer/${id}`, 'organisation-sparad');
    },
  });

  pages.form({
    path: '/organisationer/:id/ta-bort',
    access: REGISTER_DELETERS,
    fields: z.object({}),
    async show({ params }, state) {
      const organisation = await organisations.get(pageId(params, WHAT));
      return {
        view: 'organisations/delete',
        title: `Ta bort ${organisation.name}`,
        breadcrumbs: [{ href: '/', text: 'Start' }, REGISTER_CRUMB, { href: `/organisationer/${organisation.id}`, text: organisation.name }, { text: 'Ta bort' }],
        data: { errors: state.errors, organisation: { id: organisation.id, name: organisation.name } },
      };
    },
    async save({ params, context }) {
      try {
        await organisations.remove(pageId(params, WHAT), context);
      } catch (error) {
        // The service's 409 says the entry is history others refer to: say what to do instead.
        if (error instanceof HttpProblem && error.status === 409) throw new FormRejection([{ message: IN_USE }], 409);
        throw error;
      }
      return withNotice('/organisationer', 'organisation-borttagen');
    },
  });
}

/** The register's filters from the query: `typ`, `aktiv-dag` (a day) and `sok`; a bad one is named, not applied. */
function registerFilters(query: Record<string, unknown>) {
  const errors: FormError[] = [];
  const kind = KIND_OPTIONS.some((option) => option.value === query.typ) ? (query.typ as OrganisationKind) : undefined;
  const activeOnText = typeof query['aktiv-dag'] === 'string' ? query['aktiv-dag'].trim().slice(0, 20) : '';
  const activeOn = activeOnText && isCalendarDay(activeOnText) ? activeOnText : undefined;
  if (activeOnText && !activeOn) errors.push({ field: 'aktiv-dag', message: 'Ange dagen som ÅÅÅÅ-MM-DD, till exempel 2020-06-30.' });
  const q = typeof query.sok === 'string' && query.sok.trim() ? query.sok.trim().slice(0, 100) : undefined;
  return { kind, activeOn, activeOnText, q, errors };
}

function presentRow(o: Organisation, names: ReadonlyMap<string, string>) {
  const address = registerAddressOf(o.registerKey);
  return {
    id: o.id,
    name: o.name,
    shortName: o.shortName,
    kindLabel: KIND_LABELS[o.kind],
    parent: o.parentId ? { id: o.parentId, name: names.get(o.parentId) ?? '' } : undefined,
    successor: o.successorId ? { id: o.successorId, name: names.get(o.successorId) ?? '' } : undefined,
    email: o.email,
    activeFrom: o.activeFrom,
    activeTo: o.activeTo,
    active: isActiveOn(o, todayInStockholm()),
    postal: address?.postal,
    registerKey: o.registerKey,
  };
}
