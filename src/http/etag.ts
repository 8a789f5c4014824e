import type { Request, Response } from 'express';
import { badRequest, preconditionRequired } from './problem';

/** Strong ETag from the row's version counter. */
export function etagFor(version: number): string {
  return `"v${version}"`;
}

export function setEtag(res: Response, version: number): void {
  res.setHeader('ETag', etagFor(version));
}

/**
 * A parsed If-Match (RFC 9110 §13.1.1): `*`, or a list of entity tags. It holds when the resource
 * exists and (for a list) one listed tag equals its current ETag by strong comparison: a weak tag
 * never matches, and neither does a well-formed tag this API never issued (both are 412, not 400).
 */
export class IfMatch {
  private constructor(
    private readonly anyVersion: boolean,
    private readonly versions: ReadonlySet<number>,
  ) {}

  /** undefined when the value is not `*` or a comma-separated list of entity tags. */
  static parse(value: string): IfMatch | undefined {
    if (value.trim() === '*') return new IfMatch(true, new Set());
    const versions = new Set<number>();
    let tags = 0;
    for (let at = 0; at < value.length; ) {
      LIST_ELEMENT.lastIndex = at;
      const element = LIST_ELEMENT.exec(value);
      if (!element) return undefined;
      at = LIST_ELEMENT.lastIndex;
      if (element[2] === undefined) continue; // RFC 9110 §5.6.1: empty list elements are tolerated
      tags++;
      const ours = /^v(\d{1,9})$/.exec(element[2]);
      if (!element[1] && ours) versions.add(Number(ours[1]));
    }
    return tags ? new IfMatch(false, versions) : undefined;
  }

  /** Whether the precondition holds for an existing resource at this version. */
  matches(version: number): boolean {
    return this.anyVersion || this.versions.has(version);
  }
}

/**
 * One element of the list: an optional entity-tag (`[W/] DQUOTE *etagc DQUOTE`, etagc = %x21 /
 * %x23-7E / obs-text, so a comma inside the quotes belongs to the tag) and its separator.
 */
const LIST_ELEMENT = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(?:,|$)/y;

/** The precondition of a write: 428 when If-Match is absent, 400 when it is not `*` or a list of entity tags. */
export function requireIfMatch(req: Request): IfMatch {
  const ifMatch = optionalIfMatch(req);
  if (!ifMatch) throw preconditionRequired();
  return ifMatch;
}

/** For writes where If-Match is optional: undefined when absent, 400 when malformed. */
export function optionalIfMatch(req: Request): IfMatch | undefined {
  const header = req.get('if-match');
  if (header === undefined || header.trim() === '') return undefined;
  const ifMatch = IfMatch.parse(header);
  if (!ifMatch) {
    throw badRequest('If-Match must be * or one or more entity tags, e.g. "v3" as this API returned it in ETag.', [{ path: 'headers.if-match', message: 'is not * or a list of entity tags' }]);
  }
  return ifMatch;
}
