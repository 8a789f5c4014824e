import type Handlebars from 'handlebars';
import { formatSwedishDate } from '../shared/dates';

const TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' });

/** "27 november 2020" from a YYYY-MM-DD day or an instant; empty for nothing. */
export function swedishDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) return formatSwedishDate(value);
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatSwedishDate(text);
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? text : formatSwedishDate(instant);
}

/** "27 november 2020 kl. 14.05" for an instant. */
export function swedishDateTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const instant = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(instant.getTime())) return String(value);
  return `${formatSwedishDate(instant)} kl. ${TIME.format(instant).replace(':', '.')}`;
}

/** Helpers every page may use. Pure functions of their arguments: no data access from a view. */
export function registerViewHelpers(handlebars: typeof Handlebars): void {
  handlebars.registerHelper('datum', (value: unknown) => swedishDate(value));
  handlebars.registerHelper('datumTid', (value: unknown) => swedishDateTime(value));
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  handlebars.registerHelper('not', (a: unknown) => !a);
  handlebars.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  handlebars.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  handlebars.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  handlebars.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
  /** The error message of one field, from the page's `errors` list (GOV.UK error pattern). */
  handlebars.registerHelper('fieldError', function (this: unknown, name: string, options: Handlebars.HelperOptions) {
    const errors = (options.data?.root?.errors ?? []) as Array<{ field: string; message: string }>;
    return errors.find((error) => error.field === name)?.message;
  });
  /** The value a field shows: what the user sent (after an error) or what is stored. */
  handlebars.registerHelper('fieldValue', function (this: unknown, name: string, options: Handlebars.HelperOptions) {
    const values = (options.data?.root?.values ?? {}) as Record<string, unknown>;
    const value = values[name];
    return value === null || value === undefined ? '' : value;
  });
  handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value));
  /**
   * JSON inside <script type="application/json">: the HTML parser does not decode entities there,
   * so it is not HTML-escaped; "<", ">", "&" and the line separators are escaped as JSON instead,
   * which no text can break out of.
   */
  handlebars.registerHelper('scriptJson', (value: unknown) =>
    new handlebars.SafeString(JSON.stringify(value ?? null).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')),
  );
  /** A label built from parts inside a loop: (concat "Namn, undertecknare " number). */
  handlebars.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
}
