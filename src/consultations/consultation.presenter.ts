import { todayInStockholm } from '../shared/dates';
import type { Consultation } from './consultation.entity';
import type { RecipientSummary } from './consultation-summaries';
import { deadlineInfo } from './deadline-warnings';

export interface ConsultationView {
  consultation: Consultation;
  senderName: string;
  coordinatorName: string | null;
  recipients: RecipientSummary;
}

export function presentConsultation(view: ConsultationView, today = todayInStockholm()) {
  const c = view.consultation;
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    caseNumberNormalized: c.caseNumberNormalized,
    title: c.title,
    kind: c.kind,
    sender: { id: c.senderId, name: view.senderName },
    coordinator: c.coordinatorId ? { id: c.coordinatorId, name: view.coordinatorName ?? '' } : null,
    registeredDate: c.registeredDate,
    sentDate: c.sentDate,
    dueDate: c.dueDate,
    description: c.description,
    status: c.status,
    overdue: c.status === 'open' && !!c.dueDate && c.dueDate < today,
    recipients: view.recipients,
    deadline: deadlineInfo(c.dueDate, c.sentDate, today),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
