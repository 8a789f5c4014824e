import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { idParam } from './consultation-page-params';
import { sendAttachment } from '../attachments/attachment-download';
import { uploadFields } from '../attachments/attachments.schemas';
import { AttachmentsService } from '../attachments/attachments.service';
import type { Config } from '../config';
import { receiveUpload } from '../http/multipart-upload';
import { createFileStore, uploadSpoolDir } from '../storage/create-file-store';
import { isCorrectableUpload, uploadErrors } from '../web/upload-errors';
import { withNotice } from '../web/notices';
import type { Pages } from '../web/pages';
import { consultationPage } from './consultation.pages';
import { ConsultationOverviewService } from './consultation-overview';

const MANAGERS = ['registrator', 'admin'] as const;

/** Remisshandlingar: upload (plain file input, multipart), download, delete while the remiss is a draft. */
export function registerConsultationAttachmentPages(pages: Pages, { dataSource, config }: { dataSource: DataSource; config: Config }): void {
  const attachments = new AttachmentsService(dataSource, createFileStore(config));
  const overviews = new ConsultationOverviewService(dataSource);
  const upload = { file: 'file', fields: uploadFields, maxBytes: config.attachmentMaxBytes };
  const spoolDir = uploadSpoolDir(config);

  pages.post('/remisser/:id/handlingar', MANAGERS, async (input) => {
    const { req, res, params, context } = input;
    try {
      await attachments.upload(idParam(params), { ...context, log: req.log }, () => receiveUpload(req, res, upload, spoolDir));
    } catch (error) {
      if (!isCorrectableUpload(error)) throw error;
      return consultationPage(overviews, input, uploadErrors(error), { description: typeof req.body?.description === 'string' ? req.body.description : '' });
    }
    return { redirect: withNotice(`/remisser/${idParam(params)}`, 'handling-uppladdad') };
  });

  pages.get('/remisser/:id/handlingar/:attachmentId', 'user', async ({ req, res, params, context }) => {
    const { attachment, content } = await attachments.open(idParam(params), idParam(params, 'attachmentId'), context);
    await sendAttachment(req, res, attachment, content);
    return { redirect: '' }; // answered already: the file itself
  });

  pages.form({
    path: '/remisser/:id/handlingar/:attachmentId/ta-bort',
    access: MANAGERS,
    fields: z.object({}),
    async show({ params, context }, state) {
      const attachment = await attachments.get(idParam(params), idParam(params, 'attachmentId'), context);
      const href = `/remisser/${idParam(params)}`;
      return {
        view: 'consultations/confirm-delete-attachment',
        title: `Ta bort ${attachment.fileName}`,
        breadcrumbs: [{ href: '/', text: 'Start' }, { href: '/remisser', text: 'Remisser' }, { href, text: 'Remissen' }, { text: 'Ta bort remisshandling' }],
        data: { attachment, href, errors: state.errors },
      };
    },
    async save({ req, params, context }) {
      await attachments.remove(idParam(params), idParam(params, 'attachmentId'), { ...context, log: req.log });
      return withNotice(`/remisser/${idParam(params)}`, 'handling-borttagen');
    },
  });
}
