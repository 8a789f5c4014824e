import { PAGE } from '../../src/documents/layout-styles';
import { renderStatementHtml, renderStatementPdf, statementMarkup } from '../../src/documents/render-statement';
import { parseHtmlSubset } from '../../src/documents/html-subset';
import { cleanUpPdfs, pageCount, pdfinfo, pdftotext, qpdfCheck, savePdf, words } from './pdf-tools';
import { sodermalmStatement } from './statement-fixtures';

/*
 * Text a user may type, or paste from anywhere: markup, template syntax, bidi controls, emoji,
 * words of 10,000 characters. The preview must show it as text; the PDF must draw it inside the
 * margins without the font's .notdef glyph (forbidden in PDF/A) and stay a valid, tagged file.
 */
afterAll(cleanUpPdfs);

const LONG_WORD = 'ö'.repeat(3000) + 'x'.repeat(7000);
const SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const hostile = sodermalmStatement({
  title: `Titel med ${SCRIPT} & "citat" {{title}}`,
  officer: { name: '{{#each this}}{{/each}} Åsa', phone: '\u202e0850805097', email: null },
  administration: { name: 'Förvaltning <b>fet</b> & co', registerKey: null, department: '\u200fאבג\u200f' },
  caseNumber: 'KS 2020/924 <i>',
  sections: [
    {
      heading: '<h1>Rubrik</h1> {{> letterhead}}',
      stance: null,
      body: [
        { type: 'paragraph', content: [{ text: `Inledning ${SCRIPT} {{{raw}}} slut.` }, { footnote: `Fotnot med <sup>1</sup> och ${LONG_WORD.slice(0, 500)}` }] },
        { type: 'paragraph', content: [{ text: `Ett långt ord: ${LONG_WORD} och sedan vanlig text som fortsätter efter ordet.` }] },
        { type: 'paragraph', content: [{ text: 'Emoji 😀👍🏽👨‍👩‍👧 och flaggor 🇸🇪, RTL \u202eöverskriven\u202c text, noll\u200bbredd, mjuk\u00adbindestreck, e\u0301 kombinerat, kontroll\u0007tecken.' }] },
        { type: 'bullet_list', items: [{ content: [{ text: '</li></ul><p>bryt ut</p>', bold: true }], children: { type: 'numbered_list', items: [{ content: [{ text: `&lt;redan escapad&gt; &amp; ${'y'.repeat(2000)}`, italic: true }] }] } }] },
      ],
    },
  ],
  signatories: [{ name: '<script>', title: '{{title}}' }, { name: 'Ö'.repeat(300), title: 'Lång' }, { name: 'Tredje', title: 'Person' }],
  enclosures: [{ title: `Bilaga ${SCRIPT}` }],
  approvals: [{ name: '&amp;', title: '<em>', date: '2020-11-10' }],
});

describe('hostile text in the HTML preview', () => {
  const html = renderStatementHtml(hostile);

  it('is escaped: no markup from the user reaches the page', () => {
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<h1>Rubrik/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;bryt ut&lt;/p&gt;');
    // Already-escaped text is escaped again, so it shows as typed.
    expect(html).toContain('&amp;lt;redan escapad&amp;gt; &amp;amp;');
  });

  it('is not evaluated as a template', () => {
    expect(html).toContain('{{title}}');
    expect(html).toContain('{{{raw}}}');
    expect(html).toContain('{{&gt; letterhead}}');
    expect(html).toContain('{{#each this}}{{/each}} Åsa');
  });

  it('parses back into the subset with the text intact', () => {
    const root = parseHtmlSubset(statementMarkup(hostile));
    const text = JSON.stringify(root);
    expect(text).toContain('Inledning <script>alert(\\"x\\")</script><img src=x onerror=alert(1)> {{{raw}}} slut.');
  });
});

describe('hostile text in the PDF', () => {
  let file: string;
  beforeAll(async () => {
    file = savePdf(await renderStatementPdf(hostile, { creationDate: new Date('2020-11-19T10:00:00Z') }), 'hostile');
  });

  it('renders to a clean, tagged PDF/A-2a file with well-formed XMP', () => {
    qpdfCheck(file);
    expect(pdfinfo(file)).toMatch(/^Tagged:\s+yes/m);
    const meta = pdfinfo(file, '-meta');
    expect(meta).toContain('Titel med &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(meta).not.toContain('<script>');
    expect(pdfinfo(file)).toMatch(/^Title:\s+Titel med <script>alert\("x"\)<\/script>/m);
  });

  it('breaks the 10,000-character word across lines inside the text column', () => {
    const all = words(file);
    const pieces = all.filter((w) => /^[öx]{20,}/.test(w.text));
    expect(pieces.length).toBeGreaterThan(20);
    expect(pieces.map((w) => w.text).join('').replace(/[^öx]/g, '')).toContain(LONG_WORD.slice(0, 2990));
    const outside = all.filter((w) => w.xMin < PAGE.frameLeft - 0.5 || w.xMax > PAGE.frameRight + 0.5 || (w.yMin > PAGE.top - 4 && w.yMax < PAGE.bottom + 2 && (w.xMin < PAGE.left - 0.5 || w.xMax > PAGE.right + 0.5)));
    expect(outside).toEqual([]);
    expect(pageCount(file)).toBeGreaterThan(2);
  });

  it('shows markup and template syntax as text, and characters the font lacks as their code points, the characters kept in the text layer', () => {
    const text = pdftotext(file).replace(/\s+/g, ' ');
    expect(text).toContain('Inledning <script>alert("x")</script>');
    expect(text).toContain('{{{raw}}}');
    expect(text).toContain('</li></ul><p>bryt ut</p>');
    // Saved before the printable rule: drawn as "[U+1F600 …]", said as the emoji themselves (/ActualText).
    expect(text).toContain('Emoji 😀👍🏽👨‍👩‍👧 och flaggor 🇸🇪,');
    expect(text).not.toContain('\u25a1');
    // Bidi overrides, zero-width and soft hyphens are dropped; "e" + combining acute becomes "é".
    expect(text).toContain('RTL överskriven text, nollbredd, mjukbindestreck, é kombinerat');
  });
});

describe('the letters of Swedish', () => {
  it('survive a round trip in every style, whatever the process rendered before', async () => {
    // "Ö" first: subsetting it touches the glyph "O" as a component, which must keep its code point.
    await renderStatementPdf(sodermalmStatement({ title: 'ÖÄÅ', sections: [{ heading: 'Ö', stance: null, body: [{ type: 'paragraph', content: [{ text: 'Ö ö Ä ä Å å' }] }] }] }));
    // Whole words: poppler reads evenly spaced single letters as letter-spaced text and joins them.
    const letters = 'Åsa Ärlig Örjan båt vän sjö Émile café Über Oskar Anna § 12 – ”citat” ’sa’';
    const model = sodermalmStatement({
      sections: [{ heading: letters, stance: null, body: [{ type: 'paragraph', content: [{ text: letters }, { text: ` ${letters}`, bold: true }, { text: ` ${letters}`, italic: true }, { text: ` ${letters}`, bold: true, italic: true }] }] }],
    });
    const text = pdftotext(savePdf(await renderStatementPdf(model))).replace(/\s+/g, ' ');
    expect(text.split(letters).length - 1).toBe(5);
  });
});
