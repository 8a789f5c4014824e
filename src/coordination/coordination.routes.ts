import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { anyUser, rolesOnly } from '../authz/policy';
import type { Api } from '../http/route';
import { idParams, paginationQuery } from '../http/schemas';
import { CoordinationService, OUTCOMES } from './coordination.service';

const pageQuery = z.strictObject(paginationQuery);
const coordinatedQuery = z.strictObject({ status: z.enum(['open', 'closed']).optional().openapi({ description: 'open (default) or closed remisser' }), ...paginationQuery });
const count = z.number().int();

export function registerCoordinationRoutes(api: Api, dataSource: DataSource): void {
  const coordination = new CoordinationService(dataSource);

  api.add({
    method: 'get',
    path: '/api/coordination/open-consultations',
    tag: 'Sammanställning',
    summary: 'Open (or, with status=closed, closed) remisser the caller coordinates, with answer rates, answers overdue and the next deadline still owed',
    policy: rolesOnly(['coordinator', 'registrator', 'admin'], 'coordinated'),
    query: coordinatedQuery,
    response: z.object({
      items: z.array(z.object({ consultation: z.object({ id: z.string(), caseNumber: z.string(), title: z.string(), dueDate: z.string().nullable() }), asked: z.number().int(), answered: z.number().int(), declined: z.number().int(), late: z.number().int(), overdue: z.number().int(), nextDueDate: z.string().nullable(), answerRate: z.number() })),
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
      scope: z.enum(['coordinated', 'all']).openapi({ description: "coordinated: the remisser the caller's organisation coordinates; all: every remiss (a registrator or admin)" }),
    }),
    handler: ({ query, context }) => coordination.openConsultations(context.actor!, query),
  });

  api.add({
    method: 'get',
    path: '/api/organisations/:id/answer-history',
    tag: 'Sammanställning',
    summary: "An organisation's answers over time: on time, late, declined, no comments, overdue, pending",
    policy: anyUser('answer-history'),
    params: idParams,
    query: pageQuery,
    errors: [403, 404],
    response: z.object({
      organisation: z.object({ id: z.string(), name: z.string() }),
      counts: z.record(z.enum(OUTCOMES), z.number().int()),
      years: z
        .array(z.object({ year: z.number().int(), on_time: count, late: count, declined: count, no_comments: count, overdue: count, pending: count, answered: count }))
        .openapi({ description: 'The counts per year of the deadline (anstånd counted), latest first; answered = on_time + late + declined + no_comments.' }),
      items: z.array(z.object({ consultation: z.object({ id: z.string(), caseNumber: z.string(), title: z.string() }), dueDate: z.string().nullable(), answeredDate: z.string().nullable(), outcome: z.enum(OUTCOMES) })),
      total: z.number().int(),
      limit: z.number().int(),
      offset: z.number().int(),
    }),
    handler: ({ params, query, context }) => coordination.answerHistory(params.id, context.actor!, query),
  });
}
