import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';

const SEED = { actor: null, requestId: 'seed:demo-addresses' };

/**
 * The demo's registratur address of a register entry, under the .example top-level domain that
 * RFC 2606 reserves for examples: it can never reach anyone. Real addresses are the register
 * keeper's to enter; the reference register (loaded in production too) has none.
 */
export const demoAddressOf = (registerKey: string) => `registrator@${registerKey}.example`;

/**
 * Left without an address in the demo, so the open demo remiss shows a letter that goes by post
 * (and the postal PDF has something in it).
 */
export const DEMO_WITHOUT_ADDRESS: readonly string[] = ['fryshuset'];

/**
 * Gives every register entry of the demo an address, once: an entry given one before (audited)
 * is left alone, so an address the demo's register keeper changed or removed stays as it is.
 */
export async function seedDemoAddresses(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const [rows]: [Array<{ id: string; registerKey: string; email: string }>, number] = await manager.query(
      `UPDATE organisations o SET email = 'registrator@' || o.register_key || '.example', version = o.version + 1, updated_at = now()
        WHERE o.register_key IS NOT NULL AND o.email IS NULL AND NOT (o.register_key = ANY($1::text[]))
          AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'organisation.demo_address_seeded' AND a.entity_type = 'organisation' AND a.entity_id = o.id::text)
        RETURNING o.id, o.register_key AS "registerKey", o.email`,
      [DEMO_WITHOUT_ADDRESS],
    );
    for (const row of rows) {
      await recordAudit(manager, SEED, { action: 'organisation.demo_address_seeded', entityType: 'organisation', entityId: row.id, after: { registerKey: row.registerKey, email: row.email }, organisationId: null });
    }
    return rows.length;
  });
}
