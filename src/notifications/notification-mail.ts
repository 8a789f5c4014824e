import { formatSwedishDate } from '../shared/dates';
import { genitive } from '../shared/swedish-text';
import type { NotificationKind } from './notification.entity';

export interface NotificationFacts {
  kind: NotificationKind;
  /** Whom it goes to, and who made the change. */
  name: string;
  actorName: string | null;
  caseNumber: string;
  title: string;
  organisation: string;
  dueDate: string | null;
  /** The page to open: the answer page, or for the coordinator the remiss's. */
  link: string;
  accountLink: string;
}

const WHAT: Record<NotificationKind, { subject: string; happened: (who: string, organisation: string) => string; next: string }> = {
  review_requested: {
    subject: 'Att attestera',
    happened: (who, organisation) => `${who} har skickat ${genitive(organisation)} svar till granskning.`,
    next: 'Svaret väntar på din attest. Godkänn det eller skicka tillbaka det med kommentarer.',
  },
  returned: {
    subject: 'Tillbaka till dig',
    happened: (who, organisation) => `${who} har skickat tillbaka ${genitive(organisation)} svar till dig.`,
    next: 'Läs kommentarerna vid avsnitten i tjänsteutlåtandet, svara på dem eller markera dem som lösta, och skicka svaret till granskning igen.',
  },
  approved: {
    subject: 'Godkänt',
    happened: (who, organisation) => `${who} har godkänt ${genitive(organisation)} svar.`,
    next: 'Nästa steg är nämndens beslut. Registrera beslutet på svarets sida när nämnden har sammanträtt.',
  },
  submitted: {
    subject: 'Svar inkommet',
    happened: (who, organisation) => `${organisation} har skickat in sitt svar${who === 'Någon' ? '' : ` (${who})`}.`,
    next: 'Svaret finns i remissens svarsläge och i sammanställningen.',
  },
};

/** The e-mail that tells one person it is their turn: Swedish plain text with the link to the page. */
export function composeNotificationMail(facts: NotificationFacts): { subject: string; text: string } {
  const what = WHAT[facts.kind];
  const due = facts.dueDate ? formatSwedishDate(facts.dueDate) : null;
  return {
    subject: `${what.subject}: svar på ${facts.caseNumber} från ${facts.organisation}`,
    text: [
      `Hej ${facts.name}!`,
      '',
      what.happened(facts.actorName ?? 'Någon', facts.organisation),
      what.next,
      '',
      `Remiss: ${facts.caseNumber} ${facts.title}`,
      ...(due ? [`Sista svarsdag: ${due}`] : []),
      '',
      `Öppna: ${facts.link}`,
      '',
      `Det här meddelandet skickas automatiskt av Stockholms stads remisstjänst och går inte att svara på. Du kan stänga av e-post om din tur under Mitt konto: ${facts.accountLink}`,
    ].join('\n'),
  };
}
