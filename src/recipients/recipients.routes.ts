import { z } from 'zod';
import type { DataSource } from 'typeorm';
import type { DeliveryNotifier } from '../deliveries/delivery-queue';
import { anyUser, rolesOnly } from '../authz/policy';
import type { Api } from '../http/route';
import { idParams, pageOf, pageSchema, paginationQuerySchema } from '../http/schemas';
import { ExtensionsService, presentExtension } from './extensions.service';
import { addRecipientsBody, addRecipientsResult, extensionBody, extensionSchema, recipientParams, statusBoardQuery, statusBoardSchema } from './recipients.schemas';
import { RecipientsService } from './recipients.service';

export function registerRecipientRoutes(api: Api, dataSource: DataSource, deliveries?: DeliveryNotifier): void {
  const recipients = new RecipientsService(dataSource, deliveries);
  const extensions = new ExtensionsService(dataSource);

  api.add({
    method: 'get',
    path: '/api/consultations/:id/recipients',
    tag: 'Remissinstanser',
    summary: 'Status board: every recipient with status, effective due date, late flag, last event and how its remissbrev was delivered (e-mail sent, failed, no address: by post); counts per status and per delivery',
    policy: anyUser('remiss'),
    params: idParams,
    query: statusBoardQuery,
    response: statusBoardSchema,
    errors: [404],
    handler: ({ params, query, context }) => recipients.board(params.id, query, context),
  });

  api.add({
    method: 'post',
    path: '/api/consultations/:id/recipients',
    tag: 'Remissinstanser',
    summary: 'Add organisations and/or whole sändlistor as recipients (sent at once if the remiss is already open, their remissbrev e-mailed as on sending)',
    policy: rolesOnly(['admin', 'registrator']),
    params: idParams,
    body: addRecipientsBody,
    status: 201,
    response: addRecipientsResult,
    errors: [404, 409],
    handler: ({ params, body, context }) => recipients.add(params.id, body, context),
  });

  api.add({
    method: 'delete',
    path: '/api/consultations/:id/recipients/:recipientId',
    tag: 'Remissinstanser',
    summary: 'Remove a recipient the remiss has not been sent to yet',
    policy: rolesOnly(['admin', 'registrator']),
    params: recipientParams,
    errors: [404, 409],
    handler: ({ params, context }) => recipients.remove(params.id, params.recipientId, context),
  });

  api.add({
    method: 'get',
    path: '/api/consultations/:id/recipients/:recipientId/extensions',
    tag: 'Remissinstanser',
    summary: 'The anstånd granted to a recipient, oldest first',
    policy: anyUser('remiss'),
    params: recipientParams,
    query: paginationQuerySchema,
    response: pageSchema(extensionSchema, 'ExtensionPage'),
    errors: [404],
    handler: async ({ params, query, context }) => pageOf((await extensions.history(params.id, params.recipientId, context)).map((e) => presentExtension(e, params.id)), query),
  });

  api.add({
    method: 'post',
    path: '/api/consultations/:id/recipients/:recipientId/extensions',
    tag: 'Remissinstanser',
    summary: "Grant anstånd: the recipient's own, later due date with a reason",
    policy: rolesOnly(['admin', 'registrator', 'coordinator'], 'coordinating'),
    params: recipientParams,
    body: extensionBody,
    status: 201,
    response: z.object({ extension: extensionSchema, warnings: z.array(z.object({ code: z.string(), message: z.string(), suggestedDueDate: z.string().optional() })) }),
    errors: [404, 409],
    handler: async ({ params, body, context }) => {
      const { extension, warnings } = await extensions.grant(params.id, params.recipientId, body, context);
      return { extension: presentExtension(extension, params.id), warnings };
    },
  });
}
