import type { DataSource } from 'typeorm';
import { anyUser, rolesOnly } from '../authz/policy';
import { requireIfMatch, setEtag } from '../http/etag';
import type { Api } from '../http/route';
import { idParams } from '../http/schemas';
import { presentOrganisation } from './organisation.presenter';
import {
  createOrganisationBody,
  listOrganisationsQuery,
  organisationPageSchema,
  organisationSchema,
  updateOrganisationBody,
} from './organisations.schemas';
import { OrganisationsService, REGISTER_DELETERS, REGISTER_KEEPERS } from './organisations.service';

export function registerOrganisationRoutes(api: Api, dataSource: DataSource): void {
  const organisations = new OrganisationsService(dataSource);
  const registerKeepers = rolesOnly(REGISTER_KEEPERS);

  api.add({
    method: 'get',
    path: '/api/organisations',
    tag: 'Organisations',
    summary: 'List the organisation register (nämnder, förvaltningar, råd, bolag, externa)',
    policy: anyUser(),
    query: listOrganisationsQuery,
    response: organisationPageSchema,
    handler: async ({ query }) => {
      const page = await organisations.list(query);
      return { ...page, items: page.items.map((o) => presentOrganisation(o)) };
    },
  });

  api.add({
    method: 'get',
    path: '/api/organisations/:id',
    tag: 'Organisations',
    summary: 'One organisation (ETag for later updates)',
    policy: anyUser(),
    params: idParams,
    response: organisationSchema,
    errors: [404],
    handler: async ({ params, res }) => {
      const organisation = await organisations.get(params.id);
      setEtag(res, organisation.version);
      return presentOrganisation(organisation);
    },
  });

  api.add({
    method: 'post',
    path: '/api/organisations',
    tag: 'Organisations',
    summary: 'Add an organisation to the register',
    policy: registerKeepers,
    body: createOrganisationBody,
    status: 201,
    response: organisationSchema,
    errors: [409],
    handler: async ({ body, context, res }) => {
      const organisation = await organisations.create(body, context);
      setEtag(res, organisation.version);
      res.location(`/api/organisations/${organisation.id}`);
      return presentOrganisation(organisation);
    },
  });

  api.add({
    method: 'patch',
    path: '/api/organisations/:id',
    tag: 'Organisations',
    summary: 'Change an organisation (If-Match required); retire it by setting activeTo',
    policy: registerKeepers,
    params: idParams,
    body: updateOrganisationBody,
    response: organisationSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const organisation = await organisations.update(params.id, requireIfMatch(req), body, context);
      setEtag(res, organisation.version);
      return presentOrganisation(organisation);
    },
  });

  api.add({
    method: 'delete',
    path: '/api/organisations/:id',
    tag: 'Organisations',
    summary: 'Delete an organisation that nothing refers to (409 when in use)',
    policy: rolesOnly(REGISTER_DELETERS),
    params: idParams,
    errors: [404, 409],
    handler: ({ params, context }) => organisations.remove(params.id, context),
  });
}
