import type { DataSource } from 'typeorm';
import { Consultation } from '../../src/consultations/consultation.entity';
import { Organisation } from '../../src/organisations/organisation.entity';
import { Recipient } from '../../src/recipients/recipient.entity';
import { Response, type ResponseStatus } from '../../src/responses/response.entity';

let sequence = 0;

/** The id of a seeded register entry, e.g. 'sdn-sodermalm'. */
export async function organisationId(dataSource: DataSource, registerKey: string): Promise<string> {
  return (await dataSource.getRepository(Organisation).findOneByOrFail({ registerKey })).id;
}

/** A remiss inserted directly (no service, no audit): for tests of features that need one to exist. */
export async function createConsultation(dataSource: DataSource, overrides: Partial<Consultation> = {}): Promise<Consultation> {
  sequence++;
  const senderId = overrides.senderId ?? (await organisationId(dataSource, 'kommunstyrelsen'));
  const caseNumber = overrides.caseNumber ?? `KS 2099/${sequence}${Date.now() % 100000}`;
  return dataSource.getRepository(Consultation).save({
    caseNumber,
    caseNumberNormalized: caseNumber.toUpperCase().replace(/\s+/g, ''),
    title: `Testremiss ${sequence}`,
    kind: 'program',
    senderId,
    coordinatorId: await organisationId(dataSource, 'socialforvaltningen'),
    registeredDate: '2020-08-20',
    dueDate: '2020-12-02',
    status: 'draft',
    ...overrides,
  });
}

/** A recipient with its response, inserted directly. */
export async function addRecipient(
  dataSource: DataSource,
  consultationId: string,
  registerKey: string,
  overrides: Partial<Recipient> & { responseStatus?: ResponseStatus; answeredDate?: string } = {},
): Promise<{ recipient: Recipient; response: Response }> {
  const { responseStatus, answeredDate, ...fields } = overrides;
  const position = (await dataSource.getRepository(Recipient).countBy({ consultationId })) + 1;
  const recipient = await dataSource.getRepository(Recipient).save({
    consultationId,
    organisationId: await organisationId(dataSource, registerKey),
    role: 'respond',
    required: true,
    position,
    ...fields,
  });
  const response = await dataSource.getRepository(Response).save({
    recipientId: recipient.id,
    status: responseStatus ?? 'not_started',
    answeredDate: answeredDate ?? null,
  });
  return { recipient, response };
}

/** The response of one organisation (by register key) on the open demo remiss (the handlingsplan mot ofrivillig ensamhet). */
export async function openDemoResponseId(dataSource: DataSource, registerKey: string): Promise<string> {
  const [row] = await dataSource.query(
    `SELECT p.id FROM responses p JOIN recipients r ON r.id = p.recipient_id JOIN consultations c ON c.id = r.consultation_id JOIN organisations o ON o.id = r.organisation_id
     WHERE c.status = 'open' AND c.title LIKE 'Stockholms stads handlingsplan mot ofrivillig ensamhet%' AND o.register_key = $1`,
    [registerKey],
  );
  return row.id;
}
