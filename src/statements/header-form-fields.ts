import { z } from 'zod';
import type { PutHeaderInput } from './statements.schemas';

/**
 * The header, signatories, bilagor and stance as form fields: the Uppgifter i huvudet page and the
 * import's proposal form (src/imports) show and read them alike.
 */

/** Room for this many signatories on the page (the API takes ten; a tjänsteutlåtande has one or two). */
export const SIGNATORY_ROWS = 3;

const optional = z.string().optional().transform((value) => value?.trim() || null);
export const headerFieldShape = {
  administration: optional,
  department: optional,
  officerName: optional,
  officerPhone: optional,
  officerEmail: optional,
  to: optional,
  date: optional,
  ownCaseNumber: optional,
  title: optional,
  subtitle: optional,
  stance: optional,
  enclosures: optional,
  ...Object.fromEntries(Array.from({ length: SIGNATORY_ROWS }, (_, n) => [[`signatory${n + 1}Name`, optional], [`signatory${n + 1}Title`, optional]]).flat()),
};
export type HeaderFields = Record<string, string | null>;

/** The form's fields as the service's input (the remiss's Dnr is kept: it is the remiss's, not the author's). */
export function headerInput(fields: HeaderFields, remissCaseNumber: string): unknown {
  const signatories = Array.from({ length: SIGNATORY_ROWS }, (_, n) => ({ name: fields[`signatory${n + 1}Name`], title: fields[`signatory${n + 1}Title`] })).filter((s) => s.name || s.title);
  return {
    header: {
      administration: fields.administration ?? '',
      department: fields.department,
      officer: { name: fields.officerName, phone: fields.officerPhone, email: fields.officerEmail },
      to: fields.to ?? '',
      date: fields.date ?? '',
      ownCaseNumber: fields.ownCaseNumber,
      remissCaseNumber,
      title: fields.title ?? '',
      subtitle: fields.subtitle,
    },
    signatories: signatories.map((s) => ({ name: s.name, title: s.title ?? '' })),
    enclosures: (fields.enclosures ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean).map((title) => ({ title })),
    stance: fields.stance,
  };
}

/** Where each path of the service's input is on the form. */
export function headerFieldFor(path: readonly PropertyKey[]): string | undefined {
  const [first, second, third] = path.map(String);
  if (first === 'header') return second === 'officer' ? `officer${third.charAt(0).toUpperCase()}${third.slice(1)}` : second;
  if (first === 'signatories') return `signatory${Number(second) + 1}${third === 'title' ? 'Title' : 'Name'}`;
  return first;
}

export function headerFormValues({ header, signatories, enclosures, stance }: Pick<PutHeaderInput, 'header' | 'signatories' | 'enclosures' | 'stance'>): HeaderFields {
  return {
    administration: header.administration,
    department: header.department,
    officerName: header.officer.name,
    officerPhone: header.officer.phone,
    officerEmail: header.officer.email,
    to: header.to,
    date: header.date,
    ownCaseNumber: header.ownCaseNumber,
    title: header.title,
    subtitle: header.subtitle,
    stance,
    enclosures: enclosures.map((e) => e.title).join('\n'),
    ...Object.fromEntries(signatories.slice(0, SIGNATORY_ROWS).flatMap((s, n) => [[`signatory${n + 1}Name`, s.name], [`signatory${n + 1}Title`, s.title]])),
  };
}

