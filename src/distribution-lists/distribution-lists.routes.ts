import type { DataSource } from 'typeorm';
import { anyUser, rolesOnly } from '../authz/policy';
import { requireIfMatch, setEtag } from '../http/etag';
import type { Api } from '../http/route';
import { idParams } from '../http/schemas';
import {
  createDistributionListBody,
  distributionListPageSchema,
  distributionListSchema,
  listDistributionListsQuery,
  updateDistributionListBody,
} from './distribution-lists.schemas';
import { DISTRIBUTION_LIST_KEEPERS, DistributionListsService, type DistributionListView } from './distribution-lists.service';

const present = (view: DistributionListView) => ({
  id: view.list.id,
  name: view.list.name,
  description: view.list.description,
  memberCount: view.memberCount,
  ...(view.members ? { members: view.members } : {}),
  version: view.list.version,
  updatedAt: view.list.updatedAt.toISOString(),
});

export function registerDistributionListRoutes(api: Api, dataSource: DataSource): void {
  const lists = new DistributionListsService(dataSource);
  const keepers = rolesOnly(DISTRIBUTION_LIST_KEEPERS);

  api.add({
    method: 'get',
    path: '/api/distribution-lists',
    tag: 'Sändlistor',
    summary: 'List sändlistor with member counts',
    policy: anyUser(),
    query: listDistributionListsQuery,
    response: distributionListPageSchema,
    handler: async ({ query }) => {
      const page = await lists.list(query);
      return { ...page, items: page.items.map(present) };
    },
  });

  api.add({
    method: 'get',
    path: '/api/distribution-lists/:id',
    tag: 'Sändlistor',
    summary: 'One sändlista with its members in order (ETag for later updates)',
    policy: anyUser(),
    params: idParams,
    response: distributionListSchema,
    errors: [404],
    handler: async ({ params, res }) => {
      const view = await lists.get(params.id);
      setEtag(res, view.list.version);
      return present(view);
    },
  });

  api.add({
    method: 'post',
    path: '/api/distribution-lists',
    tag: 'Sändlistor',
    summary: 'Create a sändlista',
    policy: keepers,
    body: createDistributionListBody,
    status: 201,
    response: distributionListSchema,
    errors: [409],
    handler: async ({ body, context, res }) => {
      const view = await lists.create(body, context);
      setEtag(res, view.list.version);
      res.location(`/api/distribution-lists/${view.list.id}`);
      return present(view);
    },
  });

  api.add({
    method: 'patch',
    path: '/api/distribution-lists/:id',
    tag: 'Sändlistor',
    summary: 'Rename a sändlista or replace its members (If-Match required)',
    policy: keepers,
    params: idParams,
    body: updateDistributionListBody,
    response: distributionListSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const view = await lists.update(params.id, requireIfMatch(req), body, context);
      setEtag(res, view.list.version);
      return present(view);
    },
  });

  api.add({
    method: 'delete',
    path: '/api/distribution-lists/:id',
    tag: 'Sändlistor',
    summary: 'Delete a sändlista (remisser sent with it keep their recipients)',
    policy: keepers,
    params: idParams,
    errors: [404],
    handler: ({ params, context }) => lists.remove(params.id, context),
  });
}
