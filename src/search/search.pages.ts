import type { DataSource } from 'typeorm';
import { HttpProblem } from '../http/problem';
import { organisationChoices } from '../organisations/organisation-choices';
import { RESPONSE_STATUSES } from '../responses/response.entity';
import { SectionTemplatesService } from '../section-catalogue/section-templates.service';
import { STANCE_LABELS, STATUS_LABELS } from '../shared/swedish-labels';
import { STANCES } from '../statements/statement.entity';
import type { FormError } from '../web/form-errors';
import { paginationFor } from '../web/list-links';
import type { Pages } from '../web/pages';
import { swedishDate } from '../web/view-helpers';
import { presentHit, searchTitle } from './search-hit.presenter';
import { paramValues, SEARCH_PARAMS, SEARCH_PATH, searchHref, searchPageQuery, type SearchPageQuery } from './search-page-query';
import { HIT_KINDS, type HitKind } from './search.schemas';
import { search } from './search.service';

const HIT_KIND_LABELS: Record<HitKind, string> = { consultation: 'Remisser', statement: 'Tjänsteutlåtanden (rubriker)', section: 'Avsnitt i svaren' };

/** The service's refusals of the text itself (search.service.ts parseQuery, search-query.ts), in Swedish. */
function queryProblem(problem: HttpProblem): FormError {
  const detail = problem.message;
  const message = /excluded words/.test(detail)
    ? 'Skriv minst ett ord att söka efter. Ord med minus framför (-ord) tar bara bort träffar.'
    : /use at most/.test(detail)
      ? 'Sökningen har för många ord och fraser. Använd högst 32.'
      : 'Sökningen gick inte att förstå. Kontrollera den och försök igen.';
  return { field: SEARCH_PARAMS.q, message };
}

/**
 * Sök: the search box with the documented language, filters as facets, ranked hits with the
 * highlighted snippet and paging, the whole query in the URL. The same search() as GET
 * /api/search, so the page finds exactly what the API would for this user, no more.
 */
export function registerSearchPages(pages: Pages, dataSource: DataSource): void {
  const catalogue = new SectionTemplatesService(dataSource);

  pages.get(SEARCH_PATH, 'user', async ({ actor, query }) => {
    const parsed = searchPageQuery(query);
    // The facets' choices are read while the search runs (awaited below; the catch only keeps a
    // failure meanwhile from counting as an unhandled rejection).
    const choices = Promise.all([organisationChoices(dataSource, { activeToday: false }), catalogue.list()]);
    choices.catch(() => undefined);
    const errors = [...parsed.errors];
    let result: Awaited<ReturnType<typeof search>> | null = null;
    if (parsed.search) {
      try {
        result = await search(dataSource, actor, parsed.search);
      } catch (error) {
        if (!(error instanceof HttpProblem) || error.status !== 400) throw error;
        errors.push(queryProblem(error));
      }
    }
    const [organisations, sections] = await choices;
    const sectionOptions = sections.map((section) => ({ value: section.key, text: section.heading }));
    const chosenSection = parsed.active.sectionKey?.[0];
    if (chosenSection && !sectionOptions.some((option) => option.value === chosenSection)) sectionOptions.push({ value: chosenSection, text: `Eget avsnitt (${chosenSection})` });
    const names = {
      organisation: new Map(organisations.flatMap((group) => group.options.map((option) => [option.value, option.text]))),
      section: new Map(sectionOptions.map((option) => [option.value, option.text])),
      // Every hit of a remiss filter is in that remiss: the first one names it.
      remiss: result?.items[0] ? `${result.items[0].consultation.caseNumber} ${result.items[0].consultation.title}` : 'den valda remissen',
    };
    const filtered = Object.keys(parsed.active).length > 0;
    const state = { q: parsed.text, ...Object.fromEntries(Object.entries(parsed.active).map(([field, values]) => [SEARCH_PARAMS[field as keyof typeof SEARCH_PARAMS], values])) };
    return {
      view: 'search/search',
      title: searchTitle(parsed.text, errors.length > 0),
      breadcrumbs: [{ href: '/', text: 'Start' }, { text: 'Sök' }],
      data: {
        errors,
        // The fields show what was typed, also a date the search had to leave out, to correct it.
        values: { q: parsed.text, ...Object.fromEntries(['organisation', 'avsnitt', 'fran', 'till'].map((name) => [name, paramValues(query, name)[0]])) },
        searched: result !== null,
        text: parsed.text,
        hits: result?.items.map((hit) => presentHit(hit, { text: parsed.text, active: parsed.active })) ?? [],
        total: result?.total ?? 0,
        sectionsFrom: result && !result.totalExact ? result.sectionsFrom : null,
        pagination: result ? paginationFor(SEARCH_PATH, state, result) : null,
        filtered,
        withoutFilters: searchHref(parsed.text, {}),
        chips: activeFilters(parsed, names),
        remiss: parsed.active.consultationId?.[0],
        kindOptions: checkboxes(HIT_KINDS, HIT_KIND_LABELS, parsed.active.kind),
        stanceOptions: checkboxes(STANCES, STANCE_LABELS, parsed.active.stance),
        statusOptions: checkboxes(RESPONSE_STATUSES, STATUS_LABELS, parsed.active.status),
        organisations,
        sectionOptions,
      },
    };
  });
}

function checkboxes<T extends string>(values: readonly T[], labels: Record<T, string>, chosen: string[] | undefined) {
  return values.map((value) => ({ value, text: labels[value], checked: chosen?.includes(value) ?? false }));
}

/** The filters in effect, each with a link that searches again without it. */
function activeFilters(parsed: SearchPageQuery, names: { organisation: Map<string, string>; section: Map<string, string>; remiss: string }) {
  const { active, text } = parsed;
  const labelOf = (field: keyof typeof SEARCH_PARAMS, values: string[]): string => {
    switch (field) {
      case 'consultationId':
        return `Remiss: ${names.remiss}`;
      case 'organisationId':
        return `Organisation: ${names.organisation.get(values[0]) ?? 'vald organisation'}`;
      case 'sectionKey':
        return `Avsnitt: ${names.section.get(values[0]) ?? values[0]}`;
      case 'kind':
        return `Typ: ${values.map((v) => HIT_KIND_LABELS[v as HitKind] ?? v).join(', ')}`;
      case 'stance':
        return `Ställningstagande: ${values.map((v) => STANCE_LABELS[v as keyof typeof STANCE_LABELS] ?? v).join(', ')}`;
      case 'status':
        return `Status: ${values.map((v) => STATUS_LABELS[v as keyof typeof STATUS_LABELS] ?? v).join(', ')}`;
      case 'from':
        return `Från: ${swedishDate(values[0])}`;
      case 'to':
        return `Till och med: ${swedishDate(values[0])}`;
      default:
        return values.join(', ');
    }
  };
  return (Object.entries(active) as Array<[keyof typeof SEARCH_PARAMS, string[]]>).map(([field, values]) => ({
    text: labelOf(field, values),
    href: searchHref(text, active, { [field]: undefined }),
  }));
}
