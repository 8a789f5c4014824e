export { ocrPdf, DEFAULT_OCR_LIMITS, type OcrLimits, type OcrOptions, type OcrProgress, type OcrResult } from './ocr-pdf';
export { OcrError, OcrTooManyPagesError, OcrTimeoutError, OcrAbortedError, OcrUnreadablePdfError, OcrEngineError } from './ocr-errors';
