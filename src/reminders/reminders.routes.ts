import type { DataSource } from 'typeorm';
import type { Api } from '../http/route';

/** Reminders listed on a recipient (helper fills this in). */
export function registerReminderRoutes(_api: Api, _deps: { dataSource: DataSource }): void {}
