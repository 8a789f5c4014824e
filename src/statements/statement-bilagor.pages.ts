import { z } from 'zod';
import { sendAttachment } from '../attachments/attachment-download';
import { uploadFields } from '../attachments/attachments.schemas';
import type { Config } from '../config';
import { receiveUpload } from '../http/multipart-upload';
import type { ResponseFilesService } from '../responses/response-files.service';
import { uploadSpoolDir } from '../storage/create-file-store';
import { pageId } from '../web/etag-field';
import { registerNotices, withNotice } from '../web/notices';
import type { FormState, PageInput, PageView, Pages } from '../web/pages';
import { swedishProblemMessage } from '../web/swedish-problems';
import { isCorrectableUpload, uploadErrors } from '../web/upload-errors';
import { bilagaHref, statementContext, statementCrumbs, statementHref } from './statement-page-data';
import type { StatementsService } from './statements.service';

/** Whose uploads on the statement page are bilagor: the answering organisation's own staff (the service checks the organisation). */
const UPLOADERS = ['handlaggare', 'attestant'] as const;
const REMOVERS = ['handlaggare', 'attestant', 'admin'] as const;

registerNotices({
  'bilaga-uppladdad': 'Bilagan är uppladdad.',
  'bilaga-borttagen': 'Bilagan är borttagen.',
});

interface Dependencies {
  files: ResponseFilesService;
  statements: StatementsService;
  config: Pick<Config, 'storageDir' | 'attachmentMaxBytes'>;
  /** The statement page, which holds the upload form and shows a refused upload's errors. */
  showStatement: (input: PageInput, state: FormState) => Promise<PageView>;
}

const attachmentIdOf = (params: Record<string, string>) => pageId({ id: params.attachmentId }, 'Bilagan');

/**
 * The statement's bilagor: upload (a plain file input posted as multipart, so it works without
 * JavaScript), download, and remove one uploaded by mistake after confirming, through the same
 * ResponseFilesService as /api/responses/:id/attachments.
 */
export function registerStatementBilagaPages(pages: Pages, { files, statements, config, showStatement }: Dependencies): void {
  const upload = { file: 'file', fields: uploadFields, maxBytes: config.attachmentMaxBytes };
  const spoolDir = uploadSpoolDir(config);

  pages.post('/svar/:id/bilagor', UPLOADERS, async (input) => {
    const { req, res, params, context } = input;
    const id = pageId(params, 'Tjänsteutlåtandet');
    try {
      await files.upload(id, { ...context, log: req.log }, () => receiveUpload(req, res, upload, spoolDir));
    } catch (error) {
      if (!isCorrectableUpload(error)) throw error;
      const description = typeof req.body?.description === 'string' ? req.body.description : '';
      return { ...(await showStatement(input, { errors: uploadErrors(error), values: { description } })), status: error.status === 409 ? 409 : 400 };
    }
    return { redirect: `${withNotice(statementHref(id), 'bilaga-uppladdad')}#bilagor` };
  });

  pages.get('/svar/:id/bilagor/:attachmentId', 'user', async ({ req, res, params, actor }) => {
    const { attachment, content } = await files.open(pageId(params, 'Bilagan'), attachmentIdOf(params), actor);
    await sendAttachment(req, res, attachment, content);
    return { redirect: '' }; // answered already: the file itself
  });

  pages.form({
    path: '/svar/:id/bilagor/:attachmentId/ta-bort',
    access: REMOVERS,
    fields: z.object({}),
    async show({ params, actor }, state) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      const view = await statements.forEditor(id, actor);
      const { attachment, refusal } = await files.removable(id, attachmentIdOf(params), actor);
      return {
        view: 'statements/confirm-remove-bilaga',
        title: `Ta bort bilagan ${attachment.fileName}`,
        breadcrumbs: statementCrumbs(view, { text: 'Ta bort bilaga' }),
        data: {
          ...statementContext(view),
          attachment,
          href: bilagaHref(id, attachment.id),
          backHref: `${statementHref(id)}#bilagor`,
          removable: !refusal,
          // After a refused POST the error summary says it already.
          refusal: refusal && !state.errors.length ? swedishProblemMessage(refusal) : null,
          errors: state.errors,
        },
      };
    },
    async save({ req, params, context }) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      await files.remove(id, attachmentIdOf(params), { ...context, log: req.log });
      return `${withNotice(statementHref(id), 'bilaga-borttagen')}#bilagor`;
    },
  });
}
