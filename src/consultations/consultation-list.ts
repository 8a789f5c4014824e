import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { hasRole, type Actor } from '../authz/actor';
import type { Page } from '../http/schemas';
import { todayInStockholm } from '../shared/dates';
import { escapeLike } from '../users/users.service';
import { normaliseCaseNumber } from './case-number';
import { actingOrganisationIds, canManageConsultations } from './consultation-access';
import { Consultation } from './consultation.entity';
import type { ConsultationView } from './consultation.presenter';
import type { ListConsultationsQuery } from './consultations.schemas';
import { viewsOf } from './consultations.service';

const SORTS = {
  dueDate: 'c.due_date',
  registeredDate: 'c.registered_date',
  caseNumber: 'c.case_number_normalized',
  title: 'c.title',
  createdAt: 'c.created_at',
} as const;

/** The same visibility rules as canReadConsultation, as SQL, so lists never show what a get would refuse. */
async function restrictToReadable(manager: EntityManager, qb: SelectQueryBuilder<Consultation>, actor: Actor): Promise<void> {
  if (canManageConsultations(actor)) return;
  const mine = await actingOrganisationIds(manager, actor);
  const received = 'EXISTS (SELECT 1 FROM recipients rv WHERE rv.consultation_id = c.id AND rv.organisation_id = ANY(:mine))';
  const sent = `c.status <> 'draft' AND (${hasRole(actor, 'reader') ? 'TRUE' : received})`;
  const coordinated = hasRole(actor, 'coordinator') ? 'c.coordinator_id = ANY(:mine)' : 'FALSE';
  qb.andWhere(`((${coordinated}) OR (${sent}))`, { mine });
}

export async function listConsultations(manager: EntityManager, actor: Actor, query: ListConsultationsQuery): Promise<Page<ConsultationView>> {
  const qb = manager.createQueryBuilder(Consultation, 'c');
  await restrictToReadable(manager, qb, actor);
  if (query.status) qb.andWhere('c.status = :status', { status: query.status });
  if (query.kind) qb.andWhere('c.kind = :kind', { kind: query.kind });
  if (query.senderId) qb.andWhere('c.sender_id = :senderId', { senderId: query.senderId });
  if (query.coordinatorId) qb.andWhere('c.coordinator_id = :coordinatorId', { coordinatorId: query.coordinatorId });
  if (query.recipientOrganisationId) {
    qb.andWhere('EXISTS (SELECT 1 FROM recipients rf WHERE rf.consultation_id = c.id AND rf.organisation_id = :recipientOrg)', { recipientOrg: query.recipientOrganisationId });
  }
  if (query.dueBefore) qb.andWhere('c.due_date <= :dueBefore', { dueBefore: query.dueBefore });
  if (query.dueAfter) qb.andWhere('c.due_date >= :dueAfter', { dueAfter: query.dueAfter });
  if (query.overdue !== undefined) {
    const overdue = `c.status = 'open' AND c.due_date < :today`;
    qb.andWhere(query.overdue ? `(${overdue})` : `NOT (${overdue})`, { today: todayInStockholm() });
  }
  if (query.q) {
    qb.andWhere('(c.title ILIKE :q OR c.case_number_normalized LIKE :qCase)', {
      q: `%${escapeLike(query.q)}%`,
      qCase: `%${escapeLike(normaliseCaseNumber(query.q))}%`,
    });
  }
  const descending = query.sort.startsWith('-');
  qb.orderBy(SORTS[query.sort.replace('-', '') as keyof typeof SORTS], descending ? 'DESC' : 'ASC', 'NULLS LAST').addOrderBy('c.id', 'ASC');
  const [consultations, total] = await qb.limit(query.limit).offset(query.offset).getManyAndCount();
  return { items: await viewsOf(manager, consultations), total, limit: query.limit, offset: query.offset };
}
