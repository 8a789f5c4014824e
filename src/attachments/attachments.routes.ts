import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Api } from '../http/route';

/** Remisshandlingar: upload, list, download, delete (helper fills this in). */
export function registerAttachmentRoutes(_api: Api, _deps: { dataSource: DataSource; config: Config }): void {}
