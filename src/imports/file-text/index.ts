export { detectFormat, type ImportFormat } from './detect-format';
export { closeImportWorkers, extractFileText, ImportBusyError } from './extract-file-text';
export { IMPORT_LIMITS, ImportFileError, type ImportFileErrorCode, type ImportLimits } from './import-file-error';
export type { ExtractedText } from './read-file';
