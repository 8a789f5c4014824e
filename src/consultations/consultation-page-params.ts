import { notFound } from '../http/problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a page's path: anything but a UUID is a page that does not exist (404, not a database error). */
export function idParam(params: Record<string, string>, name = 'id'): string {
  const value = params[name];
  if (!value || !UUID.test(value)) throw notFound('The page');
  return value;
}
