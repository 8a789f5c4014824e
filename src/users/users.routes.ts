import type { DataSource } from 'typeorm';
import type { SessionCache } from '../auth/session-cache';
import { rolesOnly } from '../authz/policy';
import { requireIfMatch, setEtag } from '../http/etag';
import type { Api } from '../http/route';
import { idParams } from '../http/schemas';
import { presentUser } from './user.presenter';
import { createUserBody, listUsersQuery, updateUserBody, userPageSchema, userSchema } from './users.schemas';
import { UsersService } from './users.service';

export function registerUserRoutes(api: Api, dataSource: DataSource, sessionCache: SessionCache): void {
  const users = new UsersService(dataSource, sessionCache);
  const adminOnly = rolesOnly(['admin']);

  api.add({
    method: 'get',
    path: '/api/users',
    tag: 'Users',
    summary: 'List users',
    policy: adminOnly,
    query: listUsersQuery,
    response: userPageSchema,
    handler: async ({ query }) => {
      const page = await users.list(query);
      return { ...page, items: page.items.map(presentUser) };
    },
  });

  api.add({
    method: 'get',
    path: '/api/users/:id',
    tag: 'Users',
    summary: 'One user (ETag for later updates)',
    policy: adminOnly,
    params: idParams,
    response: userSchema,
    errors: [404],
    handler: async ({ params, res }) => {
      const user = await users.get(params.id);
      setEtag(res, user.version);
      return presentUser(user);
    },
  });

  api.add({
    method: 'post',
    path: '/api/users',
    tag: 'Users',
    summary: 'Create a user',
    policy: adminOnly,
    body: createUserBody,
    status: 201,
    response: userSchema,
    errors: [409],
    handler: async ({ body, context, res }) => {
      const user = await users.create(body, context);
      setEtag(res, user.version);
      res.location(`/api/users/${user.id}`);
      return presentUser(user);
    },
  });

  api.add({
    method: 'patch',
    path: '/api/users/:id',
    tag: 'Users',
    summary: 'Change a user: name, contact, organisation, roles, active, password (If-Match required). Deactivating, a new password, other roles or another organisation end the user\'s sessions; an admin cannot deactivate themselves or drop their own admin role (409)',
    policy: adminOnly,
    params: idParams,
    body: updateUserBody,
    response: userSchema,
    errors: [404, 409, 412, 428],
    handler: async ({ params, body, context, req, res }) => {
      const user = await users.update(params.id, requireIfMatch(req), body, context);
      setEtag(res, user.version);
      return presentUser(user);
    },
  });
}
