import { todayInStockholm } from '../shared/dates';
import { isActiveOn } from './active-period';
import type { Organisation } from './organisation.entity';

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
    successorId: organisation.successorId,
    active: isActiveOn(organisation, today),
    version: organisation.version,
    createdAt: organisation.createdAt.toISOString(),
    updatedAt: organisation.updatedAt.toISOString(),
  };
}
