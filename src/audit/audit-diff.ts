/**
 * An audit event's before/after as a person reads it: one row per field that differs, nested
 * objects flattened to dotted paths (`header.officer.name`), lists of plain values as one value
 * ("handlaggare, attestant") and lists of objects by index (`sections.2.heading`).
 */
export interface DiffRow {
  field: string;
  /** Undefined where the field did not exist on that side (created, removed). */
  before?: string;
  after?: string;
}

/** Enough to read what changed; the whole value is in the API's JSON. */
const MAX_VALUE_LENGTH = 200;
const MAX_DEPTH = 8;

/** Nothing (null, an empty text) reads as "(tomt)"; true and false stay as the code has them. */
function scalarText(value: unknown): string {
  if (value === null || value === '') return '(tomt)';
  return String(value);
}

function isPlainValue(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** Every leaf of a JSON value by its dotted path, as text. */
export function flatten(value: unknown, prefix = '', into = new Map<string, string>(), depth = 0): Map<string, string> {
  if (isPlainValue(value) || depth >= MAX_DEPTH) {
    into.set(prefix || '(värde)', shorten(isPlainValue(value) ? scalarText(value) : JSON.stringify(value)));
    return into;
  }
  if (Array.isArray(value)) {
    if (value.every(isPlainValue)) {
      into.set(prefix || '(värde)', shorten(value.length ? value.map(scalarText).join(', ') : '[]'));
      return into;
    }
    value.forEach((item, index) => flatten(item, prefix ? `${prefix}.${index}` : String(index), into, depth + 1));
    if (value.length === 0) into.set(prefix, '[]');
    return into;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 && prefix) into.set(prefix, '{}');
  for (const [key, item] of entries) flatten(item, prefix ? `${prefix}.${key}` : key, into, depth + 1);
  return into;
}

/** The fields that differ between before and after, in the order they first appear. */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const old = before === null || before === undefined ? new Map<string, string>() : flatten(before);
  const now = after === null || after === undefined ? new Map<string, string>() : flatten(after);
  const fields = [...new Set([...old.keys(), ...now.keys()])];
  return fields.filter((field) => old.get(field) !== now.get(field)).map((field) => ({ field, before: old.get(field), after: now.get(field) }));
}
