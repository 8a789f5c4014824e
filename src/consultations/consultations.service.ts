import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../authz/actor';
import { recordAudit } from '../audit/audit.service';
import { badRequest, conflict, HttpProblem, type FieldError } from '../http/problem';
import { Organisation } from '../organisations/organisation.entity';
import { normaliseCaseNumber } from './case-number';
import { assertCanManageConsultations, findReadableConsultation } from './consultation-access';
import { ALLOWED_STATUS_CHANGES } from './consultation-actions';
import { Consultation } from './consultation.entity';
import type { ConsultationView } from './consultation.presenter';
import { summariseRecipients } from './consultation-summaries';
import type { CreateConsultationInput, UpdateConsultationInput } from './consultations.schemas';
import { assertVersion, writeNextVersion } from '../db/versioned-write';
import type { IfMatch } from '../http/etag';

export class ConsultationsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, context: RequestContext): Promise<ConsultationView> {
    const consultation = await findReadableConsultation(this.dataSource.manager, context.actor!, id);
    return (await viewsOf(this.dataSource.manager, [consultation]))[0];
  }

  async create(input: CreateConsultationInput, context: RequestContext): Promise<ConsultationView> {
    assertCanManageConsultations(context.actor!);
    return this.dataSource.transaction(async (manager) => {
      await assertOrganisationsExist(manager, { senderId: input.senderId, coordinatorId: input.coordinatorId ?? null });
      await assertCaseNumberFree(manager, input.senderId, input.caseNumber);
      const consultation = await manager.save(
        Consultation,
        manager.create(Consultation, {
          ...input,
          caseNumberNormalized: normaliseCaseNumber(input.caseNumber),
          coordinatorId: input.coordinatorId ?? null,
          dueDate: input.dueDate ?? null,
          description: input.description ?? null,
          status: 'draft',
          createdBy: context.actor!.userId,
        }),
      );
      await recordAudit(manager, context, { action: 'consultation.created', entityType: 'consultation', entityId: consultation.id, after: snapshot(consultation) });
      return (await viewsOf(manager, [consultation]))[0];
    });
  }

  async update(id: string, ifMatch: IfMatch, input: UpdateConsultationInput, context: RequestContext): Promise<ConsultationView> {
    assertCanManageConsultations(context.actor!);
    return this.dataSource.transaction(async (manager) => {
      const before = await findReadableConsultation(manager, context.actor!, id, true);
      assertVersion(before, ifMatch);
      if (before.status === 'cancelled') throw conflict('The remiss is cancelled and can no longer be changed.', 'consultation-cancelled');
      if (input.status && input.status !== before.status && !ALLOWED_STATUS_CHANGES[before.status].includes(input.status)) {
        const hint = before.status === 'draft' && input.status === 'open' ? ' Send it instead (POST …/send).' : '';
        throw conflict(`A remiss cannot go from ${before.status} to ${input.status}.${hint}`, 'invalid-status-change');
      }
      const registeredDate = input.registeredDate ?? before.registeredDate;
      const dueDate = input.dueDate !== undefined ? input.dueDate : before.dueDate;
      if (dueDate && dueDate < registeredDate) throw badRequest('The due date is before the registered date.', [{ path: 'body.dueDate', message: 'must not be before registeredDate' }]);
      await assertOrganisationsExist(manager, { senderId: input.senderId, coordinatorId: input.coordinatorId });
      if (input.caseNumber || input.senderId) await assertCaseNumberFree(manager, input.senderId ?? before.senderId, input.caseNumber ?? before.caseNumber, id);
      const changes: Partial<Consultation> = { ...input };
      if (input.caseNumber) changes.caseNumberNormalized = normaliseCaseNumber(input.caseNumber);
      const after = await writeNextVersion(manager, Consultation, { id }, before.version, changes);
      await recordAudit(manager, context, { action: 'consultation.updated', entityType: 'consultation', entityId: id, before: snapshot(before), after: snapshot(after) });
      return (await viewsOf(manager, [after]))[0];
    });
  }
}

/** Names of sender and coordinator plus recipient counts, for a page of remisser at once. */
export async function viewsOf(manager: EntityManager, consultations: Consultation[]): Promise<ConsultationView[]> {
  const organisationIds = [...new Set(consultations.flatMap((c) => [c.senderId, c.coordinatorId]).filter((id): id is string => !!id))];
  const names = new Map(
    (organisationIds.length ? await manager.createQueryBuilder(Organisation, 'o').select(['o.id', 'o.name']).where('o.id IN (:...ids)', { ids: organisationIds }).getMany() : []).map(
      (o) => [o.id, o.name],
    ),
  );
  const summaries = await summariseRecipients(manager, consultations.map((c) => c.id));
  return consultations.map((consultation) => ({
    consultation,
    senderName: names.get(consultation.senderId) ?? '',
    coordinatorName: consultation.coordinatorId ? (names.get(consultation.coordinatorId) ?? null) : null,
    recipients: summaries.get(consultation.id)!,
  }));
}

export function snapshot(c: Consultation) {
  const { createdAt: _c, updatedAt: _u, ...fields } = c;
  return fields;
}

/**
 * One Dnr per sender (uq_consultations_sender_case_number): the 409 names the remiss that has it,
 * so the registrator can open it instead of guessing. The constraint still holds under a race.
 */
async function assertCaseNumberFree(manager: EntityManager, senderId: string, caseNumber: string, exceptId?: string): Promise<void> {
  const existing = await manager.findOne(Consultation, { where: { senderId, caseNumberNormalized: normaliseCaseNumber(caseNumber) }, select: { id: true, caseNumber: true, title: true } });
  if (!existing || existing.id === exceptId) return;
  throw new HttpProblem(409, `The sender already has a remiss with that diarienummer: ${existing.caseNumber} “${existing.title}”.`, {
    slug: 'duplicate-case-number',
    extensions: { existing: { id: existing.id, caseNumber: existing.caseNumber, title: existing.title, href: `/api/consultations/${existing.id}` } },
  });
}

async function assertOrganisationsExist(manager: EntityManager, ids: { senderId?: string; coordinatorId?: string | null }): Promise<void> {
  const errors: FieldError[] = [];
  for (const [field, id] of Object.entries(ids)) {
    if (id && !(await manager.existsBy(Organisation, { id }))) errors.push({ path: `body.${field}`, message: 'is not a known organisation' });
  }
  if (errors.length) throw badRequest('The remiss refers to unknown organisations.', errors);
}

