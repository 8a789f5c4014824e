import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Pages } from '../web/pages';
import { registerConsultationAttachmentPages } from './consultation-attachments.pages';
import { registerConsultationFormPages } from './consultation-form.pages';
import { registerConsultationListPage } from './consultation-list.pages';
import { registerConsultationPage } from './consultation.pages';

/** The registrator's remiss screens (issue 12): the list, registering, one remiss and its handlingar. */
export function registerConsultationPages(pages: Pages, deps: { dataSource: DataSource; config: Config }): void {
  registerConsultationListPage(pages, deps.dataSource);
  // Before /remisser/:id, so "ny" is not taken for an id.
  registerConsultationFormPages(pages, deps.dataSource);
  registerConsultationPage(pages, deps.dataSource);
  registerConsultationAttachmentPages(pages, deps);
}
