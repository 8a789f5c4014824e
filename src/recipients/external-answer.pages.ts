import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { uploadFields } from '../attachments/attachments.schemas';
import { AttachmentsService } from '../attachments/attachments.service';
import type { Config } from '../config';
import { receiveUpload } from '../http/multipart-upload';
import { HttpProblem } from '../http/problem';
import { storeResponseFile } from '../responses/response-uploads';
import { transitionBody, type TransitionInput } from '../responses/responses.schemas';
import { ResponsesService } from '../responses/responses.service';
import { STANCES } from '../statements/statement.entity';
import { STANCE_OPTIONS } from '../shared/swedish-labels';
import { createFileStore, uploadSpoolDir } from '../storage/create-file-store';
import { formErrorsFrom } from '../web/form-errors';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, PageInput, Pages } from '../web/pages';
import { parseForService } from '../web/service-input';
import { BoardOverview } from './board-overview';
import { consultationIdFrom } from './distribution-overview';
import { crumbsFor } from './recipients.pages';

const MANAGERS = ['registrator', 'admin'] as const;

registerNotices({
  'svar-registrerat': 'Svaret är registrerat.',
  'svar-registrerat-fil': 'Svaret är registrerat. Bifoga svarsdokumentet nedan.',
  'svarsdokument-bifogat': 'Svarsdokumentet är bifogat.',
});

const answerFields = z
  .object({
    kind: z.enum(['svar', 'avstar', 'inga_synpunkter'], { message: 'Välj vad remissinstansen svarade.' }),
    receivedDate: z.iso.date({ message: 'Ange dagen svaret kom in som ÅÅÅÅ-MM-DD.' }),
    stance: z.union([z.enum(STANCES), z.literal('')]).optional(),
    reason: z.string().trim().max(2000, 'Skälet får vara högst 2 000 tecken.').optional(),
  })
  .refine((f) => f.kind !== 'svar' || !!f.stance, { message: 'Välj remissinstansens ställningstagande.', path: ['stance'] });

/** The form's choice as the body the API takes (POST /api/responses/:id/transitions). */
function bodyFor(fields: z.infer<typeof answerFields>): TransitionInput {
  if (fields.kind === 'avstar') return { action: 'decline', reason: fields.reason || undefined, answeredDate: fields.receivedDate };
  if (fields.kind === 'inga_synpunkter') return { action: 'no_comments', reason: fields.reason || undefined, answeredDate: fields.receivedDate };
  return { action: 'record_external', receivedDate: fields.receivedDate, stance: fields.stance as (typeof STANCES)[number], note: fields.reason || undefined };
}

/** Which of the form's fields each of the body's is. */
const FORM_FIELDS: Record<string, string> = { reason: 'reason', note: 'reason', answeredDate: 'receivedDate', receivedDate: 'receivedDate', stance: 'stance' };

/**
 * The transition, checked by the API's own schema: the reason of an answer that avstår or has inga
 * synpunkter is printed in the answer letter, so what the documents cannot print is refused at the
 * field, in Swedish, as the API refuses it.
 */
function transitionFor(fields: z.infer<typeof answerFields>): TransitionInput {
  return parseForService(transitionBody, bodyFor(fields), (path) => FORM_FIELDS[String(path[0])]);
}

/**
 * An answer that came outside the system (on paper, by e-mail): recorded with the day it arrived,
 * through the same ResponsesService transitions as the API; a received svar then gets its document
 * (scan or file) through the same upload as POST /api/responses/:id/attachments.
 */
export function registerExternalAnswerPages(pages: Pages, dataSource: DataSource, config: Config): void {
  const overview = new BoardOverview(dataSource);
  const responses = new ResponsesService(dataSource);
  const attachments = new AttachmentsService(dataSource, createFileStore(config));
  const spoolDir = uploadSpoolDir(config);

  const answerPage = async ({ params, context }: PageInput, state: FormState) => {
    const { consultation, row } = await overview.row(consultationIdFrom(params.id), consultationIdFrom(params.recipientId), context);
    return {
      view: 'recipients/external-answer',
      title: `Registrera svar – ${row.organisation.name}`,
      breadcrumbs: [...crumbsFor(consultation), { href: `/remisser/${consultation.id}/svar`, text: 'Svarsläge' }],
      data: {
        consultation,
        row,
        errors: state.errors,
        values: state.values ?? {},
        kindOptions: [
          { value: 'svar', text: 'Svar (på papper eller med e-post)' },
          { value: 'avstar', text: 'Avstår från att svara' },
          { value: 'inga_synpunkter', text: 'Inga synpunkter' },
        ],
        stanceOptions: STANCE_OPTIONS,
      },
    };
  };

  pages.form({
    path: '/remisser/:id/svar/:recipientId/registrera',
    access: MANAGERS,
    fields: answerFields,
    show: answerPage,
    async save({ params, context }, fields) {
      const id = consultationIdFrom(params.id);
      const recipientId = consultationIdFrom(params.recipientId);
      const { row } = await overview.row(id, recipientId, context);
      await responses.transition(row.responseId, transitionFor(fields), undefined, context);
      return fields.kind === 'svar' ? withNotice(`/remisser/${id}/svar/${recipientId}/svarsdokument`, 'svar-registrerat-fil') : withNotice(`/remisser/${id}/svar`, 'svar-registrerat');
    },
  });

  const uploadPage = async ({ params, context }: PageInput, errors: FormState['errors'], status?: number) => {
    const { consultation, row } = await overview.row(consultationIdFrom(params.id), consultationIdFrom(params.recipientId), context);
    return {
      view: 'recipients/answer-document',
      title: `Bifoga svarsdokument – ${row.organisation.name}`,
      breadcrumbs: [...crumbsFor(consultation), { href: `/remisser/${consultation.id}/svar`, text: 'Svarsläge' }],
      data: { consultation, row, errors, values: {} },
      status,
    };
  };

  pages.get('/remisser/:id/svar/:recipientId/svarsdokument', MANAGERS, (input) => uploadPage(input, []));
  pages.post('/remisser/:id/svar/:recipientId/svarsdokument', MANAGERS, async (input) => {
    const id = consultationIdFrom(input.params.id);
    const { row } = await overview.row(id, consultationIdFrom(input.params.recipientId), input.context);
    try {
      await storeResponseFile(dataSource, attachments, row.responseId, { ...input.context, log: input.req.log }, () =>
        receiveUpload(input.req, input.res, { file: 'file', fields: uploadFields, maxBytes: config.attachmentMaxBytes }, spoolDir),
      );
    } catch (error) {
      if (!(error instanceof HttpProblem) || error.status >= 500 || error.status === 404 || error.status === 403) throw error;
      return uploadPage(input, formErrorsFrom(error).map((e) => ({ field: 'file', message: e.message })), error.status === 409 ? 409 : 400);
    }
    return { redirect: withNotice(`/remisser/${id}/svar`, 'svarsdokument-bifogat') };
  });
}
