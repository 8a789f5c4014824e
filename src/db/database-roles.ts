import { escapeIdentifier, escapeLiteral, type Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Least privilege: the app connects as a role that is neither a superuser nor the owner of the
 * tables, so what the database enforces (audit_events append-only, constraints, triggers) binds
 * whoever holds the app's connection. The owner role runs migrations and loads reference data.
 */
export interface RoleLogin {
  name: string;
  password: string;
}

export interface DatabaseRoles {
  owner: RoleLogin;
  app: RoleLogin;
}

// Local-only passwords: the embedded server listens on loopback and exists for one machine.
export const EMBEDDED_ROLES: DatabaseRoles = {
  owner: { name: 'remiss_owner', password: 'remiss_owner' },
  app: { name: 'remiss_app', password: 'remiss_app' },
};

/** Tables the app reads but never writes: migration bookkeeping. */
const READ_ONLY_TABLES = ['schema_migrations', 'typeorm_metadata'];
/** Tables the app may add to but not change: the audit trail. */
const APPEND_ONLY_TABLES = ['audit_events'];

export class DatabaseRoleError extends Error {}

/** `url` with another role's name and password. */
export function roleUrl(url: string, role: RoleLogin): string {
  const next = new URL(url);
  next.username = encodeURIComponent(role.name);
  next.password = encodeURIComponent(role.password);
  return next.toString();
}

/** As a superuser: create (or reset) both login roles, neither of them privileged. */
export async function ensureDatabaseRoles(admin: Client, roles: DatabaseRoles): Promise<void> {
  for (const role of [roles.owner, roles.app]) {
    const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
    const verb = exists.rowCount ? 'ALTER' : 'CREATE';
    await admin.query(`${verb} ROLE ${escapeIdentifier(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${escapeLiteral(role.password)}`);
  }
}

/**
 * As a superuser, connected to the database: everything in its public schema that the superuser
 * owns (a database created before the roles were split) passes to the owner role, the database too.
 * Objects that belong to an extension, or to a table (indexes, identity sequences), stay as they are.
 */
export async function adoptSchemaObjects(admin: Client, owner: string): Promise<void> {
  await admin.query(`
    DO $$
    DECLARE
      target text := ${escapeLiteral(owner)};
      me oid := (SELECT oid FROM pg_roles WHERE rolname = current_user);
      item record;
    BEGIN
      EXECUTE format('ALTER DATABASE %I OWNER TO %I', current_database(), target);
      FOR item IN
        SELECT c.oid::regclass AS name, CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = me AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
      LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', item.kind, item.name, target);
      END LOOP;
      FOR item IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = me
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
      LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.name, target);
      END LOOP;
      FOR item IN
        SELECT t.oid::regconfig AS name FROM pg_ts_config t
        WHERE t.cfgnamespace = 'public'::regnamespace AND t.cfgowner = me
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_ts_config'::regclass AND d.objid = t.oid AND d.deptype = 'e')
      LOOP
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %s OWNER TO %I', item.name, target);
      END LOOP;
    END $$`);
}

/**
 * As the owner, after migrating: the app's role may read and write every table, except the
 * migration bookkeeping (read only) and the audit trail (read and append); it may use the
 * sequences; and tables and sequences the owner creates later get the same by default. Granted
 * in one transaction, so the app never holds more for a moment. Idempotent: run at every start.
 */
export async function grantAppPrivileges(owner: DataSource, appRole: string): Promise<void> {
  const app = escapeIdentifier(appRole);
  await owner.transaction(async (manager) => {
    const existing = async (names: string[]) =>
      ((await manager.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`, [names])) as Array<{ tablename: string }>).map((row) =>
        escapeIdentifier(row.tablename),
      );
    await manager.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await manager.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    await manager.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${app}`);
    const readOnly = await existing(READ_ONLY_TABLES);
    if (readOnly.length) await manager.query(`REVOKE INSERT, UPDATE, DELETE ON ${readOnly.join(', ')} FROM ${app}`);
    const appendOnly = await existing(APPEND_ONLY_TABLES);
    if (appendOnly.length) await manager.query(`REVOKE UPDATE, DELETE ON ${appendOnly.join(', ')} FROM ${app}`);
    await manager.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await manager.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await manager.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
  });
}

/** The role a data source connects as. */
export async function currentRole(dataSource: DataSource): Promise<string> {
  const [row] = (await dataSource.query('SELECT current_user AS role')) as Array<{ role: string }>;
  return row.role;
}

/**
 * Refuses an app connection that could undo what the database enforces: a superuser (bypasses
 * privileges, can switch triggers off) or the owner of a table, or a member of its role (can
 * disable triggers, alter and drop).
 */
export async function assertAppRoleIsUnprivileged(app: DataSource): Promise<void> {
  const [row] = (await app.query(`
    SELECT current_user AS role, r.rolsuper AS superuser,
      (SELECT string_agg(DISTINCT pg_get_userbyid(c.relowner), ', ') FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owns
    FROM pg_roles r WHERE r.rolname = current_user`)) as Array<{ role: string; superuser: boolean; owns: string | null }>;
  const advice =
    "The app must connect as a role of its own that is neither a superuser nor the tables' owner, or nothing the database enforces (the append-only audit trail included) binds it. " +
    "Put the app's role in DATABASE_URL and the owner's in MIGRATION_DATABASE_URL (README, \"Database roles\").";
  if (row.superuser) throw new DatabaseRoleError(`DATABASE_URL connects as "${row.role}", a superuser. ${advice}`);
  if (row.owns) throw new DatabaseRoleError(`DATABASE_URL connects as "${row.role}", which owns the tables (as ${row.owns}). ${advice}`);
}
