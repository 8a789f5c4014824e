import { QueryFailedError } from 'typeorm';

/** Node socket errors and PostgreSQL SQLSTATEs that mean "the server is gone", not "your query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is not established/i,
  /the database system is (starting up|shutting down)/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The SQLSTATE of a failed query, if there is one. */
export function sqlState(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function constraintName(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) {
    const constraint = (error.driverError as { constraint?: unknown } | undefined)?.constraint;
    return typeof constraint === 'string' ? constraint : undefined;
  }
  return undefined;
}

/**
 * Unique constraints a user can run into, with what to tell them (409). Services check the common
 * case first where they can say more; the constraint is what holds under concurrent requests.
 */
const UNIQUE_CONSTRAINT_PROBLEMS: Record<string, { detail: string; slug: string }> = {
  uq_consultations_sender_case_number: { detail: 'The sender already has a remiss with that diarienummer.', slug: 'duplicate-case-number' },
  uq_distribution_lists_name_ci: { detail: 'A distribution list with that name already exists.', slug: 'duplicate' },
  uq_organisations_name_ci: { detail: 'An organisation with that name already exists.', slug: 'duplicate' },
};

/** What to tell the user about a violated unique constraint, when the table above knows it. */
export function uniqueViolation(error: unknown): { detail: string; slug: string } | undefined {
  if (sqlState(error) !== '23505') return undefined;
  const name = constraintName(error);
  return name ? UNIQUE_CONSTRAINT_PROBLEMS[name] : undefined;
}
