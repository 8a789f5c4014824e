import type { DataSource } from 'typeorm';
import { idParam } from './consultation-page-params';
import { IfMatch, etagFor } from '../http/etag';
import { preconditionRequired } from '../http/problem';
import { organisationChoices, type OrganisationChoiceGroup } from '../organisations/organisation-choices';
import { todayInStockholm } from '../shared/dates';
import { CONSULTATION_KIND_LABELS } from '../shared/swedish-labels';
import { conflictRows } from '../web/conflict-rows';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, Pages } from '../web/pages';
import type { ConsultationView } from './consultation.presenter';
import { consultationFields, consultationInput, duplicateRejection, formValuesOf, KIND_OPTIONS } from './consultation-form-fields';
import { ConsultationsService } from './consultations.service';

const MANAGERS = ['registrator', 'admin'] as const;

registerNotices({ registrerad: 'Remissen är registrerad.' });

/** An organisation id as its name, for the conflict table. */
function nameIn(groups: OrganisationChoiceGroup[]): (value: unknown) => string {
  const names = new Map(groups.flatMap((group) => group.options.map((option) => [option.value, option.text])));
  return (value) => (typeof value === 'string' ? (names.get(value) ?? value) : '');
}

function conflictFor(groups: OrganisationChoiceGroup[], theirs: Record<string, unknown>, mine: Record<string, unknown>, theirsHref: string) {
  const organisation = nameIn(groups);
  return {
    theirsHref,
    rows: conflictRows(
      [
        { name: 'caseNumber', label: 'Dnr' },
        { name: 'title', label: 'Rubrik' },
        { name: 'kind', label: 'Typ', display: (value) => CONSULTATION_KIND_LABELS[value as keyof typeof CONSULTATION_KIND_LABELS] ?? '' },
        { name: 'senderId', label: 'Avsändare', display: organisation },
        { name: 'coordinatorId', label: 'Samordnare', display: organisation },
        { name: 'registeredDate', label: 'Registrerad' },
        { name: 'dueDate', label: 'Sista svarsdag' },
        { name: 'description', label: 'Beskrivning' },
      ],
      theirs,
      mine,
    ),
  };
}

/** Registrera remiss and Redigera remiss: the same fields, as the API's body. */
export function registerConsultationFormPages(pages: Pages, dataSource: DataSource): void {
  const consultations = new ConsultationsService(dataSource);

  pages.form({
    path: '/remisser/ny',
    access: MANAGERS,
    fields: consultationFields,
    async show(_input, state: FormState) {
      return {
        view: 'consultations/form',
        title: 'Registrera remiss',
        breadcrumbs: [{ href: '/', text: 'Start' }, { href: '/remisser', text: 'Remisser' }, { text: 'Registrera remiss' }],
        data: {
          heading: 'Registrera remiss',
          action: '/remisser/ny',
          submit: 'Registrera remiss',
          errors: state.errors,
          values: state.values ?? { registeredDate: todayInStockholm() },
          kindOptions: KIND_OPTIONS,
          organisations: await organisationChoices(dataSource, { activeToday: true }),
        },
      };
    },
    async save({ context }, fields) {
      try {
        const view = await consultations.create(consultationInput(fields), context);
        return withNotice(`/remisser/${view.consultation.id}`, 'registrerad');
      } catch (error) {
        throw duplicateRejection(error) ?? error;
      }
    },
  });

  pages.form({
    path: '/remisser/:id/redigera',
    access: MANAGERS,
    fields: consultationFields,
    async show({ params, context }, state: FormState) {
      const view: ConsultationView = await consultations.get(idParam(params), context);
      const stored = formValuesOf(view);
      // Every organisation the remiss names stays choosable, even one no longer active.
      const organisations = await organisationChoices(dataSource, { activeToday: false });
      const href = `/remisser/${idParam(params)}`;
      return {
        view: 'consultations/form',
        title: `Redigera ${view.consultation.caseNumber}`,
        breadcrumbs: [{ href: '/', text: 'Start' }, { href: '/remisser', text: 'Remisser' }, { href, text: view.consultation.caseNumber }, { text: 'Redigera' }],
        data: {
          heading: 'Redigera remiss',
          caption: view.consultation.caseNumber,
          action: `${href}/redigera`,
          submit: 'Spara ändringarna',
          cancelHref: href,
          errors: state.errors,
          // After a stale save: the user's values stay in the form with the new ETag, so "Spara" keeps mine.
          values: { ...(state.values ?? stored), etag: etagFor(view.consultation.version) },
          conflict: state.conflict ? conflictFor(organisations, stored, state.conflict.mine, `${href}/redigera`) : undefined,
          kindOptions: KIND_OPTIONS,
          organisations,
        },
      };
    },
    async save({ params, context }, fields) {
      const ifMatch = fields.etag ? IfMatch.parse(fields.etag) : undefined;
      if (!ifMatch) throw preconditionRequired();
      try {
        await consultations.update(idParam(params), ifMatch, consultationInput(fields), context);
      } catch (error) {
        throw duplicateRejection(error) ?? error;
      }
      return withNotice(`/remisser/${idParam(params)}`, 'sparat');
    },
  });
}
