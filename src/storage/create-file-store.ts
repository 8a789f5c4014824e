import { join } from 'node:path';
import type { Config } from '../config';
import type { FileStore } from './file-store';
import { LocalFileStore } from './local-file-store';

/** The one place that picks the implementation: the local folder until an object store is configured. */
export function createFileStore(config: Pick<Config, 'storageDir'>): FileStore {
  return new LocalFileStore(config.storageDir);
}

/** Where multipart uploads are spooled before they are checked and stored (swept like orphaned files). */
export function uploadSpoolDir(config: Pick<Config, 'storageDir'>): string {
  return join(config.storageDir, '.incoming');
}
