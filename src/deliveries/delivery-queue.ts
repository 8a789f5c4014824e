import type { EntityManager } from 'typeorm';
import { recordRecipientEvents } from '../recipients/recipient-events';

/**
 * Records, inside the sending transaction, how each dispatched recipient is to be reached: its
 * remissbrev queued for e-mail to the registratur address the register has today (kept on the
 * row, so a later change of the register does not redirect a letter already on its way), or
 * no_address, with a timeline event, for sending by post. Nothing is rendered or mailed here:
 * the delivery workers do that after the commit. A recipient already dispatched keeps its row.
 */
export async function queueDeliveries(manager: EntityManager, recipientIds: string[], actorUserId: string | null): Promise<{ queued: number; noAddress: number }> {
  if (recipientIds.length === 0) return { queued: 0, noAddress: 0 };
  const rows: Array<{ recipientId: string; status: 'queued' | 'no_address' }> = await manager.query(
    `INSERT INTO recipient_deliveries (recipient_id, status, address, next_attempt_at)
     SELECT r.id,
            CASE WHEN btrim(coalesce(o.email, '')) = '' THEN 'no_address' ELSE 'queued' END,
            NULLIF(btrim(coalesce(o.email, '')), ''),
            CASE WHEN btrim(coalesce(o.email, '')) = '' THEN NULL ELSE now() END
       FROM recipients r JOIN organisations o ON o.id = r.organisation_id
      WHERE r.id = ANY($1::uuid[])
      ORDER BY r.position
     ON CONFLICT (recipient_id) DO NOTHING
     RETURNING recipient_id AS "recipientId", status`,
    [recipientIds],
  );
  const withoutAddress = rows.filter((row) => row.status === 'no_address').map((row) => row.recipientId);
  await recordRecipientEvents(manager, withoutAddress, 'delivery_no_address', actorUserId);
  return { queued: rows.length - withoutAddress.length, noAddress: withoutAddress.length };
}

/**
 * Tells this process's delivery worker that letters were queued, so they go out at once rather
 * than at its next round; other processes' workers find them on their own rounds.
 */
export class DeliveryNotifier {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
