import { hasRole, isAdmin, type Actor } from '../authz/actor';
import type { ResponseStatus } from './response.entity';
import type { TransitionInput } from './responses.schemas';

type Action = TransitionInput['action'];

interface Rule {
  from: readonly ResponseStatus[];
  to: ResponseStatus;
  /** Who may: the answering organisation's roles, or registrators for any recipient. */
  own: readonly ('handlaggare' | 'attestant')[];
  registrator: boolean;
}

/** The response life cycle, in one table: what each action needs and where it leads. */
export const TRANSITIONS: Record<Action, Rule> = {
  start: { from: ['not_started'], to: 'drafting', own: ['handlaggare'], registrator: false },
  submit_for_review: { from: ['drafting'], to: 'in_review', own: ['handlaggare'], registrator: false },
  return_to_drafting: { from: ['in_review', 'approved'], to: 'drafting', own: ['handlaggare', 'attestant'], registrator: false },
  approve: { from: ['in_review'], to: 'approved', own: ['attestant'], registrator: false },
  decide: { from: ['approved'], to: 'decided', own: ['handlaggare', 'attestant'], registrator: false },
  submit: { from: ['decided'], to: 'submitted', own: ['handlaggare', 'attestant'], registrator: true },
  decline: { from: ['not_started', 'drafting'], to: 'declined', own: ['handlaggare', 'attestant'], registrator: true },
  no_comments: { from: ['not_started', 'drafting'], to: 'no_comments', own: ['handlaggare', 'attestant'], registrator: true },
  record_external: { from: ['not_started', 'drafting'], to: 'submitted', own: [], registrator: true },
};

/** Null when allowed, else why not (for a 403). */
export function whyNotAllowed(action: Action, actor: Actor, ownOrganisation: boolean): string | null {
  if (isAdmin(actor)) return null;
  const rule = TRANSITIONS[action];
  if (rule.registrator && hasRole(actor, 'registrator')) return null;
  if (ownOrganisation && rule.own.some((role) => hasRole(actor, role))) return null;
  const who = [...rule.own.map((role) => `the answering organisation's ${role}`), ...(rule.registrator ? ['a registrator'] : [])];
  return `Only ${who.join(' or ')} may ${action.replace(/_/g, ' ')}.`;
}
