import type { z } from 'zod';
import { unprintableCharacters } from '../documents/printable-text';
import { swedishMessage } from '../web/swedish-problems';
import type { MarkupError } from './body-markup-inline-reader';
import { MAX_BLOCKS, MAX_SECTION_CHARACTERS, MAX_SUBHEADING_CHARACTERS, type Block } from './statement-body';

/** The markup line each part of the body came from, keyed by its path ("2.items.0.content.1"). */
export type SourceMap = Map<string, number>;

type Path = ReadonlyArray<PropertyKey>;

const number = (value: number) => new Intl.NumberFormat('sv-SE').format(value);

/**
 * The schema's issues with a body read from markup, in Swedish and on the line they come from:
 * the API's limits and the printable-text rule stay in one place (sectionBodySchema), the editor
 * only says them the user's way.
 */
export function schemaErrors(issues: readonly z.core.$ZodIssue[], blocks: readonly Block[], sourceMap: SourceMap): MarkupError[] {
  return issues.map((issue) => {
    const line = lineOf(issue, blocks, sourceMap);
    const message = describe(issue, issue.path, blocks);
    return { line, message: line === null ? message : `Rad ${line}: ${lowerFirst(message)}` };
  });
}

function describe(issue: z.core.$ZodIssue, path: Path, blocks: readonly Block[]): string {
  const last = path[path.length - 1];
  if (issue.code === 'custom' && typeof valueAt(blocks, path) === 'string') return swedishMessage(issue.message);
  if (path.length === 0) {
    if (issue.code === 'too_big') return `Texten har för många delar: högst ${number(MAX_BLOCKS)} stycken, rubriker och listor. Dela upp den i fler avsnitt.`;
    const length = /is (\d+) characters long/.exec(issue.message);
    return `Texten är för lång: ${length ? `${number(Number(length[1]))} tecken, ` : ''}högst ${number(MAX_SECTION_CHARACTERS)}.`;
  }
  if (last === 'footnote') {
    return issue.code === 'too_small' ? 'Fotnoten är tom. Skriv dess text mellan ^[ och ].' : `Fotnoten är för lång: högst ${maximum(issue)} tecken.`;
  }
  if (last === 'text' && path.length === 2) {
    if (issue.code === 'too_small') return 'Rubriken är tom. Skriv rubrikens text efter ##.';
    if (issue.code === 'too_big') return `Rubriken är för lång: högst ${number(MAX_SUBHEADING_CHARACTERS)} tecken (den har ${number((valueAt(blocks, path) as string).trim().length)}).`;
    return 'En rubrik kan bara vara en rad.';
  }
  if (last === 'text') return `Texten är för lång: högst ${maximum(issue)} tecken i följd med samma stil (fet, kursiv) utan fotnot emellan.`;
  if (last === 'content') {
    const [what, divided] = path.length === 2 ? ['Stycket', 'uppdelat'] : ['Punkten', 'uppdelad'];
    return issue.code === 'too_small' ? `${what} har ingen text.` : `${what} är ${divided} i för många delar: högst ${maximum(issue)} textavsnitt och fotnoter.`;
  }
  if (last === 'items') {
    return path[path.length - 2] === 'children' ? `En punkt kan ha högst ${maximum(issue)} underpunkter.` : `En lista kan ha högst ${maximum(issue)} punkter.`;
  }
  return 'Texten kan inte sparas så här. Kontrollera raden.';
}

function maximum(issue: z.core.$ZodIssue): string {
  return issue.code === 'too_big' ? number(Number(issue.maximum)) : '';
}

/**
 * The line to name: for a list that is too long, the first item past the limit; for unprintable
 * text, the line of its first such character; otherwise where the part that is wrong begins.
 */
function lineOf(issue: z.core.$ZodIssue, blocks: readonly Block[], sourceMap: SourceMap): number | null {
  if (issue.path.length === 0 && issue.code !== 'too_big') return null;
  const path = issue.code === 'too_big' && issue.origin === 'array' ? [...issue.path, Number(issue.maximum)] : issue.path;
  let line: number | null = null;
  for (let length = path.length; length >= 0 && line === null; length -= 1) line = sourceMap.get(path.slice(0, length).join('.')) ?? null;
  const value = valueAt(blocks, issue.path);
  if (line !== null && issue.code === 'custom' && typeof value === 'string') {
    // A text's line breaks are the markup's, one for one (an empty line is written as "\").
    const offset = value.split('\n').findIndex((part) => unprintableCharacters(part).length > 0);
    if (offset > 0) line += offset;
  }
  return line;
}

function valueAt(blocks: readonly Block[], path: Path): unknown {
  let value: unknown = blocks;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
