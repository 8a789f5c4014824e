import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ConsultationsService } from '../consultations/consultations.service';
import { SendingService } from '../consultations/sending.service';
import { KIND_LABELS, ROLE_LABELS } from '../shared/swedish-labels';
import { ifMatchFromForm } from '../web/etag-field';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, PageInput, Pages } from '../web/pages';
import { consultationIdFrom, DistributionOverview } from './distribution-overview';
import { registerHistoricSendPages } from './historic-send.pages';
import { crumbsFor } from './recipients.pages';

const MANAGERS = ['registrator', 'admin'] as const;

registerNotices({
  skickad: 'Remissen är skickad till remissinstanserna.',
  'svarsdag-flyttad': 'Sista svarsdag är flyttad.',
});

/**
 * Skicka: the last look before a remiss goes out (who gets it, and the deadline warnings: under
 * three months, a weekend or holiday with the next working day one click away), then the same
 * SendingService as POST /api/consultations/:id/send. The ETag in the form keeps a remiss someone
 * else changed meanwhile from going out unseen.
 */
export function registerSendPages(pages: Pages, dataSource: DataSource): void {
  const overview = new DistributionOverview(dataSource);
  const sending = new SendingService(dataSource);
  const consultations = new ConsultationsService(dataSource);

  const show = async ({ params, context }: PageInput, state: FormState) => {
    const data = await overview.distribution(consultationIdFrom(params.id), context);
    const counts = { respond: data.recipients.filter((r) => r.role === 'respond').length, forInformation: data.recipients.filter((r) => r.role === 'for_information').length };
    return {
      view: 'recipients/send',
      title: `Skicka remissen – ${data.consultation.caseNumber}`,
      breadcrumbs: crumbsFor(data.consultation),
      data: {
        ...data,
        counts,
        warnings: data.consultation.deadline.warnings,
        recipients: data.recipients.map((r) => ({ ...r, kindLabel: KIND_LABELS[r.organisation.kind as keyof typeof KIND_LABELS] ?? r.organisation.kind, roleLabel: ROLE_LABELS[r.role] })),
        errors: state.errors,
        stale: !!state.conflict,
      },
    };
  };

  pages.form({
    path: '/remisser/:id/skicka',
    access: MANAGERS,
    fields: z.object({ etag: z.string().optional() }),
    show,
    async save({ params, context }, fields) {
      const id = consultationIdFrom(params.id);
      await sending.send(id, ifMatchFromForm(fields.etag), context);
      return withNotice(`/remisser/${id}/svar`, 'skickad');
    },
  });

  // The one click of a deadline warning: the suggested working day, through the same update as PATCH /api/consultations/:id.
  pages.form({
    path: '/remisser/:id/skicka/svarsdag',
    access: MANAGERS,
    fields: z.object({ etag: z.string().optional(), dueDate: z.iso.date({ message: 'Ange ett datum som ÅÅÅÅ-MM-DD.' }) }),
    show,
    async save({ params, context }, fields) {
      const id = consultationIdFrom(params.id);
      await consultations.update(id, ifMatchFromForm(fields.etag), { dueDate: fields.dueDate }, context);
      return withNotice(`/remisser/${id}/skicka`, 'svarsdag-flyttad');
    },
  });

  registerHistoricSendPages(pages, dataSource);
}
