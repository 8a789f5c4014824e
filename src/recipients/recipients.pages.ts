import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { notFound } from '../http/problem';
import { ORGANISATION_KINDS } from '../organisations/organisation.entity';
import { todayInStockholm } from '../shared/dates';
import { KIND_LABELS, ORGANISATION_KIND_GROUP_LABELS, ROLE_LABELS, STATUS_LABELS } from '../shared/swedish-labels';
import type { FormState, PageInput, Pages } from '../web/pages';
import { registerNotices, withNotice } from '../web/notices';
import { consultationIdFrom, DistributionOverview } from './distribution-overview';
import { RecipientsService } from './recipients.service';

const MANAGERS = ['registrator', 'admin'] as const;

/** ?registret=YYYY-MM-DD: a day up to today whose register to choose from; anything else is today's. */
function pastDay(value: unknown): string | undefined {
  return typeof value === 'string' && z.iso.date().safeParse(value).success && value <= todayInStockholm() ? value : undefined;
}

/** A checkbox group posts nothing, one value or several: always a list here. */
const checked = z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(z.string()).max(500, 'Välj högst 500 organisationer åt gången.'));

const addFields = z
  .object({
    distributionListIds: checked,
    organisationIds: checked,
    role: z.enum(['respond', 'for_information'], { message: 'Välj om svar begärs eller om remissen skickas för kännedom.' }),
    required: z.enum(['true', 'false'], { message: 'Välj om svaret är obligatoriskt eller frivilligt.' }),
    // Hidden: the day whose register the choices came from (a remiss registered afterwards).
    registerDate: z.string().optional(),
  })
  .refine((f) => f.distributionListIds.length + f.organisationIds.length > 0, { message: 'Välj minst en sändlista eller organisation.', path: ['distributionListIds'] });

registerNotices({
  'instanser-tillagda': 'Remissinstanserna är tillagda.',
  'instans-borttagen': 'Remissinstansen är borttagen.',
});

export const crumbsFor = (consultation: { id: string; caseNumber: string }) => [
  { href: '/remisser', text: 'Remisser' },
  { href: `/remisser/${consultation.id}`, text: consultation.caseNumber },
];

/**
 * Remissinstanser: who the remiss goes to. Adds whole sändlistor and organisations active today
 * (grouped by kind, narrowed by ?sok= without JavaScript), removes one not yet sent to, and links each
 * one's remissbrev. The same RecipientsService as POST/DELETE /api/consultations/:id/recipients.
 */
export function registerRecipientPages(pages: Pages, dataSource: DataSource): void {
  const overview = new DistributionOverview(dataSource);
  const recipients = new RecipientsService(dataSource);

  const show = async ({ params, query, context }: PageInput, state: FormState) => {
    const id = consultationIdFrom(params.id);
    const search = typeof query.sok === 'string' && query.sok.trim() ? query.sok.trim().slice(0, 100) : undefined;
    const registerDay = pastDay(query.registret);
    const data = await overview.choices(id, search, context, registerDay);
    const groups = ORGANISATION_KINDS.map((kind) => ({ label: ORGANISATION_KIND_GROUP_LABELS[kind], kind, organisations: data.organisations.filter((o) => o.kind === kind) })).filter((g) => g.organisations.length);
    const chosen = (name: string) => {
      const value = state.values?.[name];
      return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    };
    return {
      view: 'recipients/recipients',
      title: `Remissinstanser – ${data.consultation.caseNumber}`,
      breadcrumbs: crumbsFor(data.consultation),
      data: {
        ...data,
        search,
        registerDay: data.consultation.status === 'draft' ? registerDay : undefined,
        groups,
        recipients: data.recipients.map((r) => ({ ...r, kindLabel: KIND_LABELS[r.organisation.kind as keyof typeof KIND_LABELS] ?? r.organisation.kind, roleLabel: ROLE_LABELS[r.role], statusLabel: STATUS_LABELS[r.status], removable: data.changeable && !r.sentAt })),
        chosenLists: chosen('distributionListIds'),
        chosenOrganisations: chosen('organisationIds'),
        errors: state.errors,
        values: { role: 'respond', required: 'true', ...state.values },
        roleOptions: [
          { value: 'respond', text: ROLE_LABELS.respond },
          { value: 'for_information', text: ROLE_LABELS.for_information },
        ],
        requiredOptions: [
          { value: 'true', text: 'Obligatoriskt att svara' },
          { value: 'false', text: 'Inbjuden att svara (frivilligt)' },
        ],
      },
    };
  };

  pages.form({
    path: '/remisser/:id/remissinstanser',
    access: MANAGERS,
    fields: addFields,
    show,
    async save({ params, context }, fields) {
      const id = consultationIdFrom(params.id);
      const registerDate = pastDay(fields.registerDate);
      await recipients.add(id, { ...fields, registerDate, required: fields.required === 'true' }, context);
      return withNotice(`/remisser/${id}/remissinstanser${registerDate ? `?registret=${registerDate}` : ''}`, 'instanser-tillagda');
    },
  });

  pages.form({
    path: '/remisser/:id/remissinstanser/:recipientId/ta-bort',
    access: MANAGERS,
    fields: z.object({}),
    async show({ params, context }, state) {
      const id = consultationIdFrom(params.id);
      const data = await overview.distribution(id, context);
      const recipient = data.recipients.find((r) => r.id === params.recipientId);
      if (!recipient) throw notFound('The recipient');
      return {
        view: 'recipients/remove',
        title: `Ta bort ${recipient.organisation.name}`,
        breadcrumbs: [...crumbsFor(data.consultation), { href: `/remisser/${id}/remissinstanser`, text: 'Remissinstanser' }],
        data: { consultation: data.consultation, recipient, errors: state.errors },
      };
    },
    async save({ params, context }) {
      const id = consultationIdFrom(params.id);
      await recipients.remove(id, consultationIdFrom(params.recipientId), context);
      return withNotice(`/remisser/${id}/remissinstanser`, 'instans-borttagen');
    },
  });
}
