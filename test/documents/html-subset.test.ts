import { decodeEntities, parseHtmlSubset, textOf, type Element } from '../../src/documents/html-subset';
import { previewMarkup } from '../../src/documents/preview-markup';

/* The parser of the documents' HTML subset: the subset in, a tree out; anything else refused. */

const first = (root: Element) => root.children[0] as Element;

describe('parseHtmlSubset', () => {
  it('builds a tree of the known tags with their class', () => {
    const root = parseHtmlSubset('<div class="meta"><p class="label">Till</p><ul><li>a<ol><li>b</li></ol></li></ul></div>');
    const div = first(root);
    expect(div).toMatchObject({ tag: 'div', className: 'meta' });
    expect(div.children.map((c) => (c as Element).tag)).toEqual(['p', 'ul']);
    expect(textOf(div)).toBe('Tillab');
  });

  it('collapses whitespace like HTML: dropped between blocks, one space inside text', () => {
    const root = parseHtmlSubset('\n<div>\n  <p>\n  Ett   <strong>två</strong>\n\t<em>tre</em>  </p>\n</div>\n');
    const p = first(first(root));
    expect(p.children).toEqual([' Ett ', { tag: 'strong', className: null, children: ['två'] }, ' ', { tag: 'em', className: null, children: ['tre'] }, ' ']);
  });

  it('keeps no-break spaces and decodes the entities Handlebars writes', () => {
    expect(decodeEntities('&lt;a&gt; &amp;amp; &quot;&#x27;&#x60;&#x3D; &#229;&#xe4;\u00a0&nbsp;&bogus;')).toBe('<a> &amp; "\'`= åä\u00a0\u00a0&bogus;');
    expect(decodeEntities('&#0; &#xD800; &#x110000;')).toBe('&#0; &#xD800; &#x110000;');
  });

  it('serialises back to HTML that holds only the subset, text escaped', () => {
    const root = parseHtmlSubset('<p class="stance">Tillstyrker &amp; <strong>&lt;b&gt;</strong></p>');
    expect(previewMarkup(root)).toBe('<p class="stance">Tillstyrker &amp; <strong>&lt;b&gt;</strong></p>');
  });

  it.each([
    ['<script>alert(1)</script>', /<script> is not part/],
    ['<p onclick="x">a</p>', /Attribute onclick/],
    ['<p>a < b</p>', /Unescaped "<"/],
    ['<p>a</div>', /<\/div> closes <p>/],
    ['<ul><li>a</li>', /<ul> is never closed/],
    ['<img src="x">', /<img> is not part/],
    // Page-level markup and comments: an edited template could otherwise hide a form or a redirect
    // in the preview (a browser ends "<!-->" at once, so what follows it would be live markup).
    ['<head><form action="https://example.com"></form></head>', /<head> is not part/],
    ['<meta http-equiv="refresh" content="0;url=https://example.com">', /<meta> is not part/],
    ['<style>p{}</style>', /<style> is not part/],
    ['<!--> <p>a</p> -->', /comments and doctypes are not part/],
    ['<!doctype html><p>a</p>', /comments and doctypes are not part/],
  ])('refuses %s', (markup, message) => {
    expect(() => parseHtmlSubset(markup)).toThrow(message);
  });
});
