import { Client } from 'pg';
import { adoptSchemaObjects, assertAppRoleIsUnprivileged, currentRole } from '../src/db/database-roles';
import { prepareDatabase, prepareDatabaseAsApp } from '../src/db/prepare-database';
import { connect, createDatabase, superuserDatabaseUrl, type TestDatabase } from './support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createDatabase();
});
afterAll(() => db.drop());

async function session<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const auditCount = (client: Client) => client.query('SELECT count(*)::int AS n FROM audit_events').then((result) => result.rows[0].n as number);

describe("the app's database role", () => {
  it('is neither a superuser nor the owner of the tables', async () => {
    const app = await connect(db.url);
    try {
      await expect(assertAppRoleIsUnprivileged(app)).resolves.toBeUndefined();
      const [role] = await app.query(`SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
      expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
      const owned = await app.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
      expect(owned).toEqual([]);
    } finally {
      await app.destroy();
    }
  });

  it('cannot get round the append-only audit trail: every bypass fails and no event changes', async () => {
    await session(db.url, async (app) => {
      const before = await auditCount(app);
      expect(before).toBeGreaterThan(0);
      // Replication mode skips ordinary triggers, so it is a superuser's setting.
      await expect(app.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
      await expect(app.query(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(/permission denied/);
      await expect(app.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
      await expect(app.query('ALTER TABLE audit_events DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
      await expect(app.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
      await expect(app.query('DROP TABLE audit_events')).rejects.toThrow(/must be owner/);
      await expect(app.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied/);
      await expect(app.query('ALTER TABLE audit_events OWNER TO CURRENT_USER')).rejects.toThrow(/must be owner/);
      expect(await auditCount(app)).toBe(before);
      // What it must do still works: add an event and read the trail.
      await app.query(`INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('test.appended', 'test', '1')`);
      expect(await auditCount(app)).toBe(before + 1);
    });
  });

  it('reads but never writes the migration bookkeeping, and may not create tables', async () => {
    await session(db.url, async (app) => {
      expect((await app.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBeGreaterThan(0);
      await expect(app.query(`DELETE FROM schema_migrations`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`INSERT INTO typeorm_metadata (type) VALUES ('forged')`)).rejects.toThrow(/permission denied/);
      await expect(app.query('CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied/);
    });
  });

  it("gets read and write access by default to a table the owner adds later (a future migration's)", async () => {
    await session(db.ownerUrl, (owner) => owner.query('CREATE TABLE later_feature (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)'));
    await session(db.url, async (app) => {
      await app.query(`INSERT INTO later_feature (note) VALUES ('ny'), ('två')`);
      await app.query(`UPDATE later_feature SET note = 'ändrad' WHERE id = 1`);
      await app.query('DELETE FROM later_feature WHERE id = 2');
      expect((await app.query('SELECT note FROM later_feature')).rows).toEqual([{ note: 'ändrad' }]);
      await expect(app.query('DROP TABLE later_feature')).rejects.toThrow(/must be owner/);
    });
  });
});

describe('starting without the owner URL (a deploy step migrates)', () => {
  it('loads reference data as the app role on a current schema, and migrates nothing', async () => {
    const app = await connect(db.url);
    try {
      await expect(prepareDatabaseAsApp(app, { demoPassword: 'ett-losenord' })).resolves.toMatchObject({ migrations: [], organisations: 0, demoUsers: 0 });
    } finally {
      await app.destroy();
    }
  });
});

describe('start-up checks of the app role', () => {
  it('refuse a superuser and the owner of the tables, naming the role and the fix', async () => {
    for (const [url, reason] of [
      [superuserDatabaseUrl(db.name), /a superuser/],
      [db.ownerUrl, /owns the tables/],
    ] as const) {
      const dataSource = await connect(url);
      try {
        const role = await currentRole(dataSource);
        await expect(assertAppRoleIsUnprivileged(dataSource)).rejects.toThrow(reason);
        await expect(assertAppRoleIsUnprivileged(dataSource)).rejects.toThrow(new RegExp(`"${role}"[\\s\\S]*MIGRATION_DATABASE_URL`));
      } finally {
        await dataSource.destroy();
      }
    }
  });
});

describe('a database from before the role split (everything owned by the superuser)', () => {
  it('passes to the owner role, and the app role then works on it', async () => {
    const old = await createDatabase({ empty: true });
    try {
      const superuserUrl = superuserDatabaseUrl(old.name);
      const asSuperuser = await connect(superuserUrl);
      await prepareDatabase(asSuperuser, {}).finally(() => asSuperuser.destroy());
      const ownerName = new URL(old.ownerUrl).username;
      await session(superuserUrl, async (admin) => {
        expect((await admin.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`)).rows[0].n).toBeGreaterThan(10);
        await adoptSchemaObjects(admin, ownerName);
        const left = await admin.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> $1`, [ownerName]);
        expect(left.rows).toEqual([]);
        const functions = await admin.query(`SELECT count(*)::int AS n FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proname LIKE 'search_scope%' AND pg_get_userbyid(proowner) = $1`, [ownerName]);
        expect(functions.rows[0].n).toBeGreaterThan(0);
      });
      const owner = await connect(old.ownerUrl);
      const app = await connect(old.url);
      try {
        await prepareDatabase(owner, { demoPassword: 'ett-losenord', appRole: await currentRole(app) });
        await assertAppRoleIsUnprivileged(app);
        expect((await app.query('SELECT count(*)::int AS n FROM organisations'))[0].n).toBeGreaterThan(0);
        await expect(app.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
      } finally {
        await Promise.all([owner.destroy(), app.destroy()]);
      }
    } finally {
      await old.drop();
    }
  });
});
