/**
 * Paging and sorting as plain links whose URL holds the whole state (bookmarkable, no JavaScript):
 * every link keeps the page's other query parameters.
 */
export type Query = Record<string, unknown>;

function href(basePath: string, query: Query, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (key === 'klart' || value === undefined || value === '' || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `${basePath}?${text}` : basePath;
}

export interface Pagination {
  previous?: string;
  next?: string;
  pages: Array<{ number: number; href: string; current: boolean } | { ellipsis: true }>;
  summary: string;
}

export function paginationFor(basePath: string, query: Query, page: { total: number; limit: number; offset: number }): Pagination {
  const count = Math.max(1, Math.ceil(page.total / page.limit));
  const current = Math.floor(page.offset / page.limit) + 1;
  const link = (number: number) => href(basePath, query, { sida: number === 1 ? undefined : number });
  const numbers = [...new Set([1, current - 1, current, current + 1, count])].filter((n) => n >= 1 && n <= count).sort((a, b) => a - b);
  const pages: Pagination['pages'] = [];
  numbers.forEach((number, index) => {
    if (index > 0 && number - numbers[index - 1] > 1) pages.push({ ellipsis: true });
    pages.push({ number, href: link(number), current: number === current });
  });
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = Math.min(page.offset + page.limit, page.total);
  return {
    previous: current > 1 ? link(current - 1) : undefined,
    next: current < count ? link(current + 1) : undefined,
    pages: count > 1 ? pages : [],
    summary: page.total === 0 ? 'Inga träffar.' : `Visar ${first}–${last} av ${page.total}.`,
  };
}

/** `?sida=3` as the offset of a page of `limit` rows. */
export function offsetFor(query: Query, limit: number): number {
  const page = Number(query.sida);
  return Number.isInteger(page) && page > 1 && page < 100_000 ? (page - 1) * limit : 0;
}

export interface SortColumn {
  label: string;
  href: string;
  direction?: 'asc' | 'desc';
}

/**
 * Column headers that sort by link: `?sortera=<key>&ordning=asc|desc`. Choosing the sorted column
 * again reverses it; another column starts ascending.
 */
export function sortColumns(basePath: string, query: Query, columns: Array<{ key: string; label: string }>, current: { key: string; direction: 'asc' | 'desc' }): Record<string, SortColumn> {
  return Object.fromEntries(
    columns.map(({ key, label }) => {
      const active = key === current.key;
      const direction = active && current.direction === 'asc' ? 'desc' : 'asc';
      return [key, { label, href: href(basePath, query, { sortera: key, ordning: direction, sida: undefined }), direction: active ? current.direction : undefined }];
    }),
  );
}

export { href as urlWith };
