import 'reflect-metadata';
import { createDataSource } from '../../src/db/data-source';
import { prepareDatabase } from '../../src/db/prepare-database';
import { TEST_PASSWORD } from './test-constants';

/** Child process of global-setup: as the owner, migrate, grant the app's role and seed the template exactly as the server does at start. */
async function main(): Promise<void> {
  const [ownerUrl, appRole] = process.argv.slice(2);
  const dataSource = await createDataSource({ url: ownerUrl }).initialize();
  try {
    await prepareDatabase(dataSource, { demoPassword: TEST_PASSWORD, appRole });
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
