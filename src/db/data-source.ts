import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

export interface DataSourceOptions {
  url: string;
  poolMax?: number;
  /** Name shown in pg_stat_activity, useful when several processes share a server. */
  applicationName?: string;
}

/**
 * Opening a connection gives up after 3 s, so requests answer 503 soon when the database is gone.
 * node-postgres has one setting for that and for waiting for a free connection of a full pool; a
 * pool is full when many requests arrive at once (50 saves of one section: the losers queue on its
 * lock, each holding a connection), and on a busy machine that wait outlasted 3 s, turning a
 * burst into 503s that said the database was unavailable. So the clients connect with their own,
 * short limit and the pool's waiting has a longer one.
 */
const CONNECT_TIMEOUT_MS = 3_000;
const POOL_WAIT_MS = 10_000;

class PromptClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super({ ...(typeof config === 'string' ? { connectionString: config } : config), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // gen_random_uuid() is built into PostgreSQL 13+, no extension needed.
    uuidExtension: 'pgcrypto',
    // Extensions are the migrations' business (as the owner); the app's role may not create any.
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: options.applicationName ?? 'remiss',
    extra: {
      max: options.poolMax ?? 10,
      Client: PromptClient,
      connectionTimeoutMillis: POOL_WAIT_MS,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
      // JIT compiles a query when its estimated cost is high, which a broad search's is: tens of
      // milliseconds of compiling to save less than that on a query that runs in twenty.
      options: '-c jit=off',
    },
  });
}
