import type { z } from 'zod';
import type { FieldError } from '../http/problem';
import { invalidFields } from '../http/validation';
import { canPrint, codePointName, isInvisible } from './fonts';

/**
 * No character is ever lost (DESIGN.md §4): text that will be printed is refused when it is saved
 * if the embedded fonts cannot set a character of it, rather than printed as a box. The fonts'
 * own cmap decides (Latin with Sámi, Greek, Cyrillic and Hebrew pass; Arabic, CJK, emoji, "✓" do
 * not), after the same normalisation the PDF applies (composed form; invisible format characters
 * such as zero-width joiners and bidi marks are dropped from the page, not refused).
 *
 * One rule for every save of text that reaches a document: the statement (header, sections,
 * signatories, bilagor, corrections, restored revisions), the section catalogue, the remiss's Dnr,
 * title and description, organisation names, users' names, titles and phones (handläggare,
 * contacts, signatories, the attest), an anstånd's reason, the reason of an answer that avstår,
 * a decision's paragraph, the remisshandlingar's file names and descriptions, the protokollsutdrag's
 * file name, and the literal text of the document templates. Text stored before the rule is drawn
 * as its code points with the characters kept as /ActualText (fonts.ts drawableRuns).
 */

/** At most this many characters are named in one message; a pasted CJK page would otherwise fill it. */
const MAX_NAMED = 10;

/** The characters the documents cannot print, each once, as "U+2713 ✓". */
export function unprintableCharacters(text: string): string[] {
  if (/^[\x20-\x7e\t\n\r]*$/.test(text)) return [];
  const found = new Set<string>();
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint < 0x7f || isInvisible(char) || canPrint(codePoint)) continue;
    found.add(char);
  }
  return [...found].map(describe);
}

function describe(char: string): string {
  const name = codePointName(char);
  // A lone surrogate or a combining mark on its own shows nothing useful: the number says it.
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `${name} ${char}` : name;
}

export function unprintableMessage(characters: readonly string[]): string {
  const named = characters.slice(0, MAX_NAMED).join(', ');
  const more = characters.length > MAX_NAMED ? ` and ${characters.length - MAX_NAMED} more` : '';
  return `holds characters the documents cannot print: ${named}${more}. Latin (with Sámi), Greek, Cyrillic and Hebrew letters can be printed.`;
}

/** The zod form of the rule: `.superRefine(printable)` on every string field that is printed. */
export function printable(value: string, ctx: z.RefinementCtx): void {
  const characters = unprintableCharacters(value);
  if (characters.length) ctx.addIssue({ code: 'custom', message: unprintableMessage(characters), input: value });
}

/**
 * The same rule over stored data (a revision being restored): every string in it, with its path.
 * Non-printed strings there (section keys, stances, dates) are ASCII and always pass.
 */
export function unprintableFields(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string') {
    const characters = unprintableCharacters(value);
    return characters.length ? [{ path, message: unprintableMessage(characters) }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => unprintableFields(item, `${path}.${index}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => unprintableFields(item, `${path}.${key}`));
  return [];
}

/**
 * The rule where zod does not see the text (an upload's file name, known once the file is read):
 * the same 400, naming the field. message says what the text is ("its name").
 */
export function assertPrintable(path: string, text: string, what: string): void {
  const characters = unprintableCharacters(text);
  if (characters.length) throw invalidFields([{ path, message: `${what} ${unprintableMessage(characters)}` }]);
}
