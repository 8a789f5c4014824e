import type { DataSource } from 'typeorm';
import { anyUser } from '../authz/policy';
import type { Api } from '../http/route';
import { searchPageSchema, searchQuery } from './search.schemas';
import { search } from './search.service';

export function registerSearchRoutes(api: Api, dataSource: DataSource): void {
  api.add({
    method: 'get',
    path: '/api/search',
    tag: 'Search',
    summary:
      'Full-text search over remisser (title, Dnr, description), statement titles and statement sections, ranked, with highlighted snippets; only what the caller may read (drafts only for their own organisation, or the coordinator when shared)',
    policy: anyUser('search'),
    query: searchQuery,
    response: searchPageSchema,
    handler: ({ query, context }) => search(dataSource, context.actor!, query),
  });
}
