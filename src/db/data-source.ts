import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

export interface DataSourceOptions {
  url: string;
  poolMax?: number;
  /** Name shown in pg_stat_activity, useful when several processes share a server. */
  applicationName?: string;
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
      // Fail fast when the database is gone so requests answer 503 instead of hanging.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
      // JIT compiles a query when its estimated cost is high, which a broad search's is: tens of
      // milliseconds of compiling to save less than that on a query that runs in twenty.
      options: '-c jit=off',
    },
  });
}
