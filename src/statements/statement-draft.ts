import type { EntityManager } from 'typeorm';
import type { Actor } from '../authz/actor';
import { Organisation } from '../organisations/organisation.entity';
import type { ResponseScope } from '../responses/response-access';
import { defaultSourceFor, renderDefaultText } from '../section-catalogue/default-texts';
import { SectionTemplate } from '../section-catalogue/section-template.entity';
import { formatSwedishDate, todayInStockholm } from '../shared/dates';
import { inRunningText } from '../shared/swedish-text';
import { User } from '../users/user.entity';
import { recordRevision } from './statement-snapshot';
import { StatementSection } from './statement-section.entity';
import { Statement, type StatementHeader } from './statement.entity';

/** The förvaltning that writes for a nämnd: the drafter's own, else the nämnd's first förvaltning. */
async function writingAdministration(manager: EntityManager, scope: ResponseScope, actor: Actor): Promise<Organisation> {
  const own = await manager.findOneByOrFail(Organisation, { id: actor.organisationId });
  if (own.id === scope.organisation.id || own.parentId === scope.organisation.id) return own;
  return (await manager.findOne(Organisation, { where: { parentId: scope.organisation.id, kind: 'administration' }, order: { name: 'ASC' } })) ?? scope.organisation;
}

/**
 * Starting a draft: the header from what the system knows (remiss, nämnd, förvaltning, the
 * handläggare's contact details) and the catalogue's standard sections in standard order, with
 * their default texts rendered for the answering organisation's kind.
 */
export async function createDraftStatement(manager: EntityManager, scope: ResponseScope, actor: Actor): Promise<Statement> {
  const administration = await writingAdministration(manager, scope, actor);
  const officer = await manager.findOneByOrFail(User, { id: actor.userId });
  const sender = await manager.findOneByOrFail(Organisation, { id: scope.consultation.senderId });
  const header: StatementHeader = {
    administration: administration.name,
    department: null,
    officer: { name: officer.name, phone: officer.phone, email: officer.email },
    to: scope.organisation.name,
    date: todayInStockholm(),
    ownCaseNumber: null,
    remissCaseNumber: scope.consultation.caseNumber,
    title: scope.consultation.title,
    subtitle: `Svar på remiss från ${inRunningText(sender.name)}, Dnr ${scope.consultation.caseNumber}`,
  };
  const statement = await manager.save(Statement, manager.create(Statement, { responseId: scope.response.id, header, signatories: [], enclosures: [], stance: null }));
  const templates = await manager.find(SectionTemplate, { where: { standard: true }, order: { position: 'ASC', key: 'ASC' } });
  const context = {
    recipient: { name: scope.organisation.name, kind: scope.organisation.kind },
    sender: { name: sender.name },
    administration: { name: administration.name },
    consultation: {
      caseNumber: scope.consultation.caseNumber,
      title: scope.consultation.title,
      dueDate: (scope.recipient.extendedDueDate ?? scope.consultation.dueDate) ? formatSwedishDate((scope.recipient.extendedDueDate ?? scope.consultation.dueDate)!) : null,
    },
  };
  await manager.insert(
    StatementSection,
    templates.map((template, index) => ({
      statementId: statement.id,
      key: template.key,
      heading: template.heading,
      position: (index + 1) * 10,
      body: renderDefaultText(defaultSourceFor(template.defaults, scope.organisation.kind), context),
      stance: null,
      updatedBy: actor.userId,
    })),
  );
  await recordRevision(manager, statement, actor, 'created');
  return statement;
}
