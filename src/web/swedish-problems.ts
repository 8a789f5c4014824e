import type { z } from 'zod';
import type { HttpProblem } from '../http/problem';

/**
 * The API's problem details stay English for API clients; a page never shows English. Known
 * problems (by their type's slug) and known field messages have their Swedish text here; anything
 * else falls back to a general Swedish sentence rather than leak the English one.
 */
const BY_SLUG: Record<string, string> = {
  'duplicate-case-number': 'Avsändaren har redan en remiss med det diarienumret.',
  duplicate: 'Det finns redan en post med samma namn.',
  'in-use': 'Posten används och kan inte tas bort.',
  'organisation-not-active': 'Organisationen är inte aktiv det datumet.',
  'not-ready-to-send': 'Remissen kan inte skickas ännu.',
  'already-sent': 'Remissen är redan skickad.',
  'registered-afterwards': 'Remissen skickades före remisstjänsten och registrerades i efterhand. Remissbrevet e-postas inte härifrån.',
  'consultation-cancelled': 'Remissen är makulerad och kan inte ändras.',
  'invalid-status-change': 'Remissen kan inte få den statusen nu.',
  'consultation-not-changeable': 'Remissens sändlista kan inte längre ändras.',
  'draft-not-started': 'Påbörja svaret först: en fil importeras till utkastet.',
  'import-changed': 'Förslaget har ändrats sedan du öppnade sidan (en rättning ångrades eller gjordes om). Läs igenom det igen och använd det sedan.',
  'import-not-ready': 'Filen läses fortfarande eller kunde inte läsas.',
  'import-closed': 'Importen är redan använd eller borttagen.',
  'import-busy': 'Importen läser andra filer just nu. Försök igen om en stund.',
  'recipient-already-sent': 'Remissen är redan skickad till remissinstansen och den kan inte tas bort.',
  'duplicate-recipient': 'Några av organisationerna är redan remissinstanser.',
  'no-deadline': 'Remissinstansen får remissen för kännedom och har ingen svarsdag.',
  serialization: 'Ändringen krockade med en annan. Försök igen.',
  'file-type-refused': 'Filtypen är inte tillåten.',
  'unsafe-archive': 'Filen är ett arkiv som inte kan tas emot.',
  'malformed-multipart': 'Filen kom inte fram hela. Försök igen.',
  'payload-too-large': 'Filen är för stor.',
  'invalid-credentials': 'Fel användarnamn eller lösenord.',
  'too-many-requests': 'För många misslyckade inloggningar. Vänta en stund och försök igen.',
  'invalid-transition': 'Svaret kan inte ändras så i sin nuvarande status.',
  'not-sent': 'Remissen är inte skickad till er ännu, så det finns inget att svara på.',
  'response-answered': 'Svaret är redan besvarat. Vem som arbetade med det går inte att ändra.',
  'not-answered': 'Svaret har inte kommit in ännu. En rad i Svaren i korthet skrivs när det har kommit in.',
  'required-sections-empty': 'Några obligatoriska avsnitt saknar text. Skriv dem innan svaret skickas till granskning.',
  'stance-missing': 'Utlåtandet saknar ställningstagande. Välj det under Uppgifter i huvudet innan svaret skickas till granskning.',
  'review-comments-closed': 'Kommentarer kan bara skrivas medan svaret granskas, och besvaras medan det skrivs eller granskas.',
  'protokollsutdrag-exists': 'Beslutet har redan ett protokollsutdrag.',
  csrf: 'Formuläret kunde inte skickas: ladda om sidan och försök igen.',
  'bilagor-locked': 'Bilagor kan bara läggas till och tas bort medan svaret skrivs. När svaret har gått vidare till granskning, beslut eller svar ligger de fast.',
  'own-account': 'Du kan inte inaktivera ditt eget konto eller ta bort din egen administratörsroll. Be en annan administratör göra det.',
  'section-move-edge': 'Avsnittet står redan först eller sist i katalogen.',
  'answer-document': 'Filen är svarsdokumentet som registratorn har lagt in, inte en bilaga till utlåtandet, och kan inte tas bort här.',
};

const BY_STATUS: Record<number, string> = {
  400: 'Uppgifterna kunde inte sparas. Kontrollera dem och försök igen.',
  409: 'Ändringen går inte att göra just nu.',
  413: 'Filen är för stor.',
  415: 'Filtypen är inte tillåten.',
  422: 'Uppgifterna räcker inte för att göra det.',
};

/** Field messages the services write (the English patterns) and what the user reads instead. */
const FIELD_MESSAGES: Array<[RegExp, string]> = [
  [/^is required/, 'Fyll i uppgiften.'],
  [/^must be words from the section/, 'Citatet måste vara ord som står i avsnittet som det lyder nu. Kopiera dem ur texten.'],
  [/^is empty$/, 'Fyll i uppgiften.'],
  [/^must not be empty/, 'Fyll i uppgiften.'],
  [/^must be set before sending/, 'Fyll i uppgiften innan remissen skickas.'],
  [/^add at least one recipient/, 'Lägg till minst en remissinstans innan remissen skickas.'],
  [/^must be a date/, 'Ange ett datum som ÅÅÅÅ-MM-DD.'],
  [/^must be an e-mail address/, 'Ange en e-postadress i rätt format, till exempel namn@exempel.se.'],
  [/^must not be before registeredDate/, 'Sista svarsdag kan inte vara före registreringsdatum.'],
  [/^must not be before activeFrom/, 'Slutdatum kan inte vara före startdatum.'],
  [/^must not be before from/, 'Slutdatum kan inte vara före startdatum.'],
  [/^must be later than the current due date (\S+)/, 'Den nya svarsdagen måste vara senare än nuvarande svarsdag $1.'],
  [/^must not be after today/, 'Datumet kan inte vara i framtiden.'],
  [/^must not be before the day the remiss was registered \((\S+)\)/, 'Remissen kan inte ha skickats före registreringsdatum $1.'],
  [/^(.+) exists only from (\S+)$/, '$1 fanns inte ännu: den finns från $2.'],
  [/^(.+) has not existed since (\S+); its successor is (.+)$/, '$1 finns inte sedan $2. Efterträdare är $3.'],
  [/^(.+) has not existed since (\S+); it has no successor$/, '$1 finns inte sedan $2 och har ingen efterträdare.'],
  [/^must not be before (\S+), the day the remiss was sent/, 'Datumet kan inte vara före $1, dagen remissen skickades.'],
  [/^is not a known organisation/, 'Organisationen finns inte i registret.'],
  [/^is not a known distribution list/, 'Sändlistan finns inte.'],
  [/^is already a recipient/, 'Organisationen är redan remissinstans.'],
  [/^(appears|is listed) twice/, 'Organisationen finns med två gånger.'],
  [/must not contain the NUL character/, 'Texten innehåller ett otillåtet tecken.'],
  [/the documents cannot print: (.*?)\. Latin/, 'Texten innehåller tecken som inte kan skrivas ut i dokumenten: $1. Latinska (även samiska), grekiska, kyrilliska och hebreiska bokstäver går bra.'],
  [/^is \d+ characters long/, 'Texten är för lång.'],
  [/^is taken by another user/, 'Användarnamnet är upptaget. Välj ett annat.'],
  [/^is taken by another section/, 'Nyckeln används redan av ett annat avsnitt. Välj en annan.'],
  [/^is not a user$/, 'Personen finns inte. Välj någon i listan.'],
  [/^is not a user of/, 'Personen arbetar inte i er organisation. Välj någon i listan.'],
  [/whose account is deactivated$/, 'Personens konto är avstängt. Välj någon annan.'],
  [/who is neither handläggare nor attestant$/, 'Personen är varken handläggare eller attestant. Välj någon i listan.'],
];

export function swedishProblemMessage(problem: HttpProblem): string {
  const slug = problem.options.slug;
  if (slug && BY_SLUG[slug]) return BY_SLUG[slug];
  return BY_STATUS[problem.status] ?? 'Något gick fel. Försök igen.';
}

export function swedishFieldMessage(_problem: HttpProblem, _field: string, message: string): string {
  return swedishMessage(message);
}

/** A service's or a shared schema's English field message in Swedish (see FIELD_MESSAGES). */
export function swedishMessage(message: string): string {
  for (const [pattern, swedish] of FIELD_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return swedish.replace(/\$(\d)/g, (_all, index: string) => match[Number(index)] ?? '');
  }
  // Already Swedish (some services write Swedish warnings), else the general sentence.
  return /[åäöÅÄÖ]/.test(message) && !/^[a-z]/.test(message) ? message : 'Kontrollera uppgiften.';
}

/** Zod's own messages (where a page schema gave none) in Swedish, by the kind of issue. */
export const swedishZodErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'Fyll i uppgiften.' : `Uppgiften är för kort (minst ${String(issue.minimum)}).`;
    case 'too_big':
      return `Uppgiften är för lång (högst ${String(issue.maximum)}).`;
    case 'invalid_format':
      return issue.format === 'email' ? 'Ange en e-postadress i rätt format, till exempel namn@exempel.se.' : 'Uppgiften har fel format.';
    case 'invalid_value':
      return 'Välj ett av alternativen.';
    case 'invalid_type':
      return issue.input === undefined ? 'Fyll i uppgiften.' : 'Uppgiften har fel format.';
    default:
      return 'Kontrollera uppgiften.';
  }
};
