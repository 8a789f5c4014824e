import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { idParam } from './consultation-page-params';
import { IfMatch, etagFor } from '../http/etag';
import { preconditionRequired } from '../http/problem';
import { CONSULTATION_KIND_LABELS, CONSULTATION_STATUS_LABELS } from '../shared/swedish-labels';
import type { FormError } from '../web/form-errors';
import { registerNotices, withNotice } from '../web/notices';
import type { PageInput, PageView, Pages } from '../web/pages';
import { ANSWERED_STATUSES } from '../responses/response.entity';
import type { ConsultationStatus } from './consultation.entity';
import { ConsultationOverviewService } from './consultation-overview';
import { ConsultationsService } from './consultations.service';
import { presentConsultation } from './consultation.presenter';

const MANAGERS = ['registrator', 'admin'] as const;

registerNotices({
  avslutad: 'Remissen är avslutad.',
  makulerad: 'Remissen är makulerad.',
  ateroppnad: 'Remissen är öppen igen.',
  'handling-uppladdad': 'Remisshandlingen är uppladdad.',
  'handling-borttagen': 'Remisshandlingen är borttagen.',
});

/** Closing, cancelling and reopening: each a confirmation page whose POST changes the status. */
const STATUS_CHANGES: Array<{ slug: string; to: ConsultationStatus; action: 'close' | 'cancel' | 'reopen'; title: string; question: string; explanation: string; button: string; notice: string; warning?: boolean }> = [
  { slug: 'avsluta', to: 'closed', action: 'close', title: 'Avsluta remiss', question: 'Vill du avsluta remissen?', explanation: 'Remissinstanser som inte har svarat visas som ”Svar saknas”. Du kan öppna remissen igen senare.', button: 'Avsluta remissen', notice: 'avslutad' },
  { slug: 'makulera', to: 'cancelled', action: 'cancel', title: 'Makulera remiss', question: 'Vill du makulera remissen?', explanation: 'En makulerad remiss kan inte ändras, skickas eller öppnas igen.', button: 'Makulera remissen', notice: 'makulerad', warning: true },
  { slug: 'ateroppna', to: 'open', action: 'reopen', title: 'Öppna remissen igen', question: 'Vill du öppna remissen igen?', explanation: 'Remissinstanserna kan svara igen fram till sin svarsdag.', button: 'Öppna remissen igen', notice: 'ateroppnad' },
];

/** The remiss's page: facts, remisshandlingar, timeline, and the buttons its reader may use. */
export function registerConsultationPage(pages: Pages, dataSource: DataSource): void {
  const overviews = new ConsultationOverviewService(dataSource);
  const consultations = new ConsultationsService(dataSource);

  pages.get('/remisser/:id', 'user', (input) => consultationPage(overviews, input, []));

  for (const change of STATUS_CHANGES) {
    pages.form({
      path: `/remisser/:id/${change.slug}`,
      access: MANAGERS,
      fields: z.object({ etag: z.string().optional() }),
      async show({ params, context }, state) {
        const view = await consultations.get(idParam(params), context);
        const c = view.consultation;
        const href = `/remisser/${c.id}`;
        return {
          view: 'consultations/confirm-status',
          title: `${change.title} ${c.caseNumber}`,
          breadcrumbs: [{ href: '/', text: 'Start' }, { href: '/remisser', text: 'Remisser' }, { href, text: c.caseNumber }, { text: change.title }],
          data: {
            change,
            consultation: { ...c, statusLabel: CONSULTATION_STATUS_LABELS[c.status] },
            href,
            etag: etagFor(c.version),
            // A stale confirmation: someone changed the remiss meanwhile; the page shows it as it is now.
            errors: state.conflict ? [{ message: 'Någon annan har ändrat remissen sedan du öppnade sidan. Kontrollera uppgifterna och bekräfta igen.' }] : state.errors,
          },
        };
      },
      async save({ params, context }, fields) {
        const ifMatch = fields.etag ? IfMatch.parse(fields.etag) : undefined;
        if (!ifMatch) throw preconditionRequired();
        await consultations.update(idParam(params), ifMatch, { status: change.to }, context);
        return withNotice(`/remisser/${idParam(params)}`, change.notice);
      },
    });
  }
}

/** The page, with errors from a failed upload when there are any. */
export async function consultationPage(overviews: ConsultationOverviewService, { params, context }: PageInput, errors: FormError[], values: Record<string, unknown> = {}): Promise<PageView> {
  const { view, attachments, timeline, actions, mayCompile } = await overviews.overview(idParam(params), context);
  const c = view.consultation;
  const href = `/remisser/${c.id}`;
  const answered = ANSWERED_STATUSES.reduce((sum, status) => sum + view.recipients.byStatus[status], 0);
  return {
    view: 'consultations/show',
    title: `${c.caseNumber} ${c.title}`,
    breadcrumbs: [{ href: '/', text: 'Start' }, { href: '/remisser', text: 'Remisser' }, { text: c.caseNumber }],
    status: errors.length ? 400 : 200,
    data: {
      consultation: c,
      href,
      statusLabel: CONSULTATION_STATUS_LABELS[c.status],
      kindLabel: CONSULTATION_KIND_LABELS[c.kind],
      senderName: view.senderName,
      coordinatorName: view.coordinatorName,
      recipients: { ...view.recipients, answered },
      overdue: presentConsultation(view).overdue,
      attachments: attachments.map((a) => ({ ...a, href: `${href}/handlingar/${a.id}`, size: fileSize(Number(a.sizeBytes)) })),
      timeline,
      actions,
      mayCompile,
      anyStatusAction: actions.close || actions.cancel || actions.reopen,
      errors,
      values,
    },
  };
}

/** "1,2 MB", "340 kB": the size as a person reads it. */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}
