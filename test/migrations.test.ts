import { MIGRATIONS } from '../migrations';
import { prepareDatabase } from '../src/db/prepare-database';
import { DEMO_USERS } from '../src/demo/demo-users';
import { pendingSchemaChanges } from '../src/db/schema-drift';
import { ORGANISATION_REGISTER } from '../src/organisations/organisation-register';
import { connect, createDatabase } from './support/test-database';

describe('migrations', () => {
  it('a fresh migration run leaves no drift between entities and schema', async () => {
    const db = await createDatabase({ empty: true });
    const dataSource = await connect(db.ownerUrl);
    try {
      expect((await pendingSchemaChanges(dataSource)).length).toBeGreaterThan(0); // empty database: everything is missing
      await prepareDatabase(dataSource, {});
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      const tables: Array<{ tablename: string }> = await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
      expect(tables.map((row) => row.tablename)).toEqual(expect.arrayContaining(['audit_events', 'organisations', 'schema_migrations', 'sessions', 'users', 'consultations', 'recipients', 'responses']));
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('two processes starting together prepare the database once, and a restart changes nothing', async () => {
    const db = await createDatabase({ empty: true });
    const [first, second] = await Promise.all([connect(db.ownerUrl), connect(db.ownerUrl)]);
    try {
      const results = await Promise.all([prepareDatabase(first, { demoPassword: 'a-demo-password' }), prepareDatabase(second, { demoPassword: 'a-demo-password' })]);
      expect(results.map((r) => r.migrations.length).sort()).toEqual([0, MIGRATIONS.length]);
      expect(results.map((r) => r.organisations).sort((a, b) => a - b)).toEqual([0, ORGANISATION_REGISTER.length]);
      const count = async () => (await first.query(`SELECT (SELECT count(*) FROM organisations)::int AS o, (SELECT count(*) FROM users)::int AS u, (SELECT count(*) FROM audit_events)::int AS a`))[0];
      const afterFirstStart = await count();
      expect(afterFirstStart.o).toBe(ORGANISATION_REGISTER.length);
      expect(afterFirstStart.u).toBe(DEMO_USERS.length);
      const restart = await prepareDatabase(first, { demoPassword: 'a-demo-password' });
      expect(restart).toEqual({ migrations: [], organisations: 0, distributionLists: 0, sectionTemplates: 0, demoUsers: 0, demoAddresses: 0, demoConsultations: 0, demoStatements: 0 });
      expect(await count()).toEqual(afterFirstStart);
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
      await db.drop();
    }
  });

  it('without a demo password no users are created', async () => {
    const db = await createDatabase({ empty: true });
    const dataSource = await connect(db.ownerUrl);
    try {
      await prepareDatabase(dataSource, {});
      expect((await dataSource.query('SELECT count(*)::int AS n FROM users'))[0].n).toBe(0);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
