import { z } from 'zod';

export const postalLettersQuery = z.strictObject({
  failed: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Also the letters whose e-mail was given up (delivery failed)' }),
});
