import type { DataSource } from 'typeorm';

/**
 * The SQL TypeORM would run to make the database match the entities: what
 * `typeorm migration:generate --check` looks at. Empty means migrations and entities agree.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
