/**
 * What is pasted into the statement editor as HTML, made into what a section body can hold, for
 * ProseMirror's transformPastedHTML.
 *
 * Word (2016, 365) puts no real lists on the clipboard: each item is a paragraph with
 * `style='mso-list:l0 level2 lfo1'` (list l0, level 2, list instance lfo1), its bullet or number
 * written out between `<![if !supportLists]>` and `<![endif]>`, and whether a level is bulleted or
 * numbered only in the `<style>` block (`@list l0:level2 {mso-level-number-format:bullet}`).
 * Bold and italic come as `<b>`/`<i>` or as font-weight/font-style in a style attribute; the rest
 * is Office markup (`<o:p>`, spans with mso-* styles, conditional comments, VML).
 *
 * Word's HTML becomes plain `p`, `ul`/`ol` > `li` > `p` (a second level nested in the item above
 * it; deeper levels join the second, as a body's lists nest once) and `b`/`i`: nothing else.
 * Other HTML (a web page, Google Docs) becomes the same, its headings kept as `h2` (the editor
 * makes them sub-headings). The editor's own copies (data-pm-slice) are its schema's markup and
 * pass unchanged.
 *
 * Style attributes are read as text, never applied: under the page's CSP (no 'unsafe-inline'
 * styles) a parsed style attribute is blocked, so element.style would be empty — they are renamed
 * before the HTML is parsed. Browser only: it parses with the DOM.
 */

interface ListInfo {
  /** Items with the same key belong to one list. */
  key: string;
  level: 1 | 2;
  ordered: boolean;
}

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
}

interface Line {
  runs: Run[];
  list?: ListInfo;
  heading?: boolean;
}

interface Marks {
  bold: boolean;
  italic: boolean;
}

export function isWordHtml(html: string): boolean {
  return /urn:schemas-microsoft-com:office|<meta[^>]+content=["']?Word\.Document|class=["']?Mso|mso-list:/i.test(html);
}

const STYLE = 'data-pasted-style';

export function cleanPastedHtml(html: string): string {
  if (/data-pm-slice/.test(html)) return html;
  const word = isWordHtml(html);
  // Style sheets are dropped (Word's list definitions read from the text first) and, in a tag,
  // `style=` becomes an inert data attribute (see above).
  const formats = word ? listFormats(html) : new Map<string, boolean>();
  const inert = html.replace(/<style[\s\S]*?<\/style\s*>/gi, '').replace(/(<[a-z][^>]*?\s)style\s*=/gi, `$1${STYLE}=`);
  const doc = new DOMParser().parseFromString(inert, 'text/html');
  const collector = new LineCollector();
  walk(doc.body, { bold: false, italic: false }, collector, { formats, htmlLists: 0, word });
  collector.endLine();
  return linesToHtml(doc, collector.lines);
}

/** Elements whose content is never text of the document. */
const SKIPPED = new Set(['HEAD', 'STYLE', 'SCRIPT', 'TITLE', 'META', 'LINK', 'XML', 'TEMPLATE', 'NOSCRIPT', 'IMG', 'OBJECT', 'SVG', 'IFRAME', 'V:SHAPE', 'V:SHAPETYPE', 'V:IMAGEDATA', 'O:SMARTTAGTYPE']);
/** Elements that start a line of their own. */
const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'TD', 'TH', 'BLOCKQUOTE', 'PRE', 'ADDRESS', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'DL', 'DT', 'DD', 'CENTER', 'HR', 'CAPTION']);

/** `@list l0:level2 {… mso-level-number-format:bullet …}` → "l0:2" is bulleted; a level without a format is numbered (1, 2, 3). */
function listFormats(html: string): Map<string, boolean> {
  const ordered = new Map<string, boolean>();
  for (const [, list, level, body] of html.matchAll(/@list\s+(l\d+):level(\d+)\s*\{([^}]*)\}/gi)) {
    const format = /mso-level-number-format:\s*([\w-]+)/i.exec(body)?.[1]?.toLowerCase();
    ordered.set(`${list}:${level}`, format !== 'bullet' && format !== 'image');
  }
  return ordered;
}

interface WalkContext {
  formats: Map<string, boolean>;
  /** Word's headings are paragraphs (its paste brings lists, bold and italic only); others' are sub-headings. */
  word: boolean;
  htmlLists: number;
  /** Inside a real <li>: the blocks in it are that item's lines. */
  item?: ListInfo;
  listOrdered?: boolean;
  listKey?: string;
}

class LineCollector {
  readonly lines: Line[] = [];
  private runs: Run[] = [];
  private list?: ListInfo;
  private heading = false;

  text(text: string, marks: Marks): void {
    this.runs.push({ text, ...marks });
  }

  startLine(list?: ListInfo, heading = false): void {
    this.endLine();
    this.list = list;
    this.heading = heading;
  }

  /** A line of only spaces (Word's empty paragraph is `<o:p>&nbsp;</o:p>`) is no line. */
  endLine(): void {
    const runs = tidyRuns(this.runs);
    if (runs.length) this.lines.push({ runs, ...(this.list ? { list: this.list } : this.heading ? { heading: true } : {}) });
    this.runs = [];
    this.list = undefined;
    this.heading = false;
  }
}

let htmlListCount = 0;

function walk(parent: Node, marks: Marks, collector: LineCollector, context: WalkContext): void {
  let skipping = false;
  for (const node of Array.from(parent.childNodes)) {
    // <![if !supportLists]>·<![endif]>: the bullet or number Word writes out for browsers without lists.
    if (node.nodeType === Node.COMMENT_NODE) {
      const data = (node as Comment).data.trim();
      if (/^\[if !supportLists\]/i.test(data)) skipping = true;
      else if (/^\[endif\]/i.test(data)) skipping = false;
      continue;
    }
    if (skipping) continue;
    if (node.nodeType === Node.TEXT_NODE) {
      collector.text((node as Text).data, marks);
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const element = node as HTMLElement;
    const tag = element.tagName.toUpperCase();
    const style = element.getAttribute(STYLE) ?? '';
    if (SKIPPED.has(tag) || /mso-list:\s*Ignore/i.test(style)) continue;
    const own = marksOf(element, marks);
    if (tag === 'BR') collector.text(' ', own);
    else if (tag === 'UL' || tag === 'OL') {
      collector.endLine();
      walk(element, own, collector, { ...context, htmlLists: context.htmlLists + 1, listOrdered: tag === 'OL', listKey: `html${htmlListCount++}` });
    } else if (tag === 'LI') {
      const item: ListInfo = { key: context.listKey ?? 'html', level: context.htmlLists > 1 ? 2 : 1, ordered: !!context.listOrdered };
      collector.startLine(item);
      walk(element, own, collector, { ...context, item });
      collector.endLine();
    } else if (BLOCKS.has(tag)) {
      const list = wordListInfo(element, context) ?? context.item;
      collector.startLine(list, !list && !context.word && /^H[1-6]$/.test(tag));
      walk(element, own, collector, context);
      collector.endLine();
    } else walk(element, own, collector, context);
  }
}

function wordListInfo(element: HTMLElement, context: WalkContext): ListInfo | undefined {
  const match = /mso-list:\s*(l\d+)\s+level(\d+)\s+(lfo\d+)/i.exec(element.getAttribute(STYLE) ?? '');
  if (!match) return undefined;
  const [, list, level, instance] = match;
  const ordered = context.formats.get(`${list}:${level}`) ?? numberedMarker(element);
  return { key: `${list} ${instance}`, level: Number(level) > 1 ? 2 : 1, ordered };
}

/** Without Word's list definitions: "1." "a)" "iv." are numbers, anything else (·, o, §, –) a bullet. */
function numberedMarker(element: HTMLElement): boolean {
  const marker = element.querySelector(`[${STYLE}*="mso-list:Ignore" i], [${STYLE}*="mso-list: Ignore" i]`)?.textContent ?? '';
  return /^\s*(\d+|[a-z]{1,4})[.)]/i.test(marker);
}

function marksOf(element: HTMLElement, inherited: Marks): Marks {
  const tag = element.tagName.toUpperCase();
  let { bold, italic } = inherited;
  if (tag === 'B' || tag === 'STRONG') bold = true;
  if (tag === 'I' || tag === 'EM') italic = true;
  const style = element.getAttribute(STYLE) ?? '';
  const weight = cssValue(style, 'font-weight');
  if (weight) bold = /^bold(er)?$/.test(weight) || Number(weight) >= 600;
  const fontStyle = cssValue(style, 'font-style');
  if (fontStyle) italic = fontStyle === 'italic' || fontStyle === 'oblique';
  return { bold, italic };
}

/** A property's value in a style attribute: `font-weight`, not `mso-bidi-font-weight`. */
function cssValue(style: string, property: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, 'i').exec(style);
  return match?.[1].replace(/!important/i, '').trim().toLowerCase();
}

/** Whitespace as HTML shows it (runs of spaces and line breaks are one space; none at the ends); adjacent runs with the same marks joined. */
function tidyRuns(runs: Run[]): Run[] {
  const joined: Run[] = [];
  let previousEndsInSpace = true;
  for (const run of runs) {
    let text = run.text.replace(/[ \t\r\n\f]+/g, ' ');
    if (previousEndsInSpace) text = text.replace(/^ /, '');
    if (!text) continue;
    previousEndsInSpace = text.endsWith(' ');
    const last = joined[joined.length - 1];
    if (last && last.bold === run.bold && last.italic === run.italic) last.text += text;
    else joined.push({ ...run, text });
  }
  // A line ends without spaces, non-breaking ones included (Word pads with &nbsp;).
  while (joined.length) {
    const last = joined[joined.length - 1];
    last.text = last.text.replace(/\s+$/, '');
    if (last.text) break;
    joined.pop();
  }
  while (joined.length) {
    joined[0].text = joined[0].text.replace(/^\s+/, '');
    if (joined[0].text) break;
    joined.shift();
  }
  return joined;
}

function linesToHtml(doc: Document, lines: readonly Line[]): string {
  const root = doc.createElement('div');
  const paragraph = (runs: readonly Run[]) => {
    const p = doc.createElement('p');
    for (const run of runs) {
      let node: Node = doc.createTextNode(run.text);
      if (run.italic) node = wrap(doc.createElement('i'), node);
      if (run.bold) node = wrap(doc.createElement('b'), node);
      p.append(node);
    }
    return p;
  };
  let list: { key: string; ordered: boolean; element: HTMLElement; lastItem: HTMLElement; inner?: HTMLElement } | undefined;
  for (const line of lines) {
    const info = line.list;
    if (!info) {
      list = undefined;
      const block = paragraph(line.runs);
      root.append(line.heading ? wrap(doc.createElement('h2'), ...Array.from(block.childNodes)) : block);
      continue;
    }
    const item = doc.createElement('li');
    item.append(paragraph(line.runs));
    if (info.level === 2 && list) {
      list.inner ??= list.lastItem.appendChild(doc.createElement(info.ordered ? 'ol' : 'ul'));
      list.inner.append(item);
      continue;
    }
    if (!list || list.key !== info.key || list.ordered !== info.ordered) {
      list = { key: info.key, ordered: info.ordered, element: root.appendChild(doc.createElement(info.ordered ? 'ol' : 'ul')), lastItem: item };
    }
    list.element.append(item);
    list.lastItem = item;
    list.inner = undefined;
  }
  return root.innerHTML;
}

function wrap(element: HTMLElement, ...children: Node[]): HTMLElement {
  element.append(...children);
  return element;
}
