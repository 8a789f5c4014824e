import type { OrganisationKind } from '../organisations/organisation.entity';
import { KIND_LABELS } from '../shared/swedish-labels';

interface Choice {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  /** The checkbox's id: the first one carries the field's name, so the error summary can link to it. */
  inputId: string;
  checked: boolean;
}

/**
 * The members of a sändlista as the form shows them: its members in their order (checked; clearing
 * one removes it) and then, grouped by kind, the organisations active today that are not members
 * yet (checking one adds it at the end). After an error or a conflict the user's choice is kept.
 */
export function memberChoices(
  stored: ReadonlyArray<{ id: string; name: string; kind: string }>,
  selected: readonly string[],
  active: ReadonlyArray<{ id: string; name: string; kind: string }>,
  names: ReadonlyMap<string, string>,
): { members: Choice[]; groups: Array<{ kind: string; label: string; choices: Choice[] }> } {
  const chosen = new Set(selected);
  const kindOf = new Map(active.map((organisation) => [organisation.id, organisation.kind]));
  const listed = [...stored];
  // Chosen before (a failed save) but not stored yet: still members in the user's eyes.
  for (const id of selected) if (!listed.some((member) => member.id === id)) listed.push({ id, name: names.get(id) ?? id, kind: kindOf.get(id) ?? 'external' });
  let first = true;
  const choice = (organisation: { id: string; name: string; kind: string }, checked: boolean): Choice => {
    const inputId = first ? 'organisationIds' : `organisation-${organisation.id}`;
    first = false;
    return { ...organisation, kindLabel: KIND_LABELS[organisation.kind as OrganisationKind] ?? organisation.kind, inputId, checked };
  };
  const members = listed.map((member) => choice(member, chosen.has(member.id)));
  const inList = new Set(listed.map((member) => member.id));
  const groups = (Object.keys(KIND_LABELS) as OrganisationKind[]).flatMap((kind) => {
    const choices = active.filter((organisation) => organisation.kind === kind && !inList.has(organisation.id)).map((organisation) => choice(organisation, false));
    return choices.length ? [{ kind, label: GROUP_LABELS[kind], choices }] : [];
  });
  return { members, groups };
}

const GROUP_LABELS: Record<OrganisationKind, string> = {
  committee: 'Nämnder',
  administration: 'Förvaltningar',
  council: 'Råd',
  company: 'Bolag',
  external: 'Externa organisationer',
};
