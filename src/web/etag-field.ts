import { etagFor, IfMatch } from '../http/etag';
import { notFound, preconditionRequired } from '../http/problem';
import { idParams } from '../http/schemas';

/** The hidden `etag` field of an edit form: the version the user saw, as the API's ETag. */
export function etagField(version: number): string {
  return etagFor(version);
}

/**
 * The ETag an edit form carries: the version it was read at while the user retries after an error
 * (a colleague's save meanwhile is still a conflict, never overwritten), the stored version when
 * the form is first shown or after the conflict view (to save mine over theirs).
 */
export function formEtag(state: { values?: Record<string, unknown>; conflict?: unknown }, version: number): string {
  const posted = state.values?.etag;
  return typeof posted === 'string' && posted && !state.conflict ? posted : etagFor(version);
}

/**
 * The form's `etag` as the service's If-Match. A missing or mangled one is a 428, which the form
 * shows as the conflict view: the user compares with what is stored and saves again.
 */
export function ifMatchFromForm(value: unknown): IfMatch {
  const ifMatch = typeof value === 'string' ? IfMatch.parse(value) : undefined;
  if (!ifMatch) throw preconditionRequired();
  return ifMatch;
}

/** The `:id` of a page's path; anything but a UUID is a page that does not exist (never a database error). */
export function pageId(params: Record<string, string>, what: string): string {
  const parsed = idParams.safeParse({ id: params.id });
  if (!parsed.success) throw notFound(what);
  return parsed.data.id;
}
