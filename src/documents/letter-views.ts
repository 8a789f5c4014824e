import type { ConsultationKind } from '../consultations/consultation.entity';
import { formatSwedishDate } from '../shared/dates';
import { inRunningText } from '../shared/swedish-text';
import type { AnswerLetterModel, CoverLetterModel, ExtensionLetterModel, LetterPerson } from './document-model';
import { footerAddressFor, footerLine } from './organisation-addresses';

/**
 * Template contexts of the remissbrev and the short "avstår / inga synpunkter" answer. As for the
 * statement, everything computed is computed here (Swedish dates, a name in running text, the
 * kind of remiss in definite form); the wording is the templates', so an admin can change it.
 * Field names shared with the statement (administration, caseNumber, officer, to, date,
 * signatories, footer) feed the same letterhead, meta, signature and footer partials.
 */
const KINDS: Record<ConsultationKind, { label: string; definite: string }> = {
  program: { label: 'Program', definite: 'programmet' },
  handlingsplan: { label: 'Handlingsplan', definite: 'handlingsplanen' },
  strategi: { label: 'Strategi', definite: 'strategin' },
  policy: { label: 'Policy', definite: 'policyn' },
  riktlinjer: { label: 'Riktlinjer', definite: 'riktlinjerna' },
  motion: { label: 'Motion', definite: 'motionen' },
  skrivelse: { label: 'Skrivelse', definite: 'skrivelsen' },
  betankande: { label: 'Betänkande', definite: 'betänkandet' },
  promemoria: { label: 'Promemoria', definite: 'promemorian' },
  utredning: { label: 'Utredning', definite: 'utredningen' },
  detaljplan: { label: 'Detaljplan', definite: 'detaljplanen' },
  other: { label: 'Övrigt ärende', definite: 'ärendet' },
};

export const kindLabel = (kind: ConsultationKind) => KINDS[kind]?.label ?? KINDS.other.label;

/** "Dnr KS 2020/924" with no-break spaces: a diarienummer is never split across lines. */
export const dnr = (caseNumber: string) => `Dnr ${caseNumber}`.replace(/ /g, '\u00a0');

const officerOf = (person: LetterPerson | null) => (person ? { name: person.name, phone: person.phone, email: person.email } : null);

export function coverLetterView(model: CoverLetterModel) {
  const { consultation, recipient, registrator } = model;
  const kind = KINDS[consultation.kind] ?? KINDS.other;
  const senderInText = inRunningText(model.sender);
  const respond = recipient.role === 'respond';
  const deadline = model.dueDate ? formatSwedishDate(model.dueDate) : null;
  return {
    documentType: 'Remiss',
    administration: model.administration.name,
    department: null,
    caseNumber: consultation.caseNumber,
    // Without a known registrator (a remiss registered outside the system, its registrator gone) the registry itself is the contact.
    officerLabel: registrator ? 'Registrator' : 'Kontakt',
    officer: officerOf(registrator) ?? { name: `Registraturen, ${model.administration.name}`, phone: null, email: model.replyEmail },
    to: recipient.name,
    date: formatSwedishDate(model.date),
    title: consultation.title,
    dnr: dnr(consultation.caseNumber),
    subtitle: `Remiss från ${senderInText}, ${dnr(consultation.caseNumber)}`,
    kind: kind.label,
    kindInText: kind.definite,
    sender: model.sender,
    senderInText,
    recipient: recipient.name,
    recipientInText: inRunningText(recipient.name, recipient.kind),
    // A remiss sent without a deadline (cleared while open) says so, rather than that one will come.
    noDeadlineText: recipient.sent ? 'Remissen har ingen sista svarsdag. Svara gärna så snart som möjligt.' : 'Sista svarsdag bestäms när remissen skickas.',
    respond,
    required: recipient.required,
    description: consultation.description,
    deadline,
    facts: [
      { label: 'Remittent', value: model.sender },
      { label: 'Typ av ärende', value: kind.label },
      { label: 'Diarienummer', value: consultation.caseNumber },
      { label: 'Mottagare', value: `${recipient.name} (${respond ? (recipient.required ? 'svar begärs' : 'inbjuden att svara') : 'för kännedom'})` },
      ...(respond ? [{ label: 'Sista svarsdag', value: deadline ? `${deadline}${model.extension ? ' (efter anstånd)' : ''}` : recipient.sent ? 'ingen' : 'bestäms när remissen skickas' }] : []),
    ],
    extension: model.extension ? { previousDeadline: model.extension.previousDueDate ? formatSwedishDate(model.extension.previousDueDate) : null, reason: model.extension.reason } : null,
    replyEmail: model.replyEmail,
    registrator: registrator ? { ...registrator, organisation: model.administration.name } : null,
    attachments: model.attachments,
    signatories: registrator ? [{ name: registrator.name, title: `${registrator.title ?? 'Registrator'}, ${model.administration.name}` }] : [],
    footer: footerLine(footerAddressFor(model.administration.registerKey)),
  };
}

/**
 * The answer of a nämnd that avstår or has inga synpunkter: it comes from the nämnd itself (its
 * name in the letterhead and as sender), with the person who recorded it as the contact.
 */
export function answerLetterView(model: AnswerLetterModel) {
  const { consultation, officer } = model;
  const senderInText = inRunningText(consultation.sender);
  return {
    documentType: 'Remissvar',
    administration: model.organisation,
    department: null,
    caseNumber: consultation.caseNumber,
    officerLabel: 'Kontaktperson',
    officer: officerOf(officer),
    to: consultation.sender,
    date: formatSwedishDate(model.date),
    title: consultation.title,
    dnr: dnr(consultation.caseNumber),
    subtitle: `Svar på remiss från ${senderInText}, ${dnr(consultation.caseNumber)}`,
    stance: model.answer === 'declined' ? 'Avstår' : 'Inga synpunkter',
    declined: model.answer === 'declined',
    organisation: model.organisation,
    senderInText,
    reason: model.reason,
    contact: officer ? { ...officer, organisation: officer.organisation ?? model.administration.name } : null,
    registry: { organisation: model.administration.name, email: model.replyEmail ?? null },
    footer: footerLine(footerAddressFor(model.administration.registerKey)),
  };
}

/** The beslut om anstånd to one remissinstans: dated the day it was granted, with who granted it as contact. */
export function extensionLetterView(model: ExtensionLetterModel) {
  const { consultation, grantedBy } = model;
  const senderInText = inRunningText(model.sender);
  return {
    documentType: 'Beslut om anstånd',
    administration: model.administration.name,
    department: null,
    caseNumber: consultation.caseNumber,
    officerLabel: 'Beslutad av',
    officer: officerOf(grantedBy),
    to: model.recipient.name,
    date: formatSwedishDate(model.date),
    title: consultation.title,
    dnr: dnr(consultation.caseNumber),
    subtitle: `Beslut om anstånd. Remiss från ${senderInText}, ${dnr(consultation.caseNumber)}`,
    sender: model.sender,
    senderInText,
    recipient: model.recipient.name,
    recipientInText: inRunningText(model.recipient.name, model.recipient.kind),
    deadline: formatSwedishDate(model.dueDate),
    previousDeadline: model.previousDueDate ? formatSwedishDate(model.previousDueDate) : null,
    reason: model.reason,
    grantedBy: { ...grantedBy, organisation: model.administration.name },
    facts: [
      { label: 'Remittent', value: model.sender },
      { label: 'Diarienummer', value: consultation.caseNumber },
      { label: 'Remissinstans', value: model.recipient.name },
      ...(model.previousDueDate ? [{ label: 'Tidigare sista svarsdag', value: formatSwedishDate(model.previousDueDate) }] : []),
      { label: 'Ny sista svarsdag', value: formatSwedishDate(model.dueDate) },
      { label: 'Beslutat', value: `${formatSwedishDate(model.date)} av ${grantedBy.name}` },
    ],
    signatories: [{ name: grantedBy.name, title: `${grantedBy.title ?? 'Registrator'}, ${model.administration.name}` }],
    footer: footerLine(footerAddressFor(model.administration.registerKey)),
  };
}
