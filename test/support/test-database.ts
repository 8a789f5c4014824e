import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error('Run tests through jest: global-setup prepares the database server');
  return value;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: setting('REMISS_TEST_ADMIN_URL') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlOf(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A test database as the app's role (neither superuser nor owner), the way the server connects. */
export const databaseUrl = (name: string): string => urlOf(setting('REMISS_TEST_APP_URL'), name);
/** The same database as the owner of its schema (migrations, ANALYZE). */
export const ownerDatabaseUrl = (name: string): string => urlOf(setting('REMISS_TEST_OWNER_URL'), name);
/** The same database as the superuser that made it (only for showing what the roles prevent). */
export const superuserDatabaseUrl = (name: string): string => urlOf(setting('REMISS_TEST_ADMIN_URL'), name);

export interface TestDatabase {
  name: string;
  /** As the app's role. */
  url: string;
  /** As the owner role. */
  ownerUrl: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file, owned by the owner role: a clone of the migrated, seeded template, or empty. */
export async function createDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `remiss_test_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? 'template0' : setting('REMISS_TEST_TEMPLATE');
  const owner = new URL(setting('REMISS_TEST_OWNER_URL')).username;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${owner}`));
  return {
    name,
    url: databaseUrl(name),
    ownerUrl: ownerDatabaseUrl(name),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function connect(url: string): Promise<DataSource> {
  return createDataSource({ url, poolMax: 5 }).initialize();
}
