import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { hasRole, type Actor } from '../authz/actor';
import { fileSize } from '../consultations/consultation.pages';
import { CONSULTATION_STATUS_LABELS, OUTCOME_LABELS, STATUS_LABELS } from '../shared/swedish-labels';
import { conflictRows } from '../web/conflict-rows';
import { etagField, formEtag, ifMatchFromForm, pageId } from '../web/etag-field';
import { registerNotices, withNotice } from '../web/notices';
import { parseForService } from '../web/service-input';
import type { Crumb, FormState, PageInput, PageView, Pages } from '../web/pages';
import { AnswerOverview, type AnswerPageData } from './answer-overview';
import { transitionBody, type TransitionInput } from './responses.schemas';
import { ResponsesService } from './responses.service';
import { ANSWERING_ROLES } from './to-answer.pages';

/** Who works on an answer: the roles of PUT /api/responses/:id/assignee (the service narrows it to the organisation's own). */
const WORKERS = ['handlaggare', 'attestant', 'admin'] as const;
const WHAT = 'The response';

registerNotices({
  tilldelat: 'Svaret är tilldelat.',
  paborjat: 'Arbetet med svaret är påbörjat. Tjänsteutlåtandet är skapat som utkast.',
  avstar: 'Ni avstår från att svara. Avsändaren ser det i svarsläget.',
  'inga-synpunkter': 'Svaret ”inga synpunkter” är registrerat.',
  delat: 'Utkastet är delat med samordnaren.',
  'inte-delat': 'Utkastet delas inte längre med samordnaren.',
});

const STALE = 'Någon annan har ändrat svaret sedan du öppnade sidan. Kontrollera uppgifterna och försök igen.';

const declineFields = z.object({
  reason: z.string({ message: 'Skriv varför ni avstår från att svara.' }).trim().min(1, 'Skriv varför ni avstår från att svara.').max(2000, 'Skälet får vara högst 2 000 tecken.'),
  etag: z.string().optional(),
});

const noCommentsFields = z.object({
  reason: z.string().trim().max(2000, 'Motiveringen får vara högst 2 000 tecken.').optional(),
  etag: z.string().optional(),
});

/**
 * The two answers without a tjänsteutlåtande, each confirmed on a page of its own with its reason:
 * the skäl of an answer that avstår must be given, the motivering of inga synpunkter may be. Both
 * are printed in the answer letter and the compilation.
 */
const ANSWERS_WITHOUT_STATEMENT = [
  {
    slug: 'avsta',
    action: 'decline' as const,
    allowed: (data: AnswerPageData) => data.actions.decline,
    title: 'Avstå från att svara',
    question: 'Avstå från att svara?',
    explanation: 'Ni svarar att ni avstår från att yttra er över remissen. Svaret går till avsändaren med ett svarsbrev där skälet står, och det kan inte ändras efteråt.',
    button: 'Avstå från att svara',
    notice: 'avstar',
    fields: declineFields,
    reason: { label: 'Skäl', hint: 'Skälet står i svarsbrevet till avsändaren och i sammanställningen.' },
  },
  {
    slug: 'inga-synpunkter',
    action: 'no_comments' as const,
    allowed: (data: AnswerPageData) => data.actions.noComments,
    title: 'Svara inga synpunkter',
    question: 'Svara att ni inte har några synpunkter?',
    explanation: 'Ni svarar att ni har tagit del av remissen och inte har några synpunkter. Svaret går till avsändaren med ett kort svarsbrev och kan inte ändras efteråt.',
    button: 'Svara inga synpunkter',
    notice: 'inga-synpunkter',
    fields: noCommentsFields,
    reason: {
      label: 'Motivering (valfri)',
      hint: 'Till exempel att förslaget inte berör nämndens verksamhetsområde. Motiveringen står i svarsbrevet till avsändaren och i sammanställningen.',
    },
  },
];

const assignFields = z.object({
  assigneeId: z.uuid({ message: 'Välj vem som ska arbeta med svaret.' }),
  etag: z.string().optional(),
});

const confirmFields = z.object({ etag: z.string().optional() });

/**
 * The transition as the API would take it: the body's own rules (the reason of an answer without a
 * tjänsteutlåtande is printed, so characters the documents cannot print are refused with the API's
 * message, in Swedish at the field).
 */
function transitionInput(body: Record<string, unknown>): TransitionInput {
  return parseForService(transitionBody, body, (path) => String(path[0]));
}

export function answerCrumbs(actor: Actor, data: AnswerPageData, here?: string): Crumb[] {
  const start: Crumb[] = [{ href: '/', text: 'Start' }];
  if (hasRole(actor, ...ANSWERING_ROLES)) start.push({ href: '/att-besvara', text: 'Att besvara' });
  const answer = `Svar på ${data.consultation.caseNumber}`;
  return here ? [...start, { href: `/svar/${data.response.id}`, text: answer }, { text: here }] : [...start, { text: answer }];
}

/**
 * The answer page: what is being answered (the remiss's facts, remisshandlingar, remissbrev, the
 * deadline with anstånd) beside the work on the answer (status, Tilldela, påbörja, avstå or inga
 * synpunkter, the tjänsteutlåtande's preview and PDF, the history). Every change goes through the
 * same ResponsesService as the API (PUT …/assignee, POST …/transitions) with the ETag in the form.
 */
export function registerAnswerPages(pages: Pages, dataSource: DataSource): void {
  const overview = new AnswerOverview(dataSource);
  const responses = new ResponsesService(dataSource);

  async function answerPage({ params, context, actor }: PageInput, state: FormState): Promise<PageView> {
    const data = await overview.answer(pageId(params, WHAT), context);
    const names = new Map(data.candidates.map((c) => [c.id, c.title ? `${c.name}, ${c.title}` : c.name]));
    if (data.assignee && !names.has(data.assignee.id)) names.set(data.assignee.id, data.assignee.name);
    const fresh = etagField(data.response.version);
    const href = `/svar/${data.response.id}`;
    return {
      view: 'responses/answer',
      title: `Svar på ${data.consultation.caseNumber}`,
      breadcrumbs: answerCrumbs(actor, data),
      data: {
        ...data,
        href,
        statusLabel: STATUS_LABELS[data.response.status],
        consultationStatusLabel: CONSULTATION_STATUS_LABELS[data.consultation.status],
        attachments: data.attachments.map((a) => ({ fileName: a.fileName, description: a.description, href: `/remisser/${data.consultation.id}/handlingar/${a.id}`, size: fileSize(Number(a.sizeBytes)) })),
        remissbrev: data.recipient.sent ? `/api/consultations/${data.consultation.id}/recipients/${data.recipient.id}/cover-letter.pdf` : null,
        documents: documentLinks(data),
        decisions: data.decisions.map((d) => ({ ...d, outcomeLabel: OUTCOME_LABELS[d.outcome] })),
        candidateOptions: data.candidates.map((c) => ({ value: c.id, text: names.get(c.id)! })),
        errors: state.errors,
        values: { assigneeId: data.assignee?.id ?? '', ...state.values, etag: formEtag(state, data.response.version) },
        // Start carries the version the page shows now: a stale Tilldela does not make a stale Påbörja.
        etag: fresh,
        conflict: state.conflict && {
          theirsHref: href,
          rows: conflictRows([{ name: 'assigneeId', label: 'Arbetar med svaret', display: (id) => names.get(String(id ?? '')) ?? 'Ingen' }], { assigneeId: data.assignee?.id }, state.conflict.mine),
        },
      },
    };
  }

  pages.get('/svar/:id', WORKERS, (input) => answerPage(input, { errors: [] }));

  pages.form({
    path: '/svar/:id/tilldela',
    access: WORKERS,
    fields: assignFields,
    show: answerPage,
    async save({ params, context }, fields) {
      const id = pageId(params, WHAT);
      await responses.assign(id, ifMatchFromForm(fields.etag), fields.assigneeId, context);
      return withNotice(`/svar/${id}`, 'tilldelat');
    },
  });

  // Dela utkastet (PATCH /api/responses/:id {sharedWithCoordinator}): the coordinator may read the draft's text.
  pages.form({
    path: '/svar/:id/dela',
    access: WORKERS,
    fields: z.object({ dela: z.enum(['ja', 'nej']), etag: z.string().optional() }),
    show: (input, state) => answerPage(input, state.conflict ? { errors: [{ message: STALE }] } : state),
    async save({ params, context }, fields) {
      const id = pageId(params, WHAT);
      await responses.share(id, ifMatchFromForm(fields.etag), fields.dela === 'ja', context);
      return withNotice(`/svar/${id}`, fields.dela === 'ja' ? 'delat' : 'inte-delat');
    },
  });

  // Påbörja creates the draft tjänsteutlåtande (POST …/transitions {action: 'start'}); a stale page says so.
  pages.form({
    path: '/svar/:id/paborja',
    access: WORKERS,
    fields: confirmFields,
    show: (input, state) => answerPage(input, state.conflict ? { errors: [{ message: STALE }] } : state),
    async save({ params, context }, fields) {
      const id = pageId(params, WHAT);
      await responses.transition(id, transitionInput({ action: 'start' }), ifMatchFromForm(fields.etag), context);
      return withNotice(`/svar/${id}`, 'paborjat');
    },
  });

  for (const answer of ANSWERS_WITHOUT_STATEMENT) {
    pages.form({
      path: `/svar/:id/${answer.slug}`,
      access: WORKERS,
      fields: answer.fields,
      async show({ params, context, actor }, state) {
        const data = await overview.answer(pageId(params, WHAT), context);
        return {
          view: 'responses/confirm-answer',
          title: `${answer.title} – ${data.consultation.caseNumber}`,
          breadcrumbs: answerCrumbs(actor, data, answer.title),
          data: {
            answer,
            consultation: data.consultation,
            organisation: data.organisation,
            deadline: data.deadline,
            statusLabel: STATUS_LABELS[data.response.status],
            allowed: answer.allowed(data),
            href: `/svar/${data.response.id}`,
            // A stale confirmation: the page shows the answer as it is now, with its current version.
            errors: state.conflict ? [{ message: STALE }] : state.errors,
            values: { ...state.values, etag: formEtag(state, data.response.version) },
          },
        };
      },
      async save({ params, context }, fields: { etag?: string; reason?: string }) {
        const id = pageId(params, WHAT);
        // An empty motivering is none: the letter then says no more than "inga synpunkter".
        await responses.transition(id, transitionInput({ action: answer.action, reason: fields.reason || undefined }), ifMatchFromForm(fields.etag), context);
        return withNotice(`/svar/${id}`, answer.notice);
      },
    });
  }
}

/** The answer's documents that exist now, by the document routes' own rules (GET /api/responses/:id/pdf, …/preview, …/answer-letter.pdf). */
function documentLinks(data: AnswerPageData): { preview?: string; pdf?: string; letter?: string } {
  const base = `/api/responses/${data.response.id}`;
  if (data.response.status === 'declined' || data.response.status === 'no_comments') return { letter: `${base}/answer-letter.pdf` };
  if (!data.response.hasStatement) return {};
  return { preview: `${base}/preview`, pdf: `${base}/pdf` };
}
