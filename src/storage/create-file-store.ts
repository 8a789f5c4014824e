import type { Config } from '../config';
import type { FileStore } from './file-store';
import { LocalFileStore } from './local-file-store';

/** The one place that picks the implementation: the local folder until an object store is configured. */
export function createFileStore(config: Pick<Config, 'storageDir'>): FileStore {
  return new LocalFileStore(config.storageDir);
}
