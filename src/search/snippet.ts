import { escapeHtml } from '../shared/html-text';

/**
 * Snippets come from ts_headline with private-use characters as StartSel/StopSel: they cannot be
 * confused with anything a user wrote (the source text is stripped of them first, see
 * HEADLINE_STRIP), and the answer carries no markup of PostgreSQL's making. The JSON answer then
 * gives the snippet twice: as parts (plain text, matches flagged) and as HTML in which every
 * character of the text is escaped and only the <mark> elements are ours.
 */
export const START = '\uE000';
export const STOP = '\uE001';
export const HEADLINE_STRIP = START + STOP;
export const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

export interface SnippetPart {
  text: string;
  match: boolean;
}


/** ts_headline's output as parts; neighbouring parts of the same kind are merged, whitespace tidied. */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  const tidy = headline.replace(/\s+/g, ' ').trim();
  let match = false;
  for (const piece of tidy.split(new RegExp(`([${START}${STOP}])`, 'u'))) {
    if (piece === START) match = true;
    else if (piece === STOP) match = false;
    else push(piece, match);
  }
  return parts;
}

export function snippet(headline: string): { html: string; parts: SnippetPart[] } {
  const parts = snippetParts(headline);
  return { parts, html: parts.map((part) => (part.match ? `<mark>${escapeHtml(part.text)}</mark>` : escapeHtml(part.text))).join('') };
}
