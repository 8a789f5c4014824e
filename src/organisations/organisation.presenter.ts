import { todayInStockholm } from '../shared/dates';
import type { Organisation } from './organisation.entity';

export function isActiveOn(organisation: Pick<Organisation, 'activeFrom' | 'activeTo'>, day: string): boolean {
  return (!organisation.activeFrom || organisation.activeFrom <= day) && (!organisation.activeTo || organisation.activeTo >= day);
}

export function presentOrganisation(organisation: Organisation, today = todayInStockholm()) {
  return {
    id: organisation.id,
    registerKey: organisation.registerKey,
    name: organisation.name,
    shortName: organisation.shortName,
    kind: organisation.kind,
    parentId: organisation.parentId,
    email: organisation.email,
    activeFrom: organisation.activeFrom,
    activeTo: organisation.activeTo,
    active: isActiveOn(organisation, today),
    version: organisation.version,
    createdAt: organisation.createdAt.toISOString(),
    updatedAt: organisation.updatedAt.toISOString(),
  };
}
