import { AuditEvent } from '../audit/audit-event.entity';
import { Session } from '../auth/session.entity';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';

/** Every entity, listed explicitly so the same list works from ts-jest, tsx and compiled dist. */
export const ENTITIES = [Organisation, User, Session, AuditEvent];
