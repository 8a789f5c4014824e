import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { sectionHref } from '../statements/statement-page-data';
import { sectionPage } from '../statements/section.pages';
import { StatementsService } from '../statements/statements.service';
import { pageId } from '../web/etag-field';
import { FormRejection } from '../web/form-errors';
import { registerNotices, withNotice } from '../web/notices';
import type { Pages } from '../web/pages';
import { ReviewCommentsService } from './review-comments.service';

const WRITERS = ['handlaggare', 'attestant'] as const;
const TEXT_MAX = 4000;

registerNotices({
  'kommentar-sparad': 'Kommentaren är sparad.',
  'kommentar-besvarad': 'Ditt svar på kommentaren är sparat.',
  'kommentar-lost': 'Kommentaren är markerad som löst.',
  'kommentar-oppnad': 'Kommentaren är öppen igen.',
});

const commentId = (params: Record<string, string>) => pageId({ id: params.commentId }, 'The comment');

/**
 * Review comments beside a section (the section page shows them): a reviewer comments while the
 * answer is in review, optionally quoting the words meant; the handläggare answers or marks a
 * comment resolved once it comes back. The same ReviewCommentsService as the API; a refused
 * comment shows the section page again with the message at the field and the text kept.
 */
export function registerReviewCommentPages(pages: Pages, dataSource: DataSource): void {
  const comments = new ReviewCommentsService(dataSource);
  const show = sectionPage(new StatementsService(dataSource), comments);
  const back = (id: string, key: string, notice: string) => `${withNotice(sectionHref(id, key), notice)}#kommentarer`;

  pages.form({
    path: '/svar/:id/utlatande/avsnitt/:key/kommentarer',
    access: WRITERS,
    fields: z.object({
      commentForm: z.literal('ny'),
      text: z.string().trim().min(1, 'Skriv kommentaren.').max(TEXT_MAX, 'Kommentaren får vara högst 4 000 tecken.'),
      quote: z.string().trim().max(1000, 'Citatet får vara högst 1 000 tecken.').optional(),
    }),
    show,
    async save({ params, context }, fields) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      await comments.add(id, { sectionKey: params.key, text: fields.text, quote: fields.quote || null }, context);
      return back(id, params.key, 'kommentar-sparad');
    },
  });

  pages.form({
    path: '/svar/:id/utlatande/avsnitt/:key/kommentarer/:commentId/svar',
    access: WRITERS,
    // Each thread has its own answer field (svar-<comment id>): its errors are said there, and the text is kept (review-comments.hbs).
    fields: z.object({ commentForm: z.literal('svar'), replyTo: z.string(), reply: z.string().trim() }),
    show,
    async save({ params, context }, fields) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      if (!fields.reply) throw new FormRejection([{ field: `svar-${fields.replyTo}`, message: 'Skriv ditt svar på kommentaren.' }]);
      if (fields.reply.length > TEXT_MAX) throw new FormRejection([{ field: `svar-${fields.replyTo}`, message: 'Svaret får vara högst 4 000 tecken.' }]);
      await comments.reply(id, commentId(params), fields.reply, context);
      return back(id, params.key, 'kommentar-besvarad');
    },
  });

  pages.form({
    path: '/svar/:id/utlatande/avsnitt/:key/kommentarer/:commentId/lost',
    access: WRITERS,
    fields: z.object({ commentForm: z.literal('lost'), lost: z.enum(['ja', 'nej']) }),
    show,
    async save({ params, context }, fields) {
      const id = pageId(params, 'Tjänsteutlåtandet');
      await comments.resolve(id, commentId(params), fields.lost === 'ja', context);
      return back(id, params.key, fields.lost === 'ja' ? 'kommentar-lost' : 'kommentar-oppnad');
    },
  });
}
