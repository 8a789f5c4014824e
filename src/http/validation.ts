import type { z } from 'zod';
import type { FieldError } from './problem';

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
