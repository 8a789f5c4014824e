/**
 * queued: the e-mail waits for (or is between) attempts; sent: the mail server accepted it;
 * failed: given up after MAX_DELIVERY_ATTEMPTS; no_address: the register had no registratur
 * address, so the letter goes by post; cancelled: the remiss was cancelled before it went out.
 */
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'no_address', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Attempts before a delivery is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/**
 * The wait after the 1st, 2nd … failed attempt: a mail server down for a while delays the letters;
 * one still refusing after about two and a half hours gets them marked failed, for the registrator
 * to send again or by post.
 */
export const RETRY_DELAYS_SECONDS = [60, 5 * 60, 30 * 60, 2 * 3600] as const;

/** How long a worker holds a claimed delivery (render + send take seconds; a crash frees it after this). */
export const LEASE_SECONDS = 5 * 60;

export function retryDelaySeconds(attempts: number): number {
  return RETRY_DELAYS_SECONDS[Math.min(attempts, RETRY_DELAYS_SECONDS.length) - 1] ?? RETRY_DELAYS_SECONDS[0];
}
