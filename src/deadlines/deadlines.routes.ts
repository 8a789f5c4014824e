import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { anyUser } from '../authz/policy';
import type { Api } from '../http/route';
import { deadlinePageSchema, deadlinesQuery } from './deadlines.schemas';
import { listDeadlines } from './deadlines.service';

export function registerDeadlineRoutes(api: Api, dataSource: DataSource): void {
  api.add({
    method: 'get',
    path: '/api/deadlines',
    tag: 'Remisser',
    summary: "Upcoming and overdue answers: the caller's organisation's, or those on remisser it coordinates, by effective due date",
    policy: anyUser('deadlines'),
    query: deadlinesQuery,
    errors: [403],
    response: deadlinePageSchema.extend({ scope: z.enum(['received', 'coordinated', 'all']) }),
    handler: ({ query, context }) => listDeadlines(dataSource, context.actor!, query),
  });
}
