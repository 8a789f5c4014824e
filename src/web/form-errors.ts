import type { z } from 'zod';
import type { HttpProblem } from '../http/problem';
import { swedishFieldMessage, swedishProblemMessage } from './swedish-problems';

/** One entry of a page's error summary; `field` is the form field's name (its id), if any. */
export interface FormError {
  field?: string;
  message: string;
  /** Somewhere the user can go about it (e.g. the remiss that already has the Dnr). */
  link?: { href: string; text: string };
}

/**
 * The page schemas carry their Swedish messages (parsed with swedishZodErrors for the rest); the
 * first issue per field is enough to act on.
 */
export function zodFormErrors(error: z.ZodError): FormError[] {
  const seen = new Set<string>();
  const errors: FormError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : undefined;
    const key = field ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

/**
 * A service's problem, as the page shows it: each field error beside its field (the API's path
 * "body.dueDate" is the form's field "dueDate"), else one message at the top; always in Swedish.
 */
export function formErrorsFrom(problem: HttpProblem): FormError[] {
  const fields = (problem.options.errors ?? []).map((error) => {
    const field = error.path.replace(/^(body|query|params)\./, '').split('.')[0];
    return { field, message: swedishFieldMessage(problem, field, error.message) };
  });
  const summary = swedishProblemMessage(problem);
  if (!fields.length) return [{ message: summary }];
  return fields;
}

/** Thrown by a page's save when it has its own Swedish errors to show (e.g. a failed login). */
export class FormRejection extends Error {
  constructor(
    readonly errors: FormError[],
    readonly status = 400,
  ) {
    super(errors.map((error) => error.message).join(' '));
    this.name = 'FormRejection';
  }
}
