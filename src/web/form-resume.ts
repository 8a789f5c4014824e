import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Actor } from '../authz/actor';
import type { AuthService } from '../auth/auth.service';
import { ResumableForm } from './resumable-form.entity';

const KEPT_FOR_MS = 24 * 60 * 60_000;

/**
 * A form posted after the session ran out is not lost: it is kept for the user the expired session
 * belonged to, the login page brings them back to `<path>?fortsatt=<id>`, and that page's own
 * handler saves it as if it had just been posted (its ETag still guards against overwriting a
 * newer change). Only a form that passed the CSRF and Origin checks is kept, only for the session's
 * own user, and only once.
 */
export class FormResume {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  /** Keeps the posted form when its session expired; answers the id to resume it by. */
  async keep(req: Request, isForm: boolean): Promise<string | undefined> {
    if (!isForm || !req.cookieSessionToken || !req.is('application/x-www-form-urlencoded')) return undefined;
    const userId = await this.auth.userOfExpiredSession(req.cookieSessionToken);
    if (!userId) return undefined;
    const fields = { ...(req.body as Record<string, unknown>) };
    delete fields._csrf;
    const repository = this.dataSource.getRepository(ResumableForm);
    await repository.createQueryBuilder().delete().where('created_at < :cutoff', { cutoff: new Date(Date.now() - KEPT_FOR_MS) }).execute();
    const kept = await repository.save(repository.create({ userId, path: req.path, fields }));
    return kept.id;
  }

  /** The kept fields, once, for the same user and path; undefined for anything else. */
  async take(id: string, actor: Actor, path: string): Promise<Record<string, unknown> | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows: Array<{ fields: Record<string, unknown> }> = await this.dataSource.query(
      `DELETE FROM resumable_forms WHERE id = $1 AND user_id = $2 AND path = $3 AND created_at > $4 RETURNING fields`,
      [id, actor.userId, path, new Date(Date.now() - KEPT_FOR_MS)],
    );
    // DELETE … RETURNING through TypeORM's query() answers [rows, count].
    const returned = Array.isArray(rows[0]) ? (rows[0] as unknown as Array<{ fields: Record<string, unknown> }>) : rows;
    return returned[0]?.fields;
  }
}
