import type { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import type { Role } from '../authz/roles';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';

/** The demo logins of DESIGN.md §6: a stable contract used by acceptance checks. Fictional people. */
export const DEMO_USERS: ReadonlyArray<{ username: string; name: string; title: string; roles: Role[]; organisationKey: string }> = [
  { username: 'admin', name: 'Alva Systemsson', title: 'Systemförvaltare', roles: ['admin'], organisationKey: 'stadsledningskontoret' },
  { username: 'registrator', name: 'Rut Diariesson', title: 'Registrator', roles: ['registrator'], organisationKey: 'stadsledningskontoret' },
  { username: 'handlaggare.sodermalm', name: 'Hanna Söderberg', title: 'Utredare', roles: ['handlaggare'], organisationKey: 'sdf-sodermalm' },
  { username: 'attestant.sodermalm', name: 'Arvid Malmsten', title: 'Stadsdelsdirektör', roles: ['attestant'], organisationKey: 'sdf-sodermalm' },
  // Östermalm's förvaltning closed on 2023-06-30; this login is the history of KS 2020/924.
  { username: 'handlaggare.ostermalm', name: 'Östen Strandberg', title: 'Utredare', roles: ['handlaggare'], organisationKey: 'sdf-ostermalm' },
  // Its successor, a recipient of the open demo remiss.
  { username: 'handlaggare.norrainnerstaden', name: 'Nora Vasström', title: 'Utredare', roles: ['handlaggare'], organisationKey: 'sdf-norra-innerstaden' },
  { username: 'attestant.norrainnerstaden', name: 'Ingvar Gärdenfors', title: 'Avdelningschef', roles: ['attestant'], organisationKey: 'sdf-norra-innerstaden' },
  { username: 'coordinator', name: 'Cecilia Samordnare', title: 'Samordnare', roles: ['coordinator'], organisationKey: 'socialforvaltningen' },
  { username: 'reader', name: 'Rikard Läsare', title: 'Utredare', roles: ['reader'], organisationKey: 'stadsledningskontoret' },
];

/** Creates the demo users that do not exist yet; an existing user (and its password) is left alone. */
export async function seedDemoUsers(dataSource: DataSource, password: string): Promise<number> {
  const existing = new Set((await dataSource.getRepository(User).find({ select: { username: true } })).map((u) => u.username));
  const missing = DEMO_USERS.filter((u) => !existing.has(u.username));
  if (missing.length === 0) return 0;
  const passwordHash = await hashPassword(password);
  return dataSource.transaction(async (manager) => {
    for (const demo of missing) {
      const organisation = await manager.findOneByOrFail(Organisation, { registerKey: demo.organisationKey });
      const user = await manager.save(
        User,
        manager.create(User, {
          username: demo.username,
          name: demo.name,
          title: demo.title,
          email: `${demo.username}@demo.remiss.invalid`,
          roles: demo.roles,
          organisationId: organisation.id,
          passwordHash,
        }),
      );
      await recordAudit(manager, { actor: null, requestId: 'seed:demo-users' }, { action: 'user.seeded', entityType: 'user', entityId: user.id, after: { username: user.username, roles: user.roles }, organisationId: organisation.id });
    }
    return missing.length;
  });
}
