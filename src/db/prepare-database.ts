import type { DataSource } from 'typeorm';
import { seedDemoConsultations } from '../demo/demo-consultations';
import { seedDemoStatements } from '../demo/demo-statements';
import { seedDemoUsers } from '../demo/demo-users';
import { seedDistributionLists } from '../distribution-lists/seed-lists';
import { seedOrganisationRegister } from '../organisations/seed-register';
import { seedSectionCatalogue } from '../section-catalogue/seed-catalogue';
import { runMigrations, withStartupLock } from './migrate';

/**
 * Migrate, then load reference data and, in demo mode (a demo password given), the demo users,
 * the demo remisser and the seed statements on them. Safe to run at every start and from several
 * processes at once.
 */
export function prepareDatabase(dataSource: DataSource, options: { demoPassword?: string }) {
  return withStartupLock(dataSource, async () => {
    const migrations = await runMigrations(dataSource);
    const organisations = await seedOrganisationRegister(dataSource);
    const distributionLists = await seedDistributionLists(dataSource);
    const sectionTemplates = await seedSectionCatalogue(dataSource);
    const demoUsers = options.demoPassword ? await seedDemoUsers(dataSource, options.demoPassword) : 0;
    const demoConsultations = options.demoPassword ? await seedDemoConsultations(dataSource) : 0;
    const demoStatements = options.demoPassword ? await seedDemoStatements(dataSource) : 0;
    return { migrations, organisations, distributionLists, sectionTemplates, demoUsers, demoConsultations, demoStatements };
  });
}
