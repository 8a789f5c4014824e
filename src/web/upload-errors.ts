import { HttpProblem } from '../http/problem';
import { formErrorsFrom, type FormError } from './form-errors';

/** The statuses of an upload the user can put right on the same page (no file, too big, wrong type, …). */
export const CORRECTABLE_UPLOAD_STATUSES: readonly number[] = [400, 409, 413, 415, 422];

/** A correctable refusal of an upload (CORRECTABLE_UPLOAD_STATUSES); anything else is the error page's. */
export const isCorrectableUpload = (error: unknown): error is HttpProblem => error instanceof HttpProblem && CORRECTABLE_UPLOAD_STATUSES.includes(error.status);

/** A refused upload as a page says it, beside the file field (or the description's, for its own errors). */
export function uploadErrors(problem: HttpProblem): FormError[] {
  if (problem.status === 413) return [{ field: 'file', message: 'Filen är för stor.' }];
  const missing = (problem.options.errors ?? []).some((error) => error.path === 'body.file' && /^is required|^is empty/.test(error.message));
  if (missing) return [{ field: 'file', message: 'Välj en fil att ladda upp.' }];
  return formErrorsFrom(problem).map((error) => ({ ...error, field: error.field === 'description' ? 'description' : 'file' }));
}
