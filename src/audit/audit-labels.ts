/**
 * The audit log's codes as the Granskningslogg page names them. Only the common ones: an action
 * without a label is shown by its code, which is what an admin searching the API would use anyway.
 */
const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Inloggning',
  'auth.logout': 'Utloggning',
  'auth.extend': 'Inloggningen förlängd',
  'user.created': 'Användare skapad',
  'user.updated': 'Användare ändrad',
  'user.password-changed': 'Eget lösenord bytt',
  'user.notifications_changed': 'Val om e-post ändrat',
  'user.seeded': 'Användare inläst',
  'organisation.created': 'Organisation tillagd',
  'organisation.updated': 'Organisation ändrad',
  'organisation.deleted': 'Organisation borttagen',
  'distribution_list.created': 'Sändlista skapad',
  'distribution_list.updated': 'Sändlista ändrad',
  'distribution_list.deleted': 'Sändlista borttagen',
  'consultation.created': 'Remiss registrerad',
  'consultation.updated': 'Remiss ändrad',
  'consultation.sent': 'Remiss skickad',
  'recipient.added': 'Remissinstans tillagd',
  'recipient.removed': 'Remissinstans borttagen',
  'recipient.extension_granted': 'Anstånd beviljat',
  'response.start': 'Svar påbörjat',
  'response.submit_for_review': 'Svar skickat till granskning',
  'response.return_to_drafting': 'Svar skickat tillbaka',
  'response.approve': 'Svar attesterat',
  'response.decide': 'Nämndens beslut registrerat',
  'response.submit': 'Svar inskickat',
  'response.decline': 'Avstår',
  'response.no_comments': 'Inga synpunkter',
  'response.record_external': 'Svar utanför tjänsten registrerat',
  'response.assigned': 'Svar tilldelat',
  'response.sharing_changed': 'Delning med samordnaren ändrad',
  'statement.section_saved': 'Avsnitt sparat',
  'statement.header_saved': 'Uppgifter i huvudet sparade',
  'statement.restored': 'Version återställd',
  'statement.corrected': 'Rättelse',
  'section_template.created': 'Avsnitt tillagt i katalogen',
  'section_template.updated': 'Avsnitt i katalogen ändrat',
  'section_template.moved': 'Avsnitt i katalogen flyttat',
  'attachment.uploaded': 'Fil uppladdad',
  'attachment.deleted': 'Fil borttagen',
  'review_comment.added': 'Kommentar skriven',
  'review_comment.replied': 'Kommentar besvarad',
  'review_comment.resolved': 'Kommentar löst',
  'review_comment.reopened': 'Kommentar öppnad igen',
  'reminder.sent': 'Påminnelse skickad',
  'delivery.sent': 'Remissbrev e-postat',
  'delivery.failed': 'Remissbrev kunde inte e-postas',
  'delivery.requeued': 'Remissbrev skickas igen',
  'delivery.cancelled': 'Utskick stoppat',
};

const ENTITY_TYPE_LABELS: Record<string, string> = {
  user: 'Användare',
  session: 'Inloggning',
  organisation: 'Organisation',
  distribution_list: 'Sändlista',
  consultation: 'Remiss',
  recipient: 'Remissinstans',
  recipient_delivery: 'Utskick',
  response: 'Svar',
  statement: 'Tjänsteutlåtande',
  section_template: 'Avsnitt i katalogen',
  attachment: 'Fil',
  reminder: 'Påminnelse',
  document_template: 'Dokumentmall',
  'accessibility-report': 'Tillgänglighetsrapport',
  review_comment: 'Kommentar',
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;
export const entityTypeLabel = (type: string) => ENTITY_TYPE_LABELS[type] ?? type;

/** Where the page of an entity is, for the kinds that have one. */
const ENTITY_PAGES: Record<string, (id: string) => string> = {
  user: (id) => `/anvandare/${id}`,
  organisation: (id) => `/organisationer/${id}`,
  distribution_list: (id) => `/sandlistor/${id}`,
  consultation: (id) => `/remisser/${id}`,
  response: (id) => `/svar/${id}`,
  section_template: (key) => `/avsnittskatalog/${key}/andra`,
};

export function entityHref(type: string, id: string): string | undefined {
  return ENTITY_PAGES[type]?.(encodeURIComponent(id));
}
