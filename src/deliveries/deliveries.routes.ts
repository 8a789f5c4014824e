import type { DataSource } from 'typeorm';
import { rolesOnly } from '../authz/policy';
import type { DocumentRenderer } from '../documents/document-renderer';
import type { Api } from '../http/route';
import { idParams } from '../http/schemas';
import { deliverySchema, recipientParams } from '../recipients/recipients.schemas';
import { postalLettersQuery } from './deliveries.schemas';
import { DeliveriesService } from './deliveries.service';
import type { DeliveryNotifier } from './delivery-queue';

const MANAGERS = ['admin', 'registrator'] as const;

/**
 * What sending a remiss's letters needs besides the status board: the letters that must go by
 * post in one PDF, and a letter queued for e-mail again (after an address was added, or a failure).
 */
export function registerDeliveryRoutes(api: Api, deps: { dataSource: DataSource; renderer: DocumentRenderer; notifier?: DeliveryNotifier }): void {
  const deliveries = new DeliveriesService(deps.dataSource, deps.notifier);

  api.add({
    method: 'get',
    path: '/api/consultations/:id/postal-letters.pdf',
    tag: 'Dokument',
    summary:
      'The remissbrev of every remissinstans without an e-mail address in the register (delivery no_address; with failed=true also those whose e-mail was given up), one after the other in one PDF/A-2a for printing and sending by post; 409 when there is none',
    policy: rolesOnly(MANAGERS),
    params: idParams,
    query: postalLettersQuery,
    produces: ['application/pdf'],
    errors: [404, 409, 503],
    handler: async ({ params, query, context, res }) => {
      const { document, fileName } = await deliveries.postalLetters(params.id, query.failed ? ['no_address', 'failed'] : ['no_address'], context);
      await deps.renderer.sendPdf(res, document, fileName);
    },
  });

  api.add({
    method: 'post',
    path: '/api/consultations/:id/recipients/:recipientId/delivery',
    tag: 'Remissinstanser',
    summary:
      "E-mail a recipient's remissbrev again, to the address the register has now (after a missing address was added, or a failed delivery); 409 while the remiss is not open, the letter is already queued, or the register still has no address",
    policy: rolesOnly(MANAGERS),
    params: recipientParams,
    status: 202,
    response: deliverySchema,
    errors: [404, 409],
    handler: ({ params, context }) => deliveries.resend(params.id, params.recipientId, context),
  });
}
