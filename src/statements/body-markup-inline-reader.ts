import type { Inline } from './statement-body';
import { isEscapable } from './body-markup-syntax';

/** One line of a block's text as the block reader leaves it: layout stripped, with its line number. */
export interface SourceLine {
  text: string;
  line: number;
}

export interface MarkupError {
  /** 1-based line of the markup; null when the error is about the whole text. */
  line: number | null;
  message: string;
}

export type InlineResult = { inlines: Inline[]; lines: number[] } | { error: MarkupError };

/**
 * Reads the inline markup of one paragraph or list item: `**` and `*` toggle bold and italic,
 * `^[…]` is a footnote, a backslash before punctuation or whitespace makes it text. Runs come out
 * canonical: adjacent text with the same marks is one run, marks are only ever `true`.
 * `lines` holds the line each inline starts on (for error messages after schema validation).
 */
export function readInlines(source: readonly SourceLine[]): InlineResult {
  const text = source.map((entry) => entry.text).join('\n');
  const inlines: Inline[] = [];
  const lines: number[] = [];
  let lineIndex = 0;
  const lineNumber = () => source[lineIndex].line;

  let bold = false;
  let italic = false;
  let boldOpenedOn = 0;
  let italicOpenedOn = 0;
  let pending = '';
  let pendingLine = lineNumber();

  const flush = () => {
    if (!pending) return;
    const last = inlines[inlines.length - 1];
    if (last && 'text' in last && !!last.bold === bold && !!last.italic === italic) {
      last.text += pending;
    } else {
      inlines.push({ text: pending, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) });
      lines.push(pendingLine);
    }
    pending = '';
  };
  const append = (char: string) => {
    if (!pending) pendingLine = lineNumber();
    pending += char;
    if (char === '\n') lineIndex += 1;
  };

  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\' && isEscapable(text[index + 1])) {
      append(text[index + 1]);
      index += 2;
    } else if (char === '*') {
      let stars = 0;
      while (text[index + stars] === '*') stars += 1;
      flush();
      // Pairs switch bold, an odd one left over switches italic: `***` switches both.
      if (Math.floor(stars / 2) % 2 === 1) {
        bold = !bold;
        boldOpenedOn = lineNumber();
      }
      if (stars % 2 === 1) {
        italic = !italic;
        italicOpenedOn = lineNumber();
      }
      index += stars;
    } else if (char === '^' && text[index + 1] === '[') {
      flush();
      const footnoteLine = lineNumber();
      const footnote = readFootnote(text, index + 2);
      if (!footnote) {
        return { error: { line: footnoteLine, message: `Rad ${footnoteLine}: fotnoten som börjar med ^[ avslutas aldrig med ]. Skriv \\^[ om du menar tecknen som text.` } };
      }
      inlines.push({ footnote: footnote.text });
      lines.push(footnoteLine);
      for (const inner of footnote.text) if (inner === '\n') lineIndex += 1;
      index = footnote.end;
    } else {
      append(char);
      index += 1;
    }
  }
  flush();

  if (bold) {
    return { error: { line: boldOpenedOn, message: `Rad ${boldOpenedOn}: fetstilen som börjar med ** avslutas aldrig. Avsluta den med ** eller skriv \\*\\* om du menar stjärnorna som text.` } };
  }
  if (italic) {
    return {
      error: {
        line: italicOpenedOn,
        message: `Rad ${italicOpenedOn}: den kursiva stilen som börjar med * avslutas aldrig. Avsluta den med * eller skriv \\* om du menar en stjärna som text (en punkt i en lista börjar med -).`,
      },
    };
  }
  return { inlines, lines };
}

/**
 * A footnote's text from just after its `^[` to the `]` that closes it. Brackets inside pair up,
 * so "^[enligt [SFS 2017:725]]" needs no escapes; stars and carets are text here.
 */
function readFootnote(text: string, start: number): { text: string; end: number } | null {
  let depth = 1;
  let content = '';
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\' && isEscapable(text[index + 1])) {
      content += text[index + 1];
      index += 2;
      continue;
    }
    if (char === '[') depth += 1;
    if (char === ']') {
      depth -= 1;
      if (depth === 0) return { text: content, end: index + 1 };
    }
    content += char;
    index += 1;
  }
  return null;
}
