import type { z } from 'zod';
import { badRequest, type FieldError } from './problem';

/** Turns zod issues into the contract's `errors` list: one entry per invalid field, dotted paths. */
export function toFieldErrors(location: string, error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const base = [location, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${base}.${key}`, message: 'is not a known field' }));
    }
    return [{ path: base, message: issue.message }];
  });
}

/** The 400 for invalid fields, counted in its detail. */
export function invalidFields(errors: FieldError[]) {
  return badRequest(`${errors.length} field${errors.length === 1 ? ' is' : 's are'} invalid.`, errors);
}

/** Throws the 400 when any of the request's parts holds a NUL (see nulFieldErrors). */
export function refuseNul(parts: Record<string, unknown>): void {
  const errors = Object.entries(parts).flatMap(([location, value]) => nulFieldErrors(location, value));
  if (errors.length) throw invalidFields(errors);
}

const NUL = '\u0000';
export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/**
 * The one rule for NUL in text input, applied to every route's path, query and body before
 * anything reads them: PostgreSQL text cannot hold U+0000 (a query with it fails), and no person
 * types it. Walks strings, field names and nested values without recursion, so a deeply nested
 * body cannot exhaust the stack.
 */
export function nulFieldErrors(location: string, value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Array<[path: string, node: unknown]> = [[location, value]];
  while (pending.length) {
    const [path, node] = pending.pop()!;
    if (typeof node === 'string') {
      if (node.includes(NUL)) errors.push({ path, message: NUL_MESSAGE });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childPath = `${path}.${key.replaceAll(NUL, '\\u0000')}`;
        if (key.includes(NUL)) errors.push({ path: childPath, message: `is a field name that ${NUL_MESSAGE}` });
        pending.push([childPath, child]);
      }
    }
  }
  return errors;
}
