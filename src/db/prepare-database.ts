import type { DataSource } from 'typeorm';
import { seedDemoUsers } from '../demo/demo-users';
import { seedDistributionLists } from '../distribution-lists/seed-lists';
import { seedOrganisationRegister } from '../organisations/seed-register';
import { runMigrations, withStartupLock } from './migrate';

/** Migrate, then load reference data and (in demo mode) the demo users. Safe to run at every start. */
export function prepareDatabase(dataSource: DataSource, options: { demoPassword?: string }) {
  return withStartupLock(dataSource, async () => {
    const migrations = await runMigrations(dataSource);
    const organisations = await seedOrganisationRegister(dataSource);
    const distributionLists = await seedDistributionLists(dataSource);
    const demoUsers = options.demoPassword ? await seedDemoUsers(dataSource, options.demoPassword) : 0;
    return { migrations, organisations, distributionLists, demoUsers };
  });
}
