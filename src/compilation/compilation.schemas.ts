import { z } from 'zod';
import { printable } from '../documents/printable-text';

/** Svaren i korthet: printed in the sammanställning's PDF, so the printable rule holds, as for every printed text. */
export const summaryBody = z.strictObject({ text: z.string().trim().min(1, 'must not be empty').max(1000).superRefine(printable) }).openapi('SummaryLineInput');
