import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';

function adminUrl(): string {
  const url = process.env.REMISS_TEST_ADMIN_URL;
  if (!url) throw new Error('Run tests through jest: global-setup prepares the database server');
  return url;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A database of its own for one test file: a clone of the migrated, seeded template, or empty. */
export async function createDatabase(options: { empty?: boolean } = {}): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `remiss_test_${randomBytes(6).toString('hex')}`;
  const template = options.empty ? 'template0' : process.env.REMISS_TEST_TEMPLATE;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function connect(url: string): Promise<DataSource> {
  return createDataSource({ url, poolMax: 5 }).initialize();
}
