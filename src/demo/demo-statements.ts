import type { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { normaliseCaseNumber } from '../consultations/case-number';
import { Consultation } from '../consultations/consultation.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Recipient } from '../recipients/recipient.entity';
import { Approval } from '../responses/approval.entity';
import { Decision } from '../responses/decision.entity';
import { Response } from '../responses/response.entity';
import { recordRevision } from '../statements/statement-snapshot';
import { StatementSection } from '../statements/statement-section.entity';
import { Statement } from '../statements/statement.entity';
import { OSTERMALM_STATEMENT } from './demo-statement-000-ostermalm';
import { HASSELBY_VALLINGBY_STATEMENT } from './demo-statement-001-hasselby-vallingby';
import { SOCIALNAMNDEN_STATEMENT } from './demo-statement-002-socialnamnden';
import { SODERMALM_STATEMENT } from './demo-statement-003-sodermalm';
import type { DemoStatement } from './demo-statement-content';

const SEED = { actor: null, requestId: 'seed:demo-statements' };
/** Both demo remisser come from kommunstyrelsen (see demo-consultations.ts). */
const SENDER_KEY = 'kommunstyrelsen';

/** The four published tjänsteutlåtanden of ../shared/seeds, on the answers demo-consultations.ts marks submitted. */
export const DEMO_STATEMENTS: readonly DemoStatement[] = [OSTERMALM_STATEMENT, HASSELBY_VALLINGBY_STATEMENT, SOCIALNAMNDEN_STATEMENT, SODERMALM_STATEMENT];

/**
 * Attests and meetings are known by their day only: noon UTC is midday in Stockholm, winter or
 * summer, so the instant stays on the printed date.
 */
const onDay = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * Enters the seed statements in their final state: statement with sections, one 'created'
 * revision, the attest, the nämnd's decision and the answer's stance. A response that already has
 * a statement is left alone; a remiss, organisation or response the demo names must exist.
 */
export async function seedDemoStatements(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    let created = 0;
    for (const demo of DEMO_STATEMENTS) {
      const { response, recipient } = await findDemoResponse(manager, demo);
      if (await manager.existsBy(Statement, { responseId: response.id })) continue;
      if (response.status !== 'submitted') {
        throw new Error(`Demo statement ${demo.seed}: the response of ${demo.organisationKey} on ${demo.caseNumber} is ${response.status}, expected submitted`);
      }
      await insertStatement(manager, demo, response, recipient);
      created++;
    }
    return created;
  });
}

async function findDemoResponse(manager: EntityManager, demo: DemoStatement): Promise<{ response: Response; recipient: Recipient }> {
  const where = `Demo statement ${demo.seed}`;
  const sender = await manager.findOneBy(Organisation, { registerKey: SENDER_KEY });
  if (!sender) throw new Error(`${where}: unknown organisation ${SENDER_KEY}`);
  const organisation = await manager.findOneBy(Organisation, { registerKey: demo.organisationKey });
  if (!organisation) throw new Error(`${where}: unknown organisation ${demo.organisationKey}`);
  const consultation = await manager.findOneBy(Consultation, { senderId: sender.id, caseNumberNormalized: normaliseCaseNumber(demo.caseNumber) });
  if (!consultation) throw new Error(`${where}: no remiss ${demo.caseNumber} from ${SENDER_KEY} (seed the demo remisser first)`);
  const recipient = await manager.findOneBy(Recipient, { consultationId: consultation.id, organisationId: organisation.id });
  if (!recipient) throw new Error(`${where}: ${organisation.name} is not a recipient of ${demo.caseNumber}`);
  const response = await manager.findOne(Response, { where: { recipientId: recipient.id }, lock: { mode: 'pessimistic_write' } });
  if (!response) throw new Error(`${where}: ${organisation.name} has no response on ${demo.caseNumber}`);
  return { response, recipient };
}

async function insertStatement(manager: EntityManager, demo: DemoStatement, response: Response, recipient: Recipient): Promise<void> {
  const statement = await manager.save(
    Statement,
    manager.create(Statement, { responseId: response.id, header: demo.header, signatories: demo.signatories, enclosures: demo.enclosures, stance: demo.stance }),
  );
  await manager.insert(
    StatementSection,
    demo.sections.map((section, index) => ({
      statementId: statement.id,
      key: section.key,
      heading: section.heading,
      position: (index + 1) * 10,
      body: section.body,
      stance: section.stance ?? null,
      updatedBy: null,
    })),
  );
  const revision = await recordRevision(manager, statement, null, 'created', { authorName: demo.revisionAuthor });
  await manager.insert(
    Approval,
    demo.approvals.map((approval) => ({ responseId: response.id, userId: null, name: approval.name, title: approval.title, approvedAt: onDay(approval.date) })),
  );
  await manager.insert(Decision, {
    responseId: response.id,
    meetingDate: demo.decision.meetingDate,
    paragraph: demo.decision.paragraph,
    outcome: 'approved_as_proposed',
    decisionText: demo.decision.decisionText,
    recordedBy: null,
    recordedAt: onDay(demo.decision.meetingDate),
  });
  // The answer was submitted by demo-consultations.ts without content; now it carries the statement's stance.
  await manager.update(Response, { id: response.id }, { stance: demo.stance });
  await recordAudit(manager, SEED, {
    action: 'statement.seeded',
    entityType: 'statement',
    entityId: statement.id,
    organisationId: recipient.organisationId,
    after: { responseId: response.id, caseNumber: demo.caseNumber, seed: demo.seed, sections: demo.sections.length, revision: revision.number, stance: demo.stance },
  });
}
