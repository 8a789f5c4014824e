import { Like, type DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { normaliseCaseNumber } from '../consultations/case-number';
import { Consultation } from '../consultations/consultation.entity';
import { RecipientDelivery } from '../deliveries/delivery.entity';
import { DistributionList } from '../distribution-lists/distribution-list.entity';
import { resolveMembersOn, type ListMember } from '../distribution-lists/list-resolution';
import { Organisation } from '../organisations/organisation.entity';
import { RecipientExtension } from '../recipients/recipient-extension.entity';
import { RecipientEvent } from '../recipients/recipient-event.entity';
import { Recipient } from '../recipients/recipient.entity';
import { Response, type ResponseStatus } from '../responses/response.entity';
import { todayInStockholm } from '../shared/dates';
import { User } from '../users/user.entity';
import { addDays, addMonths, nextWorkingDayOnOrAfter } from '../shared/working-days';
import type { Stance } from '../statements/statement.entity';

const SEED = { actor: null, requestId: 'seed:demo-consultations' };

interface DemoAnswer {
  key: string;
  answeredDate: string;
  /** An anstånd, granted on grantedOn: weeks after the remissbrev, which keeps the deadline it was sent with. */
  extension?: { dueDate: string; reason: string; grantedOn: string };
  /** Default 'submitted'. */
  status?: Extract<ResponseStatus, 'submitted' | 'declined' | 'no_comments'>;
  /** Why it avstår, or why it has inga synpunkter. */
  reason?: string;
  /** An answer that came on paper or by e-mail (record_external), with its stance. */
  external?: { stance: Stance };
}

interface DemoConsultation {
  caseNumber: string;
  title: string;
  kind: Consultation['kind'];
  senderKey: string;
  coordinatorKey: string;
  registeredDate: string;
  sentDate: string;
  dueDate: string;
  description: string;
  status: Extract<Consultation['status'], 'open' | 'closed'>;
  /** Recipients in distribution order: a seeded sändlista's members, then register keys. */
  recipients: { listKey?: string; keys?: string[] };
  /** Answers known from the published tjänsteutlåtanden (../shared/seeds); everyone else's is unknown. */
  answers: DemoAnswer[];
}

/**
 * The two real remisser behind the seed documents, in their real (finished) state. Dates the
 * documents give are used as printed: KS 2020/924 was sent with the remissbrev of 2020-08-28,
 * Östermalm was to answer by 27 November 2020 and Södermalm by 2 December 2020 (modelled as an
 * anstånd). Dates the documents do not give (registration, the motion's deadline) are assumptions.
 */
const DEMO_CONSULTATIONS: DemoConsultation[] = [
  {
    caseNumber: 'KS 2020/924',
    title: 'Stockholms stads program mot våld i nära relationer, hedersrelaterat våld och förtryck, prostitution, människohandel för sexuella ändamål samt sexuellt våld oberoende relation 2021–2025',
    kind: 'program',
    senderKey: 'kommunstyrelsen',
    coordinatorKey: 'socialforvaltningen',
    registeredDate: '2020-08-26',
    sentDate: '2020-08-28',
    dueDate: '2020-11-27',
    description: 'Reviderat program som ersätter programmet mot våld i nära relationer och hedersrelaterat våld och förtryck 2017–2020.',
    status: 'closed',
    recipients: { listKey: 'ks-2020-924' },
    answers: [
      { key: 'sdn-ostermalm', answeredDate: '2020-11-27' },
      { key: 'sdn-hasselby-vallingby', answeredDate: '2020-11-26' },
      { key: 'sdn-sodermalm', answeredDate: '2020-12-02', extension: { dueDate: '2020-12-02', reason: 'Nämnden sammanträder efter sista svarsdag.', grantedOn: '2020-10-20' } },
    ],
  },
  {
    caseNumber: 'KS 2023/553',
    title: 'Motion om lämna-program för individer i våldsamma relationer',
    kind: 'motion',
    senderKey: 'kommunstyrelsen',
    coordinatorKey: 'stadsledningskontoret',
    registeredDate: '2023-05-30',
    sentDate: '2023-06-05',
    dueDate: '2023-09-29',
    description: 'Motion från Centerpartiet om ett lämna-program för den som vill lämna en våldsam relation.',
    status: 'closed',
    recipients: {
      keys: ['stadsledningskontoret', 'exploateringsnamnden', 'socialnamnden', 'utbildningsnamnden', 'sdn-farsta', 'sdn-hasselby-vallingby', 'sdn-norrmalm', 'alla-kvinnors-hus', 'gapf', 'roks', 'shis-bostader', 'unizon'],
    },
    answers: [{ key: 'socialnamnden', answeredDate: '2023-09-26' }],
  },
];

/** Its title, which also tells a later start that it is already there (its Dnr follows the year it was seeded in). */
const OPEN_DEMO_TITLE = 'Stockholms stads handlingsplan mot ofrivillig ensamhet';

/**
 * A remiss still out for answers, so the demo has deadlines, a status board in motion, reminders
 * and something for the coordinator to follow. Invented (no seed document behind it) and dated
 * around the day the demo is first started: sent a month ago with three months to answer.
 */
export function openDemoConsultation(today: string): DemoConsultation {
  const registeredDate = nextWorkingDayOnOrAfter(addDays(today, -33));
  const sentDate = nextWorkingDayOnOrAfter(addDays(registeredDate, 2));
  const year = Number(registeredDate.slice(0, 4));
  const daysAgo = (days: number) => nextWorkingDayOnOrAfter(addDays(today, -days));
  return {
    caseNumber: `KS ${year}/1187`,
    title: `${OPEN_DEMO_TITLE} ${year + 1}–${year + 4}`,
    kind: 'handlingsplan',
    senderKey: 'kommunstyrelsen',
    coordinatorKey: 'socialforvaltningen',
    registeredDate,
    sentDate,
    dueDate: nextWorkingDayOnOrAfter(addMonths(sentDate, 3)),
    description: 'Förslag till handlingsplan för att förebygga och minska ofrivillig ensamhet bland stadens invånare, särskilt äldre och unga vuxna.',
    status: 'open',
    recipients: {
      listKey: 'alla-stadsdelsnamnder',
      keys: ['socialnamnden', 'aldrenamnden', 'kulturnamnden', 'idrottsnamnden', 'ks-pensionarsrad', 'ks-rad-for-funktionshinderfragor', 'region-stockholm', 'fryshuset', 'radda-barnen'],
    },
    answers: [
      { key: 'idrottsnamnden', answeredDate: daysAgo(12), status: 'no_comments' },
      { key: 'sdn-skarholmen', answeredDate: daysAgo(8), status: 'declined', reason: 'Nämnden avstår från att yttra sig och hänvisar till socialnämndens svar.' },
      { key: 'region-stockholm', answeredDate: daysAgo(5), external: { stance: 'tillstyrker' } },
    ],
  };
}

/** Loads the demo remisser once; an existing remiss with the same sender and Dnr (or, the open one, title) is left alone. */
export async function seedDemoConsultations(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const orgIds = new Map((await manager.find(Organisation, { select: { id: true, registerKey: true } })).map((o) => [o.registerKey, o.id]));
    const idOf = (key: string) => {
      const id = orgIds.get(key);
      if (!id) throw new Error(`Demo data names unknown organisation ${key}`);
      return id;
    };
    // The demo registrator registers the demo remisser, so their letters name a person to ask.
    const registrator = await manager.findOneBy(User, { username: 'registrator' });
    let created = 0;
    const open = openDemoConsultation(todayInStockholm());
    for (const demo of [...DEMO_CONSULTATIONS, open]) {
      const senderId = idOf(demo.senderKey);
      if (await manager.existsBy(Consultation, { senderId, caseNumberNormalized: normaliseCaseNumber(demo.caseNumber) })) continue;
      if (demo === open && (await manager.existsBy(Consultation, { senderId, title: Like(`${OPEN_DEMO_TITLE} %`) }))) continue;
      const consultation = await manager.save(Consultation, {
        caseNumber: demo.caseNumber,
        caseNumberNormalized: normaliseCaseNumber(demo.caseNumber),
        title: demo.title,
        kind: demo.kind,
        senderId,
        coordinatorId: idOf(demo.coordinatorKey),
        registeredDate: demo.registeredDate,
        sentDate: demo.sentDate,
        dueDate: demo.dueDate,
        description: demo.description,
        status: demo.status,
        createdBy: registrator?.id ?? null,
      });
      await addDemoRecipients(manager, consultation, demo, idOf, registrator);
      await recordAudit(manager, SEED, { action: 'consultation.seeded', entityType: 'consultation', entityId: consultation.id, after: { caseNumber: demo.caseNumber }, organisationId: null });
      created++;
    }
    return created;
  });
}

async function addDemoDelivery(manager: EntityManager, recipient: Recipient, sentAt: Date): Promise<void> {
  const { email } = await manager.findOneByOrFail(Organisation, { id: recipient.organisationId });
  const mailedAt = new Date(sentAt.getTime() + 60_000);
  if (email) {
    await manager.insert(RecipientDelivery, { recipientId: recipient.id, status: 'sent', address: email, attempts: 1, statusAt: mailedAt, createdAt: sentAt });
    await manager.insert(RecipientEvent, { recipientId: recipient.id, type: 'delivery_sent', occurredAt: mailedAt, detail: { attempts: 1 } });
  } else {
    await manager.insert(RecipientDelivery, { recipientId: recipient.id, status: 'no_address', address: null, statusAt: sentAt, createdAt: sentAt });
    await manager.insert(RecipientEvent, { recipientId: recipient.id, type: 'delivery_no_address', occurredAt: sentAt, detail: null });
  }
}

async function addDemoRecipients(manager: EntityManager, consultation: Consultation, demo: DemoConsultation, idOf: (key: string) => string, registrator: User | null): Promise<void> {
  const members: ListMember[] = [];
  if (demo.recipients.listKey) {
    const list = await manager.findOneByOrFail(DistributionList, { seedKey: demo.recipients.listKey });
    const rows: Array<{ organisation_id: string }> = await manager.query('SELECT organisation_id FROM distribution_list_members WHERE list_id = $1 ORDER BY position', [list.id]);
    // The list as it stood on the send date, as sending resolves it (a list seeded before a merger names the old nämnder).
    members.push(...(await resolveMembersOn(manager, rows.map((row) => ({ organisationId: row.organisation_id, viaListId: list.id })), demo.sentDate)).members);
  }
  members.push(...(demo.recipients.keys ?? []).map((key) => ({ organisationId: idOf(key), viaListId: null })));
  const sentAt = new Date(`${demo.sentDate}T09:00:00+02:00`);
  const recipients = await manager.save(
    Recipient,
    members.map((member, index) => manager.create(Recipient, { consultationId: consultation.id, ...member, role: 'respond', required: true, position: index + 1, sentAt })),
  );
  const answerByOrg = new Map(demo.answers.map((answer) => [idOf(answer.key), answer]));
  // An answer from a body the remiss did not go to on its date would vanish without a word.
  const unknown = demo.answers.filter((answer) => !recipients.some((r) => r.organisationId === idOf(answer.key)));
  if (unknown.length) throw new Error(`Demo remiss ${demo.caseNumber} has answers from non-recipients: ${unknown.map((a) => a.key).join(', ')}`);
  for (const recipient of recipients) {
    const answer = answerByOrg.get(recipient.organisationId);
    const status = answer ? (answer.status ?? 'submitted') : 'not_started';
    await manager.insert(Response, {
      recipientId: recipient.id,
      status,
      answeredDate: answer?.answeredDate ?? null,
      answerReason: answer?.reason ?? null,
      receivedExternally: !!answer?.external,
      stance: answer?.external?.stance ?? null,
    });
    await manager.insert(RecipientEvent, { recipientId: recipient.id, type: 'sent', occurredAt: sentAt, detail: { dueDate: demo.dueDate } });
    // The open remiss went out by e-mail where the register had an address, by post where not
    // (the closed ones are older than e-mail delivery: they have no delivery record).
    if (demo.status === 'open') await addDemoDelivery(manager, recipient, sentAt);
    if (answer?.extension) {
      await manager.insert(RecipientExtension, {
        recipientId: recipient.id,
        dueDate: answer.extension.dueDate,
        previousDueDate: demo.dueDate,
        reason: answer.extension.reason,
        grantedByUserId: registrator?.id ?? null,
        grantedByName: registrator?.name ?? 'Registrator, kommunstyrelsen',
        grantedAt: new Date(`${answer.extension.grantedOn}T10:00:00+02:00`),
      });
      await manager.update(Recipient, { id: recipient.id }, { extendedDueDate: answer.extension.dueDate });
    }
    if (answer) {
      await manager.insert(RecipientEvent, { recipientId: recipient.id, type: 'answer_recorded', occurredAt: new Date(`${answer.answeredDate}T12:00:00+01:00`), detail: { status } });
    }
  }
}
