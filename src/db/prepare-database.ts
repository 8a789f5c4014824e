import type { DataSource } from 'typeorm';
import { seedDemoAddresses } from '../demo/demo-addresses';
import { seedDemoConsultations } from '../demo/demo-consultations';
import { seedDemoStatements } from '../demo/demo-statements';
import { seedDemoUsers } from '../demo/demo-users';
import { seedDistributionLists } from '../distribution-lists/seed-lists';
import { seedOrganisationRegister } from '../organisations/seed-register';
import { seedSectionCatalogue } from '../section-catalogue/seed-catalogue';
import { grantAppPrivileges } from './database-roles';
import { runMigrations, withStartupLock } from './migrate';

interface PrepareOptions {
  demoPassword?: string;
  /** The app's role, granted what it needs after migrating (see database-roles.ts). */
  appRole?: string;
}

/**
 * As the owner of the schema: migrate, grant the app's role its privileges, then load reference
 * data and, in demo mode (a demo password given), the demo users, the demo organisations'
 * registratur addresses, the demo remisser and the seed statements on them. Safe to run at every start and from several processes at once.
 */
export function prepareDatabase(dataSource: DataSource, options: PrepareOptions) {
  return withStartupLock(dataSource, async () => {
    const migrations = await runMigrations(dataSource);
    if (options.appRole) await grantAppPrivileges(dataSource, options.appRole);
    return { migrations, ...(await loadData(dataSource, options)) };
  });
}

/**
 * As the app's role, when no owner URL is given: someone else migrates (a deploy step with
 * MIGRATION_DATABASE_URL), so a schema behind the code is refused; reference data needs no DDL.
 */
export function prepareDatabaseAsApp(dataSource: DataSource, options: PrepareOptions) {
  return withStartupLock(dataSource, async () => {
    const pending = await dataSource.showMigrations().catch((error: Error) => {
      throw new Error(`Cannot read the migration state as the app's role (${error.message}); set MIGRATION_DATABASE_URL to the owner's URL`);
    });
    if (pending) throw new Error('The database schema is behind this version and the app\'s role may not migrate it: set MIGRATION_DATABASE_URL to the owner\'s URL');
    return { migrations: [] as string[], ...(await loadData(dataSource, options)) };
  });
}

async function loadData(dataSource: DataSource, options: PrepareOptions) {
  const organisations = await seedOrganisationRegister(dataSource);
  const distributionLists = await seedDistributionLists(dataSource);
  const sectionTemplates = await seedSectionCatalogue(dataSource);
  const demoUsers = options.demoPassword ? await seedDemoUsers(dataSource, options.demoPassword) : 0;
  const demoAddresses = options.demoPassword ? await seedDemoAddresses(dataSource) : 0;
  const demoConsultations = options.demoPassword ? await seedDemoConsultations(dataSource) : 0;
  const demoStatements = options.demoPassword ? await seedDemoStatements(dataSource) : 0;
  return { organisations, distributionLists, sectionTemplates, demoUsers, demoAddresses, demoConsultations, demoStatements };
}
