import { writingAdministration } from '../../src/documents/letter-documents.loader';
import { Organisation } from '../../src/organisations/organisation.entity';
import { startTestApp, type TestApp } from '../support/test-app';

/* Who writes a nämnd's letters: its förvaltning in office, not one the register has retired. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('a nämnd whose förvaltning was replaced writes through the new one; a letter dated before the change, through the old one', async () => {
  const organisations = t.dataSource.getRepository(Organisation);
  const nämnd = await organisations.findOneByOrFail({ registerKey: 'sdn-sodermalm' });
  expect((await writingAdministration(t.dataSource.manager, nämnd, '2026-11-22')).name).toBe('Södermalms stadsdelsförvaltning');
  await organisations.update({ registerKey: 'sdf-sodermalm' }, { activeTo: '2025-12-31' });
  await organisations.save({ registerKey: 'sdf-sodermalm-ny', name: 'Södermalms nya förvaltning', kind: 'administration' as const, parentId: nämnd.id, activeFrom: '2026-01-01' });
  expect((await writingAdministration(t.dataSource.manager, nämnd, '2026-11-22')).name).toBe('Södermalms nya förvaltning');
  // A letter dated before the change still comes from the förvaltning of that time.
  expect((await writingAdministration(t.dataSource.manager, nämnd, '2025-06-01')).name).toBe('Södermalms stadsdelsförvaltning');
});
