/**
 * The editing format's syntax, shared by the reader and the writer so that they cannot drift
 * apart (docs/redigeringsformat.md is the user's description of the same rules).
 *
 *   blank line            ends a block (paragraph, list, sub-heading)
 *   `## Rubrik`           a sub-heading: one or more `#` then a space; the rest of the line is its text, taken literally
 *   `- text`, `1. text`   a list item (any number); indented further, an item of the item's own list (one level only)
 *   `**fet**`, `*kursiv*` toggles: `**` switches bold, `*` italic (`***` both)
 *   `^[fotnot]`           a footnote where it stands; its text is plain (brackets inside must pair or be escaped)
 *   `\` + punctuation     that character as text (`\*`, `\\`, `\^`, `\]`, `\#`, `\-`, `1\.`, `\ `)
 *   a single line break   a line break in the text ("\n" in the run); a line holding only `\` is an empty line
 *   spaces and tabs at either end of a line are layout, not text: `\ ` keeps one
 */

/** Spaces and tabs: the whitespace a line's edges may hold as layout. */
export function isLineSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/**
 * What a backslash escapes: ASCII punctuation, space and tab. Before anything else (a letter, a
 * digit, the end of a line) a backslash is itself text, so "C:\Users" needs no escaping.
 */
export function isEscapable(char: string | undefined): boolean {
  return char !== undefined && (isLineSpace(char) || /^[!-/:-@[-`{-~]$/.test(char));
}

// Both with the s flag: a line may hold U+2028, which `.` would otherwise refuse to match.
/** A sub-heading line: `#`s, then whitespace (or nothing), then its text. */
export const HEADING_LINE = /^[ \t]*#+(?:[ \t]+(.*))?$/s;

/** A list item line: indentation, `-` or a number with a dot, then whitespace (or the line's end), then its text. */
export const ITEM_LINE = /^([ \t]*)(-|\d{1,9}\.)(?:[ \t]+(.*))?$/s;

export const BLANK_LINE = /^[ \t]*$/;

/** A line's text that the reader would take as the start of a block: the writer escapes it. */
export const LOOKS_LIKE_HEADING = /^#+(?:[ \t]|$)/;
export const LOOKS_LIKE_BULLET = /^-(?:[ \t]|$)/;
export const LOOKS_LIKE_NUMBERED = /^(\d+)\.(?:[ \t]|$)/;

/** The line that stands for an empty line inside a paragraph, item or footnote. */
export const EMPTY_LINE = '\\';

/** How far a line is indented; a tab counts as four spaces, as most editors show it. */
export function indentationWidth(indentation: string): number {
  let width = 0;
  for (const char of indentation) width += char === '\t' ? 4 : 1;
  return width;
}
