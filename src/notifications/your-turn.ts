import type { DataSource } from 'typeorm';
import { hasRole, type Actor } from '../authz/actor';
import { ORGANISATION_FAMILY_SQL } from '../consultations/consultation-access';

export interface YourTurn {
  /** Answers of the user's organisation waiting for attest (attestanter only). */
  toAttest: number;
  /** Answers assigned to the user whose next step is theirs: returned with open comments, approved (the decision), decided (submit). */
  assigned: number;
}

/**
 * What the start page counts as waiting for the user: the same turns the e-mails tell of, counted
 * from the answers' state, so the count is right whether or not the user takes e-mail.
 */
export async function yourTurn(dataSource: DataSource, actor: Actor): Promise<YourTurn> {
  const [row]: Array<{ to_attest: number; assigned: number }> = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM responses p JOIN recipients r ON r.id = p.recipient_id JOIN consultations c ON c.id = r.consultation_id
              WHERE $3::boolean AND p.status = 'in_review' AND c.status = 'open' AND r.organisation_id IN (${ORGANISATION_FAMILY_SQL})) AS to_attest,
            (SELECT count(*)::int FROM responses p JOIN recipients r ON r.id = p.recipient_id JOIN consultations c ON c.id = r.consultation_id
              WHERE p.assignee_id = $2 AND c.status = 'open'
                AND (p.status IN ('approved', 'decided')
                     OR p.status = 'drafting' AND EXISTS (SELECT 1 FROM review_comments rc WHERE rc.response_id = p.id AND rc.parent_id IS NULL AND rc.resolved_at IS NULL))) AS assigned`,
    [actor.organisationId, actor.userId, hasRole(actor, 'attestant')],
  );
  return { toAttest: row.to_attest, assigned: row.assigned };
}
