import type { DataSource } from 'typeorm';
import { MAX_PAGE_SIZE } from '../http/schemas';
import { ORGANISATION_KIND_GROUP_LABELS } from '../shared/swedish-labels';
import { ORGANISATION_KINDS, type Organisation } from './organisation.entity';
import { OrganisationsService } from './organisations.service';

export interface OrganisationChoiceGroup {
  label: string;
  options: Array<{ value: string; text: string }>;
}

/**
 * The register as choices for a select, grouped by kind (nämnder, förvaltningar, …) in name order:
 * a plain <select> with optgroups works without JavaScript and jumps by typed letters.
 * `activeToday` leaves out bodies that are not active today (new remisser); filters over old
 * remisser want every body.
 */
export async function organisationChoices(dataSource: DataSource, { activeToday }: { activeToday: boolean }): Promise<OrganisationChoiceGroup[]> {
  const service = new OrganisationsService(dataSource);
  const all: Organisation[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = await service.list({ sort: 'name', limit: MAX_PAGE_SIZE, offset, ...(activeToday ? { active: true } : {}) });
    all.push(...page.items);
    if (all.length >= page.total || page.items.length === 0) break;
  }
  return ORGANISATION_KINDS.map((kind) => ({
    label: ORGANISATION_KIND_GROUP_LABELS[kind],
    options: all.filter((o) => o.kind === kind).map((o) => ({ value: o.id, text: o.name })),
  })).filter((group) => group.options.length > 0);
}
