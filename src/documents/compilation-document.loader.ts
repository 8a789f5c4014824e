import type { EntityManager } from 'typeorm';
import type { Compilation } from '../compilation/compilation-builder';
import type { Consultation } from '../consultations/consultation.entity';
import { Organisation } from '../organisations/organisation.entity';
import { todayInStockholm } from '../shared/dates';
import type { CompilationDocumentModel, CompilationGrouping } from './document-model';
import { PUBLISHED_STATEMENT_SQL } from '../responses/response-access';

/**
 * The sammanställning as a document model: the compilation as the JSON endpoint builds it, plus
 * the names its pages print and the reasons of those who avstår or have inga synpunkter. Dated by the last change of the
 * remiss, of an answer's status, of a submitted statement or of a line of Svaren i korthet (a draft
 * saved or shared changes nothing the document shows), so the same state gives the same document.
 */
export async function loadCompilationDocument(manager: EntityManager, consultation: Consultation, compilation: Compilation, groupBy: CompilationGrouping): Promise<CompilationDocumentModel> {
  const sender = await manager.findOneBy(Organisation, { id: consultation.senderId });
  const coordinator = consultation.coordinatorId ? await manager.findOneBy(Organisation, { id: consultation.coordinatorId }) : null;
  const rows: Array<{ id: string; status: string; answer_reason: string | null; updated_at: Date }> = await manager.query(
    // Svaren i korthet is printed too: the coordinator's edit of a line dates the document as well.
    `SELECT p.id, p.status, p.answer_reason, GREATEST(p.status_changed_at, s.updated_at, a.updated_at) AS updated_at
       FROM responses p JOIN recipients r ON r.id = p.recipient_id
       LEFT JOIN statements s ON s.response_id = p.id AND ${PUBLISHED_STATEMENT_SQL}
       LEFT JOIN answer_summaries a ON a.response_id = p.id
      WHERE r.consultation_id = $1`,
    [consultation.id],
  );
  const answerReasons = Object.fromEntries(rows.filter((row) => ['declined', 'no_comments'].includes(row.status) && row.answer_reason).map((row) => [row.id, row.answer_reason!]));
  const lastModified = new Date(Math.max(consultation.updatedAt.getTime(), ...rows.map((row) => new Date(row.updated_at).getTime())));
  return {
    consultation: { caseNumber: consultation.caseNumber, title: consultation.title, kind: consultation.kind, sender: sender?.name ?? '', dueDate: consultation.dueDate, sentDate: consultation.sentDate, status: consultation.status },
    coordinator: coordinator ? { name: coordinator.name, registerKey: coordinator.registerKey } : { name: sender?.name ?? 'Stockholms stad', registerKey: sender?.registerKey ?? null },
    groupBy,
    compilation,
    answerReasons,
    date: todayInStockholm(lastModified),
    lastModified: lastModified.toISOString(),
  };
}
