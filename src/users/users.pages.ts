import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { SessionCache } from '../auth/session-cache';
import { ROLES, type Role } from '../authz/roles';
import { etagFor } from '../http/etag';
import { organisationChoices, type OrganisationChoiceGroup } from '../organisations/organisation-choices';
import { OrganisationsService } from '../organisations/organisations.service';
import { conflictRows } from '../web/conflict-rows';
import { formEtag, ifMatchFromForm, pageId } from '../web/etag-field';
import { offsetFor, paginationFor } from '../web/list-links';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, Pages, PageView } from '../web/pages';
import { parseForService } from '../web/service-input';
import type { User } from './user.entity';
import { createUserFields, editUserFields, passwordField, ROLE_OPTIONS, roleNames, userConflictFields, userValues } from './user-form';
import { createUserBody, updateUserBody } from './users.schemas';
import { UsersService } from './users.service';

const ADMINS: readonly Role[] = ['admin'];
const PAGE_SIZE = 25;
const WHAT = 'The user';
const START = { href: '/', text: 'Start' };
const LIST_CRUMB = { href: '/anvandare', text: 'Användare' };

registerNotices({
  'anvandare-skapad': 'Användaren är skapad och kan logga in.',
  'anvandare-sparad': 'Användaren är sparad.',
  'anvandare-inaktiverad': 'Användaren är inaktiverad och utloggad.',
  'anvandare-aktiverad': 'Användaren är aktiv igen och kan logga in.',
  'anvandare-losenord': 'Lösenordet är bytt. Användaren är utloggad och loggar in med det nya.',
});

/** Deactivating and reactivating: each a confirmation page whose POST sets `active`. */
const ACTIVATION = [
  {
    slug: 'inaktivera',
    active: false,
    title: 'Inaktivera användare',
    question: 'Vill du inaktivera användaren?',
    explanation: 'Användaren loggas ut direkt och kan inte logga in igen förrän kontot aktiveras. Det användaren har gjort finns kvar.',
    button: 'Inaktivera användaren',
    notice: 'anvandare-inaktiverad',
    warning: true,
  },
  {
    slug: 'aktivera',
    active: true,
    title: 'Aktivera användare',
    question: 'Vill du aktivera användaren igen?',
    explanation: 'Användaren kan logga in igen med sitt lösenord, med de roller kontot har.',
    button: 'Aktivera användaren',
    notice: 'anvandare-aktiverad',
    warning: false,
  },
] as const;

const STALE = 'Någon annan har ändrat användaren sedan du öppnade sidan. Kontrollera uppgifterna och försök igen.';

/** Användare: the admins' user administration, over the same service as /api/users. */
export function registerUserPages(pages: Pages, dataSource: DataSource, sessionCache: SessionCache): void {
  const users = new UsersService(dataSource, sessionCache);
  const organisations = new OrganisationsService(dataSource);
  const userCrumbs = (user: User, last?: string) => [START, LIST_CRUMB, ...(last ? [{ href: `/anvandare/${user.id}`, text: user.name }, { text: last }] : [{ text: user.name }])];

  pages.get('/anvandare', ADMINS, async ({ query }) => {
    const filters = listFilters(query);
    const [page, groups] = await Promise.all([
      users.list({ q: filters.q, organisationId: filters.organisationId, role: filters.role, active: filters.active, limit: PAGE_SIZE, offset: offsetFor(query, PAGE_SIZE) }),
      organisationChoices(dataSource, { activeToday: false }),
    ]);
    // The filter's choices are every organisation, ended ones too: they name each user's organisation.
    const names = new Map(groups.flatMap((group) => group.options.map((option) => [option.value, option.text])));
    const kept = { sok: filters.q, organisation: filters.organisationId, roll: filters.role, status: filters.status };
    return {
      view: 'users/list',
      title: 'Användare',
      breadcrumbs: [START, { text: 'Användare' }],
      data: {
        filters: { sok: filters.q ?? '', status: filters.status ?? '' },
        organisationGroups: groups.map((group) => ({ ...group, options: group.options.map((option) => ({ ...option, selected: option.value === filters.organisationId })) })),
        roleOptions: ROLE_OPTIONS.map((option) => ({ ...option, selected: option.value === filters.role })),
        statusOptions: [
          { value: '', text: 'Alla' },
          { value: 'aktiva', text: 'Aktiva' },
          { value: 'inaktiva', text: 'Inaktiva' },
        ].map((option) => ({ ...option, selected: option.value === (filters.status ?? '') })),
        filtered: Boolean(filters.q || filters.organisationId || filters.role || filters.status),
        rows: page.items.map((user) => ({ ...presentUser(user), organisation: names.get(user.organisationId) ?? '' })),
        pagination: paginationFor('/anvandare', kept, page),
      },
    };
  });

  /** The organisations a user may belong to: those active today, plus the user's own if it has ended. */
  async function organisationGroups(stored: User | undefined): Promise<OrganisationChoiceGroup[]> {
    const groups = await organisationChoices(dataSource, { activeToday: true });
    if (!stored || groups.some((group) => group.options.some((option) => option.value === stored.organisationId))) return groups;
    const name = (await organisations.namesOf([stored.organisationId])).get(stored.organisationId) ?? '';
    return [...groups, { label: 'Inte längre aktiv', options: [{ value: stored.organisationId, text: name }] }];
  }

  /** The create and edit form: the edit carries the ETag and shows a stale save side by side. */
  async function showForm(state: FormState, stored: User | undefined): Promise<PageView> {
    const values = state.values ?? (stored ? userValues(stored) : { roles: [] });
    const chosen = rolesOf(values.roles);
    const data: Record<string, unknown> = {
      errors: state.errors,
      // A password is never sent back to the browser, not even after an error.
      values: { ...values, password: '', etag: stored ? formEtag(state, stored.version) : undefined },
      organisationGroups: await organisationGroups(stored),
      roleOptions: ROLE_OPTIONS.map((option, index) => ({ ...option, id: index === 0 ? 'roles' : `roles-${index}`, checked: chosen.includes(option.value) })),
      user: stored && { id: stored.id, name: stored.name, username: stored.username },
    };
    if (stored && state.conflict) {
      const names = await organisations.namesOf([stored.organisationId, typeof state.conflict.mine.organisationId === 'string' ? state.conflict.mine.organisationId : null]);
      data.conflict = { theirsHref: `/anvandare/${stored.id}/andra`, rows: conflictRows(userConflictFields(names), userValues(stored), state.conflict.mine) };
    }
    const title = stored ? `Ändra ${stored.name}` : 'Ny användare';
    return { view: 'users/form', title, breadcrumbs: stored ? userCrumbs(stored, 'Ändra') : [START, LIST_CRUMB, { text: 'Ny användare' }], data };
  }

  pages.form({
    path: '/anvandare/ny',
    access: ADMINS,
    fields: createUserFields,
    show: (_input, state) => showForm(state, undefined),
    async save({ context }, fields) {
      const user = await users.create(parseForService(createUserBody, fields, (path) => String(path[0])), context);
      return withNotice(`/anvandare/${user.id}`, 'anvandare-skapad');
    },
  });

  pages.get('/anvandare/:id', ADMINS, async ({ params }) => {
    const user = await users.get(pageId(params, WHAT));
    const names = await organisations.namesOf([user.organisationId]);
    return {
      view: 'users/show',
      title: user.name,
      breadcrumbs: userCrumbs(user),
      data: { user: { ...presentUser(user), organisation: names.get(user.organisationId) ?? '' } },
    };
  });

  pages.form({
    path: '/anvandare/:id/andra',
    access: ADMINS,
    fields: editUserFields,
    show: async ({ params }, state) => showForm(state, await users.get(pageId(params, WHAT))),
    async save({ params, context }, fields) {
      const id = pageId(params, WHAT);
      const { etag, ...changes } = fields;
      await users.update(id, ifMatchFromForm(etag), parseForService(updateUserBody, changes, (path) => String(path[0])), context);
      return withNotice(`/anvandare/${id}`, 'anvandare-sparad');
    },
  });

  for (const change of ACTIVATION) {
    pages.form({
      path: `/anvandare/:id/${change.slug}`,
      access: ADMINS,
      fields: z.object({ etag: z.string().optional() }),
      async show({ params }, state) {
        const user = await users.get(pageId(params, WHAT));
        const names = await organisations.namesOf([user.organisationId]);
        return {
          view: 'users/confirm-active',
          title: `${change.title} ${user.name}`,
          breadcrumbs: userCrumbs(user, change.title),
          data: {
            change,
            user: { ...presentUser(user), organisation: names.get(user.organisationId) ?? '' },
            etag: etagFor(user.version),
            errors: state.conflict ? [{ message: STALE }] : state.errors,
          },
        };
      },
      async save({ params, context }, fields) {
        const id = pageId(params, WHAT);
        await users.update(id, ifMatchFromForm(fields.etag), { active: change.active }, context);
        return withNotice(`/anvandare/${id}`, change.notice);
      },
    });
  }

  pages.form({
    path: '/anvandare/:id/losenord',
    access: ADMINS,
    fields: z
      .object({ password: passwordField, repeatPassword: z.string().optional(), etag: z.string().optional() })
      .refine((fields) => fields.password === fields.repeatPassword, { message: 'Lösenorden är inte lika. Skriv samma lösenord två gånger.', path: ['repeatPassword'] }),
    async show({ params }, state) {
      const user = await users.get(pageId(params, WHAT));
      return {
        view: 'users/password',
        title: `Nytt lösenord för ${user.name}`,
        breadcrumbs: userCrumbs(user, 'Nytt lösenord'),
        // Neither password is shown again; the ETag is the stored one after a conflict.
        data: { user: presentUser(user), values: { etag: formEtag(state, user.version) }, errors: state.conflict ? [{ message: `${STALE} Skriv lösenordet igen.` }] : state.errors },
      };
    },
    async save({ params, context }, fields) {
      const id = pageId(params, WHAT);
      await users.update(id, ifMatchFromForm(fields.etag), parseForService(updateUserBody, { password: fields.password }, () => 'password'), context);
      return withNotice(`/anvandare/${id}`, 'anvandare-losenord');
    },
  });
}

function rolesOf(value: unknown): Role[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list.filter((role): role is Role => (ROLES as readonly string[]).includes(role as string));
}

function presentUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    title: user.title,
    phone: user.phone,
    email: user.email,
    roles: roleNames(user.roles),
    active: user.active,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** The list's filters from the query: `sok`, `organisation`, `roll`, `status` (aktiva/inaktiva); anything else is no filter. */
function listFilters(query: Record<string, unknown>) {
  const q = typeof query.sok === 'string' && query.sok.trim() ? query.sok.trim().slice(0, 100) : undefined;
  const organisationId = typeof query.organisation === 'string' && z.uuid().safeParse(query.organisation).success ? query.organisation : undefined;
  const role = rolesOf(query.roll)[0];
  const status = query.status === 'aktiva' || query.status === 'inaktiva' ? query.status : undefined;
  return { q, organisationId, role, status, active: status === undefined ? undefined : status === 'aktiva' };
}
