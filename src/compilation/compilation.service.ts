import type { DataSource } from 'typeorm';
import { hasRole, type Actor } from '../authz/actor';
import { actingOrganisationIds, canManageConsultations, findReadableConsultation } from '../consultations/consultation-access';
import type { Consultation } from '../consultations/consultation.entity';
import { forbidden } from '../http/problem';
import { buildCompilation, type Compilation } from './compilation-builder';
import { loadAnsweredSections, loadMatrix } from './compilation-data';

export class CompilationService {
  constructor(private readonly dataSource: DataSource) {}

  /** For the coordinating organisation, registrators and admins; the remiss must be readable (else 404). */
  async compile(consultationId: string, actor: Actor): Promise<{ consultation: Consultation; compilation: Compilation }> {
    const manager = this.dataSource.manager;
    const consultation = await findReadableConsultation(manager, actor, consultationId);
    const coordinates = hasRole(actor, 'coordinator') && !!consultation.coordinatorId && (await actingOrganisationIds(manager, actor)).includes(consultation.coordinatorId);
    if (!canManageConsultations(actor) && !coordinates) throw forbidden('The sammanställning is for the coordinating organisation, registrators and admins.');
    const [matrix, sections] = await Promise.all([loadMatrix(manager, consultationId), loadAnsweredSections(manager, consultationId)]);
    return { consultation, compilation: buildCompilation(matrix, sections) };
  }
}
