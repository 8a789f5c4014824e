import type { Config } from '../config';

/** The public base of the service (PUBLIC_URL), else localhost and the port, without a trailing slash. */
export function publicBase(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}

/**
 * Where a person opens a remiss: its page in the web UI (/remisser/:id). E-mails link to pages,
 * never to /api: after logging in, the page is where the link pointed.
 */
export function remissPageLink(config: Pick<Config, 'publicUrl' | 'port'>, consultationId: string): string {
  return `${publicBase(config)}/remisser/${consultationId}`;
}
