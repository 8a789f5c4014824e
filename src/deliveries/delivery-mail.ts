import type { CoverLetterModel } from '../documents/document-model';
import { kindLabel } from '../documents/letter-views';
import { formatSwedishDate } from '../shared/dates';
import { inRunningText } from '../shared/swedish-text';

/**
 * The e-mail that carries a remissbrev to a remissinstans' registratur, in Swedish, plain text
 * (every mail client shows it, nothing to escape). The letter itself is the attached PDF; the mail
 * says what it is and links to the remiss page, where the answer is written.
 */
export function composeDeliveryMail(letter: CoverLetterModel, link: string): { subject: string; text: string; filename: string } {
  const { consultation, recipient } = letter;
  const respond = recipient.role === 'respond';
  const due = letter.dueDate ? formatSwedishDate(letter.dueDate) : null;
  const subject = respond
    ? `Remiss ${consultation.caseNumber}: ${consultation.title}${due ? ` – svar senast ${due}` : ''}`
    : `Remiss för kännedom ${consultation.caseNumber}: ${consultation.title}`;
  const recipientInText = inRunningText(recipient.name, recipient.kind);
  const text = [
    `Remiss från ${inRunningText(letter.sender)}`,
    '',
    respond
      ? `${letter.sender} remitterar ärendet nedan till ${recipientInText} för yttrande.${recipient.required ? '' : ` ${recipient.name} är inbjuden att svara men inte skyldig att göra det.`}`
      : `${letter.sender} skickar ärendet nedan till ${recipientInText} för kännedom. Något svar begärs inte.`,
    'Remissbrevet finns bifogat som PDF. Registrera det enligt era rutiner.',
    '',
    `Ärende: ${consultation.title}`,
    `Typ av ärende: ${kindLabel(consultation.kind)}`,
    `Dnr: ${consultation.caseNumber}`,
    `Remittent: ${letter.sender}`,
    `Remissinstans: ${recipient.name}`,
    ...(respond ? [`Sista svarsdag: ${due ?? 'anges i remissbrevet'}`] : []),
    '',
    `Öppna remissen: ${link}`,
    '',
    respond ? 'Svaret lämnas i remisstjänsten. Ange diarienumret i all kontakt om remissen.' : 'Ange diarienumret i all kontakt om remissen.',
    'Det här meddelandet skickas automatiskt av Stockholms stads remisstjänst och går inte att svara på. Kontaktuppgifter finns i remissbrevet.',
  ].join('\n');
  // A file name without the Dnr's slashes, which some mail clients turn into folders or drop.
  const filename = `Remissbrev ${consultation.caseNumber} ${recipient.name}.pdf`.replace(/[\\/:*?"<>|]+/g, '-');
  return { subject, text, filename };
}
