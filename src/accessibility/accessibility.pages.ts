import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { registerNotices, withNotice } from '../web/notices';
import type { Pages } from '../web/pages';
import { AccessibilityReportsService } from './accessibility-reports.service';

const reportFields = z.object({
  description: z.string().trim().min(1, 'Beskriv problemet.').max(5000, 'Beskrivningen får vara högst 5 000 tecken.'),
  page: z.string().trim().max(500, 'Sidans adress får vara högst 500 tecken.').optional(),
  contact: z.string().trim().max(200, 'Kontaktuppgiften får vara högst 200 tecken.').optional(),
});

registerNotices({ rapporterat: 'Tack! Din rapport om tillgänglighet är mottagen.' });

/** Tillgänglighetsredogörelse (DOS-lagen) with a way to report a problem; open to everyone. */
export function registerAccessibilityPages(pages: Pages, dataSource: DataSource): void {
  const reports = new AccessibilityReportsService(dataSource);
  pages.form({
    path: '/tillganglighet',
    access: 'public',
    fields: reportFields,
    async show(_input, state) {
      return { view: 'accessibility/statement', title: 'Tillgänglighet för Remisser', data: { errors: state.errors, values: state.values ?? {} } };
    },
    async save({ context }, fields) {
      await reports.report(fields, context);
      return withNotice('/tillganglighet', 'rapporterat');
    },
  });
}
