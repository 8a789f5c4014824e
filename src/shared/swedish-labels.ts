import type { OrganisationKind } from '../organisations/organisation.entity';
import type { RecipientRole } from '../recipients/recipient.entity';
import type { ResponseStatus } from '../responses/response.entity';
import type { Stance } from '../statements/statement.entity';

/** How documents and exports name the code's values, in Swedish. */
export const STATUS_LABELS: Record<ResponseStatus, string> = {
  not_started: 'Ej påbörjat',
  drafting: 'Under arbete',
  in_review: 'Under granskning',
  approved: 'Attesterat',
  decided: 'Beslutat',
  submitted: 'Besvarat',
  declined: 'Avstår',
  no_comments: 'Inga synpunkter',
};

export const STANCE_LABELS: Record<Stance, string> = {
  tillstyrker: 'Tillstyrker',
  tillstyrker_med_andringar: 'Tillstyrker med ändringar',
  avstyrker: 'Avstyrker',
  inga_synpunkter: 'Inga synpunkter',
};

export const ROLE_LABELS: Record<RecipientRole, string> = { respond: 'Svar begärs', for_information: 'För kännedom' };

export const KIND_LABELS: Record<OrganisationKind, string> = {
  committee: 'Nämnd',
  administration: 'Förvaltning',
  council: 'Råd',
  company: 'Bolag',
  external: 'Extern',
};

export const yesNo = (value: boolean) => (value ? 'Ja' : 'Nej');
