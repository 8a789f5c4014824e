import { formatSwedishDate } from '../shared/dates';
import { inRunningText } from '../shared/swedish-text';
import { nextWorkingDayOnOrAfter, workingDaysBetween } from '../shared/working-days';
import type { ReminderKind } from './reminder.entity';

export interface ReminderMailInput {
  kind: ReminderKind;
  /** The effective due date the reminder is about (YYYY-MM-DD). */
  dueDate: string;
  /** The scheduler's day (YYYY-MM-DD, Stockholm), for "days left" and "days overdue". */
  today: string;
  consultationId: string;
  caseNumber: string;
  title: string;
  senderName: string;
  recipientName: string;
  /** The recipient's organisation kind, so its name reads right mid-sentence. */
  recipientKind?: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The reminder e-mail, in Swedish, plain text (every mail client shows it, nothing to escape). */
export function composeReminderMail(input: ReminderMailInput, link: string): { subject: string; text: string } {
  const due = formatSwedishDate(input.dueDate);
  const overdue = input.kind === 'overdue';
  const subject = overdue
    ? `Försenat svar: remiss ${input.caseNumber} – svar skulle ha lämnats senast ${due}`
    : `Påminnelse: remiss ${input.caseNumber} – svar senast ${due}`;

  // A deadline on a weekend or holiday is met on the next working day (lagen 1930:173).
  const legal = nextWorkingDayOnOrAfter(input.dueDate);
  const moved = legal !== input.dueDate ? ` Eftersom ${due} inte är en vardag räcker det att svaret kommer in ${formatSwedishDate(legal)}.` : '';
  let situation: string;
  if (overdue) {
    const late = calendarDaysBetween(legal, input.today);
    situation = `Svaret från ${inRunningText(input.recipientName, input.recipientKind)} skulle ha kommit in senast ${formatSwedishDate(legal)}. Sista svarsdagen passerades för ${plural(late, 'dag', 'dagar')} sedan.`;
  } else {
    const left = workingDaysBetween(input.today, legal);
    situation =
      `${input.recipientName} ska svara på remissen nedan senast ${due}.${moved} ` +
      (left === 0 ? 'Sista svarsdagen är i dag.' : `Det återstår ${plural(left, 'arbetsdag', 'arbetsdagar')}.`);
  }

  const text = [
    overdue ? 'Försenat remissvar' : 'Påminnelse om remissvar',
    '',
    situation,
    '',
    `Remiss: ${input.title}`,
    `Dnr: ${input.caseNumber}`,
    `Remittent: ${input.senderName}`,
    `Remissinstans: ${input.recipientName}`,
    `Sista svarsdag: ${due}`,
    '',
    `Öppna remissen: ${link}`,
    '',
    'Har ni redan svarat, eller avstår ni från att svara? Registrera det i remisstjänsten, så upphör påminnelserna.',
    'Behöver ni mer tid, kontakta remittenten och begär anstånd.',
    '',
    'Det här meddelandet skickas automatiskt av Stockholms stads remisstjänst och går inte att svara på.',
  ].join('\n');
  return { subject, text };
}
