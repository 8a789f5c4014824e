import 'reflect-metadata';
import { createDataSource } from '../../src/db/data-source';
import { prepareDatabase } from '../../src/db/prepare-database';
import { TEST_PASSWORD } from './test-constants';

/** Child process of global-setup: migrate and seed the template exactly as the server does at start. */
async function main(): Promise<void> {
  const dataSource = await createDataSource({ url: process.argv[2] }).initialize();
  try {
    await prepareDatabase(dataSource, { demoPassword: TEST_PASSWORD });
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
