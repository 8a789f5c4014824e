/**
 * Strings as PDFKit writes them into a document: text strings for the content stream and for
 * dictionaries, and the Info entries PDFKit copies into the XMP packet.
 */
const xml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A PDF text string as UTF-16BE with its byte order mark, in hex: any character, nothing to escape. */
export const utf16Hex = (text: string) => `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

/**
 * PDFKit leaves out an empty /ActualText (it tests the option for truth); a String object is
 * truthy even when empty, and PDFKit writes it as a text string like any other.
 */
export const pdfString = (text: string): string => new String(text) as unknown as string;

/** PDFKit writes Info strings into the XMP unescaped; a title with "<" would break the packet. */
export function addEscapedXmpInfo(this: PDFKit.PDFDocument & { info: Record<string, string | Date> }): void {
  const info = this.info as Record<string, string> & { CreationDate: Date; ModDate: Date };
  const date = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  this.appendXML(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>${date(info.CreationDate)}</xmp:CreateDate>
<xmp:ModifyDate>${date(info.ModDate)}</xmp:ModifyDate>
<xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>sv-SE</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${xml(info.Producer)}</pdf:Producer>
<pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>
</rdf:Description>`);
}
