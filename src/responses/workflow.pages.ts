import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { sendAttachment } from '../attachments/attachment-download';
import { uploadFields } from '../attachments/attachments.schemas';
import type { Config } from '../config';
import { receiveUpload } from '../http/multipart-upload';
import { HttpProblem } from '../http/problem';
import { OUTCOME_LABELS, STATUS_LABELS } from '../shared/swedish-labels';
import { createFileStore, uploadSpoolDir } from '../storage/create-file-store';
import { sectionHref, statementHref } from '../statements/statement-page-data';
import { formEtag, ifMatchFromForm, pageId } from '../web/etag-field';
import { formErrorsFrom, type FormError } from '../web/form-errors';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, PageInput, Pages } from '../web/pages';
import { parseForService } from '../web/service-input';
import { AnswerOverview, type AnswerPageData } from './answer-overview';
import { answerCrumbs } from './answer.pages';
import { DECISION_OUTCOMES } from './decision.entity';
import { ProtokollsutdragService } from './protokollsutdrag.service';
import { transitionBody } from './responses.schemas';
import { ResponsesService } from './responses.service';

const WORKERS = ['handlaggare', 'attestant', 'admin'] as const;
const WHAT = 'The response';
const STALE = 'Någon annan har ändrat svaret sedan du öppnade sidan. Kontrollera uppgifterna och försök igen.';

registerNotices({
  'till-granskning': 'Svaret är skickat till granskning. Det står nu under Att attestera för organisationens attestanter.',
  godkant: 'Svaret är godkänt. Nästa steg är nämndens beslut.',
  tillbaka: 'Svaret är skickat tillbaka till handläggaren med kommentarerna.',
  'beslut-registrerat': 'Nämndens beslut är registrerat.',
  inskickat: 'Svaret är inskickat till avsändaren.',
  protokollsutdrag: 'Protokollsutdraget är bifogat.',
});

/** The steps between a draft and the svar sent, each confirmed on a page of its own (POST …/transitions). */
const STEPS = [
  {
    slug: 'skicka-till-granskning',
    action: 'submit_for_review' as const,
    allowed: (data: AnswerPageData) => data.actions.submitForReview,
    title: 'Skicka till granskning',
    question: 'Skicka svaret till granskning?',
    explanation: 'Attestanterna i er organisation får veta att svaret väntar på dem. Under granskningen kan utlåtandet inte ändras; granskaren kan kommentera avsnitten och skicka tillbaka svaret.',
    button: 'Skicka till granskning',
    notice: 'till-granskning',
  },
  {
    slug: 'godkann',
    action: 'approve' as const,
    allowed: (data: AnswerPageData) => data.actions.approve,
    title: 'Godkänn svaret',
    question: 'Godkänn tjänsteutlåtandet?',
    explanation: 'Utlåtandet får raden ”Detta dokument har godkänts digitalt av” med ditt namn och din titel. Handläggaren får veta det. Nästa steg är nämndens beslut.',
    button: 'Godkänn',
    notice: 'godkant',
  },
  {
    slug: 'skicka-tillbaka',
    action: 'return_to_drafting' as const,
    allowed: (data: AnswerPageData) => data.actions.returnToDrafting,
    title: 'Skicka tillbaka',
    question: 'Skicka tillbaka svaret till handläggaren?',
    explanation: 'Handläggaren får veta det och ser kommentarerna vid avsnitten i utlåtandet. Ett godkännande som redan getts står kvar i historiken.',
    button: 'Skicka tillbaka',
    notice: 'tillbaka',
  },
  {
    slug: 'skicka-in',
    action: 'submit' as const,
    allowed: (data: AnswerPageData) => data.actions.submit,
    title: 'Skicka in svaret',
    question: 'Skicka in svaret till avsändaren?',
    explanation: 'Svaret blir en allmän handling och går inte att ändra, bara rätta med ett skäl som syns. Samordnaren får veta att svaret har kommit in.',
    button: 'Skicka in svaret',
    notice: 'inskickat',
  },
];

const decisionFields = z.object({
  meetingDate: z.string().trim().min(1, 'Ange dagen för nämndens sammanträde.'),
  paragraph: z.string().trim().min(1, 'Ange paragrafen i protokollet, till exempel § 12.'),
  outcome: z.string().min(1, 'Välj vad nämnden beslutade.'),
  decisionText: z.string().trim().min(1, 'Skriv beslutet som det står i protokollet.'),
  etag: z.string().optional(),
});

/**
 * The answer's way from draft to svar: send to review (with what is still missing shown first),
 * approve, return with comments, the nämnd's decision (and its protokollsutdrag as a PDF), submit,
 * Every step is ResponsesService.transition (or
 * ProtokollsutdragService.attach) as the API's, with the response's ETag; the pages offer what
 * the service's rule table allows this user now (AnswerOverview.actions).
 */
export function registerWorkflowPages(pages: Pages, { dataSource, config }: { dataSource: DataSource; config: Config }): void {
  const overview = new AnswerOverview(dataSource);
  const responses = new ResponsesService(dataSource);
  const protokoll = new ProtokollsutdragService(dataSource, createFileStore(config));
  const spoolDir = uploadSpoolDir(config);

  for (const step of STEPS) {
    pages.form({
      path: `/svar/:id/${step.slug}`,
      access: WORKERS,
      fields: z.object({ etag: z.string().optional() }),
      async show({ params, context, actor }: PageInput, state: FormState) {
        const data = await overview.answer(pageId(params, WHAT), context);
        const href = `/svar/${data.response.id}`;
        // Before review: what the service would refuse, each linked to where it is put right.
        const missing: FormError[] = [];
        if (step.action === 'submit_for_review' && data.actions.submitForReview) {
          const readiness = await responses.readinessForReview(data.response.id, actor);
          for (const section of readiness.emptyRequired) {
            // A section the catalogue made required after the draft began is not in the statement yet: it is added there first.
            missing.push(
              section.present
                ? { message: `Avsnittet ${section.heading} saknar text.`, link: { href: sectionHref(data.response.id, section.key), text: `Skriv avsnittet ${section.heading}` } }
                : { message: `Utlåtandet saknar avsnittet ${section.heading}.`, link: { href: `${statementHref(data.response.id)}#saknade-avsnitt`, text: `Lägg till avsnittet ${section.heading}` } },
            );
          }
          if (readiness.stanceMissing) missing.push({ message: 'Utlåtandet saknar ställningstagande.', link: { href: `${statementHref(data.response.id)}/uppgifter#stance`, text: 'Välj ställningstagande' } });
        }
        return {
          view: 'responses/confirm-step',
          title: `${step.title} – ${data.consultation.caseNumber}`,
          breadcrumbs: answerCrumbs(actor, data, step.title),
          data: {
            step,
            consultation: data.consultation,
            organisation: data.organisation,
            deadline: data.deadline,
            statusLabel: STATUS_LABELS[data.response.status],
            allowed: step.allowed(data) && missing.length === 0,
            statementHref: statementHref(data.response.id),
            href,
            errors: state.conflict ? [{ message: STALE }] : [...missing, ...state.errors],
            values: { etag: formEtag(state, data.response.version) },
          },
        };
      },
      async save({ params, context }, fields) {
        const id = pageId(params, WHAT);
        await responses.transition(id, parseForService(transitionBody, { action: step.action }, () => undefined), ifMatchFromForm(fields.etag), context);
        return withNotice(`/svar/${id}`, step.notice);
      },
    });
  }

  pages.form({
    path: '/svar/:id/beslut',
    access: WORKERS,
    fields: decisionFields,
    async show({ params, context, actor }, state) {
      const data = await overview.answer(pageId(params, WHAT), context);
      return {
        view: 'responses/decision-form',
        title: `Nämndens beslut – ${data.consultation.caseNumber}`,
        breadcrumbs: answerCrumbs(actor, data, 'Nämndens beslut'),
        data: {
          consultation: data.consultation,
          organisation: data.organisation,
          statusLabel: STATUS_LABELS[data.response.status],
          allowed: data.actions.decide,
          href: `/svar/${data.response.id}`,
          outcomeOptions: DECISION_OUTCOMES.map((value) => ({ value, text: OUTCOME_LABELS[value] })),
          errors: state.conflict ? [{ message: STALE }] : state.errors,
          values: { ...state.values, etag: formEtag(state, data.response.version) },
        },
      };
    },
    async save({ params, context }, fields) {
      const id = pageId(params, WHAT);
      const { etag, ...decision } = fields;
      // The API's own rules (a date, the § printed in the compilation, a known outcome), at the fields.
      const input = parseForService(transitionBody, { action: 'decide', ...decision }, (path) => String(path[0]));
      await responses.transition(id, input, ifMatchFromForm(etag), context);
      return withNotice(`/svar/${id}`, 'beslut-registrerat');
    },
  });

  const upload = { file: 'file', fields: uploadFields, maxBytes: config.attachmentMaxBytes };
  const protokollPage = async ({ params, context, actor }: PageInput, errors: FormError[], status?: number) => {
    const data = await overview.answer(pageId(params, WHAT), context);
    const decision = data.decisions.find((d) => d.id === params.decisionId);
    if (!decision) throw new HttpProblem(404, 'Beslutet finns inte.');
    return {
      view: 'responses/protokollsutdrag-form',
      title: `Protokollsutdrag – ${data.consultation.caseNumber}`,
      breadcrumbs: answerCrumbs(actor, data, 'Protokollsutdrag'),
      data: { consultation: data.consultation, organisation: data.organisation, decision: { ...decision, outcomeLabel: OUTCOME_LABELS[decision.outcome] }, allowed: data.actions.attachProtokollsutdrag && !decision.protokollsutdrag, href: `/svar/${data.response.id}`, errors, values: {} },
      status,
    };
  };
  pages.get('/svar/:id/beslut/:decisionId/protokollsutdrag', WORKERS, (input) => protokollPage(input, []));
  pages.post('/svar/:id/beslut/:decisionId/protokollsutdrag', WORKERS, async (input) => {
    const id = pageId(input.params, WHAT);
    const decisionId = pageId({ id: input.params.decisionId }, 'The decision');
    try {
      await protokoll.attach(id, decisionId, { ...input.context, log: input.req.log }, () => receiveUpload(input.req, input.res, upload, spoolDir));
    } catch (error) {
      if (!(error instanceof HttpProblem) || error.status >= 500 || error.status === 404 || error.status === 403) throw error;
      const missing = (error.options.errors ?? []).some((e) => e.path === 'body.file');
      const errors = missing && error.status === 400 ? [{ field: 'file', message: 'Välj protokollsutdraget som PDF.' }] : formErrorsFrom(error).map((e) => ({ field: 'file', message: e.message }));
      return protokollPage(input, errors, error.status === 409 ? 409 : 400);
    }
    return { redirect: withNotice(`/svar/${id}`, 'protokollsutdrag') };
  });
  pages.get('/svar/:id/beslut/:decisionId/protokollsutdrag.pdf', WORKERS, async ({ req, res, params, actor }) => {
    const { attachment, content } = await protokoll.open(pageId(params, WHAT), pageId({ id: params.decisionId }, 'The decision'), actor);
    await sendAttachment(req, res, attachment, content);
    return { redirect: '' };
  });
}
