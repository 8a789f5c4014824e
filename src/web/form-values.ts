import { z } from 'zod';

const emptyToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/** A form field that may be left empty: a blank (or only spaces) posts as null, "not set", never as "". */
export const optionalField = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToNull, schema.nullable().optional()).transform((value) => value ?? null);
