import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { SendingService } from '../consultations/sending.service';
import { HttpProblem } from '../http/problem';
import { todayInStockholm } from '../shared/dates';
import { KIND_LABELS, ROLE_LABELS } from '../shared/swedish-labels';
import { ifMatchFromForm } from '../web/etag-field';
import { FormRejection } from '../web/form-errors';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, PageInput, Pages } from '../web/pages';
import { swedishMessage } from '../web/swedish-problems';
import { consultationIdFrom, DistributionOverview } from './distribution-overview';
import { crumbsFor } from './recipients.pages';

const MANAGERS = ['registrator', 'admin'] as const;

registerNotices({ 'registrerad-i-efterhand': 'Remissen är registrerad som skickad. Ingen e-post gick ut. Svar som kommit in kan nu registreras med sina riktiga datum.' });

const fields = z.object({
  etag: z.string().optional(),
  sentDate: z.iso
    .date({ message: 'Ange dagen remissen skickades som ÅÅÅÅ-MM-DD, till exempel 2020-08-28.' })
    .refine((day) => day <= todayInStockholm(), 'Datumet kan inte vara i framtiden. Ange dagen remissen skickades.'),
  // An unchecked box sends nothing: a literal (not an optional) so that its absence is an error.
  confirmed: z.literal('ja', { message: 'Bekräfta att remissen redan är skickad och att ingen e-post ska gå ut.' }),
});

/**
 * A service problem about the recipients (bodies that did not exist on the send date) belongs at
 * the date field: the date is what the registrator can change here, and the message names them.
 */
function recipientProblemsAtDate(error: unknown, sentDate: string): never {
  if (error instanceof HttpProblem) {
    const recipients = (error.options.errors ?? []).filter((e) => e.path.startsWith('recipients.'));
    if (recipients.length) {
      const reasons = recipients.map((e) => swedishMessage(e.message)).join(' ');
      throw new FormRejection([{ field: 'sentDate', message: `Alla remissinstanser fanns inte ${sentDate}. ${reasons} Ändra datumet eller remissinstanserna.` }], error.status);
    }
  }
  throw error;
}

/**
 * Registrera i efterhand: a remiss that went out before the remisstjänst existed gets its real
 * send date (SendingService.recordSent, as POST /api/consultations/:id/record-sent), so the answers
 * it got can be registered with their real dates. No e-mail goes out; a checkbox is the confirmation.
 */
export function registerHistoricSendPages(pages: Pages, dataSource: DataSource): void {
  const overview = new DistributionOverview(dataSource);
  const sending = new SendingService(dataSource);

  const show = async ({ params, context }: PageInput, state: FormState) => {
    const data = await overview.distribution(consultationIdFrom(params.id), context);
    return {
      view: 'recipients/historic-send',
      title: `Registrera remissen som skickad i efterhand – ${data.consultation.caseNumber}`,
      breadcrumbs: [...crumbsFor(data.consultation), { href: `/remisser/${data.consultation.id}/skicka`, text: 'Skicka' }],
      data: {
        ...data,
        recipients: data.recipients.map((r) => ({ ...r, kindLabel: KIND_LABELS[r.organisation.kind as keyof typeof KIND_LABELS] ?? r.organisation.kind, roleLabel: ROLE_LABELS[r.role] })),
        errors: state.errors,
        values: state.values ?? {},
        stale: !!state.conflict,
      },
    };
  };

  pages.form({
    path: '/remisser/:id/skicka/i-efterhand',
    access: MANAGERS,
    fields,
    show,
    async save({ params, context }, posted) {
      const id = consultationIdFrom(params.id);
      await sending.recordSent(id, posted.sentDate, ifMatchFromForm(posted.etag), context).catch((error: unknown) => recipientProblemsAtDate(error, posted.sentDate));
      return withNotice(`/remisser/${id}/svar`, 'registrerad-i-efterhand');
    },
  });
}
