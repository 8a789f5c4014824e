import type { Role } from '../authz/roles';
import type { ConsultationKind, ConsultationStatus } from '../consultations/consultation.entity';
import type { DeliveryStatus } from '../deliveries/delivery-state';
import type { OrganisationKind } from '../organisations/organisation.entity';
import type { RecipientRole } from '../recipients/recipient.entity';
import type { DecisionOutcome } from '../responses/decision.entity';
import { ANSWERED_STATUSES, type ResponseStatus } from '../responses/response.entity';
import type { Stance } from '../statements/statement.entity';

/** How documents and exports name the code's values, in Swedish. */
export const STATUS_LABELS: Record<ResponseStatus, string> = {
  not_started: 'Ej påbörjat',
  drafting: 'Under arbete',
  in_review: 'Under granskning',
  approved: 'Attesterat',
  decided: 'Beslutat',
  submitted: 'Besvarat',
  declined: 'Avstår',
  no_comments: 'Inga synpunkter',
};

/**
 * A remissinstans's status as the sammanställning and its exports print it. On a closed remiss
 * one asked to answer that never did has "Svar saknas": its work is not in progress any more.
 */
export function answerStatusLabel(row: { status: ResponseStatus; role: RecipientRole }, closed: boolean): string {
  return closed && row.role === 'respond' && !ANSWERED_STATUSES.includes(row.status) ? 'Svar saknas' : STATUS_LABELS[row.status];
}

export const STANCE_LABELS: Record<Stance, string> = {
  tillstyrker: 'Tillstyrker',
  tillstyrker_med_andringar: 'Tillstyrker med ändringar',
  avstyrker: 'Avstyrker',
  inga_synpunkter: 'Inga synpunkter',
};

/** The stances as a select's options, in the documents' order. */
export const STANCE_OPTIONS = Object.entries(STANCE_LABELS).map(([value, text]) => ({ value, text }));

/** A user's roles (src/authz/roles.ts), as the user administration names them. */
export const USER_ROLE_LABELS: Record<Role, string> = {
  admin: 'Administratör',
  registrator: 'Registrator',
  handlaggare: 'Handläggare',
  attestant: 'Attestant',
  coordinator: 'Samordnare',
  reader: 'Läsare',
};

export const ROLE_LABELS: Record<RecipientRole, string> = { respond: 'Svar begärs', for_information: 'För kännedom' };

export const KIND_LABELS: Record<OrganisationKind, string> = {
  committee: 'Nämnd',
  administration: 'Förvaltning',
  council: 'Råd',
  company: 'Bolag',
  external: 'Extern',
};

/** The nämnd's decision on the statement. */
export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  approved_as_proposed: 'Enligt förvaltningens förslag',
  approved_with_changes: 'Med ändringar',
  referred_back: 'Återremitterat till förvaltningen',
};

export const yesNo = (value: boolean) => (value ? 'Ja' : 'Nej');

/** A remiss's status, as every page names it. */
export const CONSULTATION_STATUS_LABELS: Record<ConsultationStatus, string> = {
  draft: 'Utkast',
  open: 'Ute på remiss',
  closed: 'Avslutad',
  cancelled: 'Makulerad',
};

/** What kind of document a remiss asks views on. */
export const CONSULTATION_KIND_LABELS: Record<ConsultationKind, string> = {
  program: 'Program',
  handlingsplan: 'Handlingsplan',
  strategi: 'Strategi',
  policy: 'Policy',
  riktlinjer: 'Riktlinjer',
  motion: 'Motion',
  skrivelse: 'Skrivelse',
  betankande: 'Betänkande',
  promemoria: 'Promemoria',
  utredning: 'Utredning',
  detaljplan: 'Detaljplan',
  other: 'Övrigt',
};

/** Headings of organisation choosers grouped by kind. */
export const ORGANISATION_KIND_GROUP_LABELS: Record<OrganisationKind, string> = {
  committee: 'Nämnder',
  administration: 'Förvaltningar',
  council: 'Råd',
  company: 'Bolag',
  external: 'Externa remissinstanser',
};

/** A remissinstans's timeline events (recipient_events.type) as the status board names them. */
export const EVENT_LABELS: Record<string, string> = {
  added: 'Tillagd',
  sent: 'Remissen skickad',
  extension_granted: 'Anstånd beviljat',
  reminder_sent: 'Påminnelse skickad',
  response_status_changed: 'Svarets status ändrad',
  answer_recorded: 'Svar registrerat',
  delivery_sent: 'Remissbrevet e-postat',
  delivery_failed: 'E-post misslyckades',
  delivery_cancelled: 'Utskick stoppat',
  delivery_no_address: 'Ingen e-postadress: post',
  delivery_requeued: 'E-post skickas igen',
};

export const eventLabel = (type: string) => EVENT_LABELS[type] ?? 'Händelse';

/** The status board's Utskick for a remiss sent before the remisstjänst existed: no e-mail went out from here. */
export const REGISTERED_AFTERWARDS_LABEL = 'Registrerad i efterhand';

/** How the remissbrev reached a remissinstans (src/deliveries), as the status board says it. */
export const DELIVERY_LABELS: Record<DeliveryStatus, string> = {
  queued: 'E-post väntar på att skickas',
  sent: 'E-post skickad',
  failed: 'E-post misslyckades',
  no_address: 'Ingen e-postadress: skickas med post',
  cancelled: 'Inte skickad (makulerad)',
};
