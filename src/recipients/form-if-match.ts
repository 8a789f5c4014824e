import { IfMatch } from '../http/etag';
import { FormRejection } from '../web/form-errors';

/** The ETag from the form's hidden field, as the service's If-Match; a form without one cannot say which version it saw. */
export function ifMatchFrom(etag: string | undefined): IfMatch {
  const parsed = etag ? IfMatch.parse(etag) : undefined;
  if (!parsed) throw new FormRejection([{ message: 'Formuläret saknar uppgift om vilken version av remissen du såg. Ladda om sidan och försök igen.' }]);
  return parsed;
}
