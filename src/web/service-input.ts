import type { z } from 'zod';
import { FormRejection, type FormError } from './form-errors';
import { swedishMessage, swedishZodErrors } from './swedish-problems';

/**
 * A page's fields, shaped as the service's input, checked with the same schema the API route uses
 * (limits, printable characters), so a page can never hand a service what the API would refuse.
 * Each issue is shown beside the form field `fieldFor` names for its path, in Swedish.
 */
export function parseForService<S extends z.ZodType>(schema: S, value: unknown, fieldFor: (path: readonly PropertyKey[]) => string | undefined): z.infer<S> {
  const parsed = schema.safeParse(value, { error: swedishZodErrors });
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  const errors: FormError[] = [];
  for (const issue of parsed.error.issues) {
    const field = fieldFor(issue.path);
    if (seen.has(field ?? '')) continue;
    seen.add(field ?? '');
    // The shared schemas' own messages are English and begin in lower case ("must not be empty");
    // those from swedishZodErrors are Swedish sentences already.
    errors.push({ field, message: /^[a-z]/.test(issue.message) ? swedishMessage(issue.message) : issue.message });
  }
  throw new FormRejection(errors);
}
