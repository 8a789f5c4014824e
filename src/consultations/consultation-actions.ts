import type { Actor } from '../authz/actor';
import { canManageConsultations } from './consultation-access';
import type { ConsultationStatus } from './consultation.entity';

/** Status changes a PATCH may make; draft → open is sending (POST …/send). */
export const ALLOWED_STATUS_CHANGES: Record<ConsultationStatus, ConsultationStatus[]> = {
  draft: ['cancelled'],
  open: ['closed', 'cancelled'],
  closed: ['open'],
  cancelled: [],
};

export interface ConsultationActions {
  edit: boolean;
  close: boolean;
  cancel: boolean;
  reopen: boolean;
  send: boolean;
  distribute: boolean;
  upload: boolean;
  deleteAttachments: boolean;
}

/**
 * What the actor may do with a remiss in its status: the same rules the services enforce
 * (ConsultationsService.update, SendingService, RecipientsService, AttachmentsService), so a page
 * offers only what would succeed.
 */
export function consultationActions(actor: Actor, status: ConsultationStatus): ConsultationActions {
  const manages = canManageConsultations(actor);
  const may = (to: ConsultationStatus) => manages && ALLOWED_STATUS_CHANGES[status].includes(to);
  return {
    edit: manages && status !== 'cancelled',
    close: may('closed'),
    cancel: may('cancelled'),
    reopen: may('open'),
    send: manages && status === 'draft',
    distribute: manages && (status === 'draft' || status === 'open'),
    upload: manages && status !== 'cancelled',
    deleteAttachments: manages && status === 'draft',
  };
}
