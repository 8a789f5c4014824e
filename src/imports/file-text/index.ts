export { IMPORT_FORMATS, type ImportFormat } from './detect-format';
export { extractFileText, readImportFile } from './extract-file-text';
export { closeImportWorkers, ImportBusyError } from '../import-threads';
export { IMPORT_LIMITS, ImportFileError, refuse, type ImportLimits } from './import-file-error';
export type { ExtractedText } from './read-file';
