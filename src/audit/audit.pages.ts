import type { DataSource } from 'typeorm';
import type { Role } from '../authz/roles';
import { isCalendarDay } from '../organisations/organisation-form';
import { addDays } from '../shared/working-days';
import type { FormError } from '../web/form-errors';
import { offsetFor, paginationFor } from '../web/list-links';
import type { Pages } from '../web/pages';
import type { AuditEvent } from './audit-event.entity';
import { auditDiff } from './audit-diff';
import { actionLabel, entityHref, entityTypeLabel } from './audit-labels';
import { AuditService, type AuditFilter } from './audit.service';

const ADMINS: readonly Role[] = ['admin'];
const PAGE_SIZE = 25;
/** An event rarely changes more; a statement's save can, and the API has the rest. */
const MAX_DIFF_ROWS = 25;

const STOCKHOLM_OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' });

/**
 * The instant a Stockholm day begins, as ISO 8601 with its offset ("2020-03-29T00:00:00+01:00").
 * Midnight is never inside a DST change here (they happen at 02:00 and 03:00), so the offset at
 * 00:00 UTC that day is the offset at local midnight.
 */
function stockholmMidnight(day: string): string {
  const name = STOCKHOLM_OFFSET.formatToParts(new Date(`${day}T00:00:00Z`)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const offset = name === 'GMT' ? '+00:00' : name.replace('GMT', '');
  return `${day}T00:00:00${offset}`;
}

const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined);

/**
 * The log's filters from the query (all bookmarkable): `utford-av` (a username), `typ`, `id`,
 * `handelse` (the codes) and `fran`/`till` (Stockholm days, both included). A bad day is named
 * beside its field and not applied.
 */
function auditFilters(query: Record<string, unknown>) {
  const errors: FormError[] = [];
  const day = (name: string) => {
    const value = text(query[name], 20);
    if (value && !isCalendarDay(value)) errors.push({ field: name, message: 'Ange dagen som ÅÅÅÅ-MM-DD, till exempel 2025-03-31.' });
    return value && isCalendarDay(value) ? value : undefined;
  };
  const from = day('fran');
  const to = day('till');
  if (from && to && to < from) errors.push({ field: 'till', message: 'Till och med kan inte vara före Från och med.' });
  const filter: Omit<AuditFilter, 'limit' | 'offset'> = {
    actorUsername: text(query['utford-av'], 80),
    entityType: text(query.typ, 60),
    entityId: text(query.id, 80),
    action: text(query.handelse, 80),
    from: from ? stockholmMidnight(from) : undefined,
    to: to && !(from && to < from) ? stockholmMidnight(addDays(to, 1)) : undefined,
  };
  const shown = { 'utford-av': filter.actorUsername ?? '', typ: filter.entityType ?? '', id: filter.entityId ?? '', handelse: filter.action ?? '', fran: text(query.fran, 20) ?? '', till: text(query.till, 20) ?? '' };
  return { filter, shown, errors };
}

function presentEvent(event: AuditEvent) {
  const diff = auditDiff(event.before, event.after);
  return {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actionLabel: actionLabel(event.action),
    actor: event.actorUsername ?? 'Systemet',
    entityType: event.entityType,
    entityTypeLabel: entityTypeLabel(event.entityType),
    entityId: event.entityId,
    entityHref: entityHref(event.entityType, event.entityId),
    requestId: event.requestId,
    diff: diff.slice(0, MAX_DIFF_ROWS).map((row) => ({ ...row, added: row.before === undefined, removed: row.after === undefined })),
    moreChanges: Math.max(0, diff.length - MAX_DIFF_ROWS),
  };
}

/** Granskningslogg: every audit event, newest first, with filters; the same service as GET /api/audit. */
export function registerAuditPages(pages: Pages, dataSource: DataSource): void {
  const audit = new AuditService(dataSource);

  pages.get('/granskningslogg', ADMINS, async ({ query }) => {
    const { filter, shown, errors } = auditFilters(query);
    const [page, facets] = await Promise.all([audit.list({ ...filter, limit: PAGE_SIZE, offset: offsetFor(query, PAGE_SIZE) }), audit.facets()]);
    const option = (label: (code: string) => string, selected: string) => (code: string) => ({ value: code, text: label(code) === code ? code : `${label(code)} (${code})`, selected: code === selected });
    const byText = (a: { text: string }, b: { text: string }) => a.text.localeCompare(b.text, 'sv');
    return {
      view: 'audit/list',
      title: 'Granskningslogg',
      breadcrumbs: [{ href: '/', text: 'Start' }, { text: 'Granskningslogg' }],
      data: {
        errors,
        filters: shown,
        filtered: Object.values(shown).some(Boolean),
        actionOptions: facets.actions.map(option(actionLabel, shown.handelse)).sort(byText),
        entityTypeOptions: facets.entityTypes.map(option(entityTypeLabel, shown.typ)).sort(byText),
        events: page.items.map(presentEvent),
        pagination: paginationFor('/granskningslogg', shown, page),
      },
    };
  });
}
