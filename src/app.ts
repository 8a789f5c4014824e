import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { registerAttachmentRoutes } from './attachments/attachments.routes';
import { registerAuditRoutes } from './audit/audit.routes';
import { registerAuthRoutes } from './auth/auth.routes';
import { AuthService } from './auth/auth.service';
import { authenticate } from './auth/authenticate';
import { SessionCache } from './auth/session-cache';
import type { Config } from './config';
import { registerDeadlineRoutes } from './deadlines/deadlines.routes';
import { registerDeliveryRoutes } from './deliveries/deliveries.routes';
import { DeliveryNotifier } from './deliveries/delivery-queue';
import type { DocumentRenderer } from './documents/document-renderer';
import { registerDistributionListRoutes } from './distribution-lists/distribution-lists.routes';
import { registerDocs } from './docs/docs.routes';
import { registerDocumentTemplateRoutes } from './documents/document-templates.routes';
import { registerDocumentRoutes } from './documents/documents.routes';
import { registerHealthRoutes } from './health/health.routes';
import { noStoreByDefault } from './http/cache-control';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { requestLogger } from './http/logging';
import { bodyTimeout } from './http/request-timeouts';
import { Api } from './http/route';
import { registerCompilationPdfRoute, registerCompilationRoutes } from './compilation/compilation.routes';
import { registerConsultationRoutes } from './consultations/consultations.routes';
import { registerCoordinationRoutes } from './coordination/coordination.routes';
import { registerOrganisationRoutes } from './organisations/organisations.routes';
import { registerRecipientRoutes } from './recipients/recipients.routes';
import { registerReminderRoutes } from './reminders/reminders.routes';
import { registerResponseAttachmentRoutes } from './responses/response-attachments.routes';
import { registerImportRoutes } from './imports/imports.routes';
import { closeImportWorkers } from './imports/import-threads';
import { registerProtokollsutdragRoutes } from './responses/protokollsutdrag.routes';
import { registerResponseRoutes } from './responses/responses.routes';
import { registerReviewCommentRoutes } from './review-comments/review-comments.routes';
import { registerNotificationRoutes } from './notifications/notifications.routes';
import { registerSearchRoutes } from './search/search.routes';
import { registerSectionTemplateRoutes } from './section-catalogue/section-templates.routes';
import { registerStatementRoutes } from './statements/statements.routes';
import { registerUserRoutes } from './users/users.routes';
import { originCheck } from './web/csrf';
import { createWeb, type Web } from './web/web-app';

export interface AppDependencies {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
}

export interface App {
  app: Express;
  /** Every route with its declared policy: the authorisation tests walk this. */
  api: Api;
  /** Every web page route with its declared access (src/web/pages.ts). */
  pageRoutes: Web['routes'];
  /** The PDF worker pool and templates in effect, for background jobs too (the remissbrev e-mails). */
  renderer: DocumentRenderer;
  /** Told when this app queued remissbrev e-mails, so the delivery worker sends them at once. */
  deliveries: DeliveryNotifier;
  /** Stops background resources the routes hold (the PDF worker threads). */
  close(): Promise<void>;
}

/**
 * Helmet's headers with a Content Security Policy without 'unsafe-inline': the pages load only the
 * app's own hashed CSS and JavaScript. Swagger UI (/docs) sets inline styles, so it keeps helmet's
 * default policy. No upgrade-insecure-requests: the demo runs on plain http, and TLS is the
 * proxy's job in production.
 */
function securityHeaders(): express.RequestHandler {
  const strict = helmet({
    // Not helmet's no-referrer: with it, browsers send "Origin: null" on our own forms, and the
    // Origin check (src/web/csrf.ts) could not tell them from another site's.
    referrerPolicy: { policy: 'same-origin' },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  const docs = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  return (req, res, next) => (req.path === '/docs' || req.path.startsWith('/docs/') ? docs : strict)(req, res, next);
}

/** Builds the Express application; listening and shutdown belong to server.ts. */
export function createApp({ config, dataSource, logger }: AppDependencies): App {
  const app = express();
  const api = new Api({ jsonBodyLimit: config.jsonBodyLimit });
  const sessionCache = new SessionCache(config.sessionCacheSeconds * 1000);
  const auth = new AuthService(dataSource, config.sessionTtlMinutes, sessionCache);
  const deliveries = new DeliveryNotifier();

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false); // ETags here mean row versions (If-Match), not response hashes.
  app.use(requestLogger(logger));
  app.use(bodyTimeout(config.requestTimeouts));
  app.use(securityHeaders());
  app.use('/api', noStoreByDefault());
  app.use(authenticate(auth));
  app.use(originCheck(config.publicUrl ? new URL(config.publicUrl).origin : undefined));
  const web = createWeb({ config, dataSource, auth, sessionCache });
  app.use('/assets', web.assetHandler);

  registerHealthRoutes(api, dataSource);
  registerAuthRoutes(api, { auth, config, dataSource });
  registerUserRoutes(api, dataSource, sessionCache);
  registerOrganisationRoutes(api, dataSource);
  registerDistributionListRoutes(api, dataSource);
  registerConsultationRoutes(api, dataSource, deliveries);
  registerRecipientRoutes(api, dataSource, deliveries);
  registerDeadlineRoutes(api, dataSource);
  registerCompilationRoutes(api, dataSource);
  registerCoordinationRoutes(api, dataSource);
  registerSearchRoutes(api, dataSource);
  registerResponseRoutes(api, dataSource);
  registerStatementRoutes(api, dataSource);
  registerResponseAttachmentRoutes(api, { dataSource, config });
  registerImportRoutes(api, { dataSource, config });
  registerProtokollsutdragRoutes(api, { dataSource, config });
  registerReviewCommentRoutes(api, dataSource);
  registerNotificationRoutes(api, dataSource);
  const documents = registerDocumentRoutes(api, { dataSource, config });
  registerDocumentTemplateRoutes(api, { renderer: documents.renderer });
  registerCompilationPdfRoute(api, { dataSource, renderer: documents.renderer });
  registerSectionTemplateRoutes(api, dataSource);
  registerAuditRoutes(api, dataSource);
  registerAttachmentRoutes(api, { dataSource, config });
  registerReminderRoutes(api, { dataSource });
  registerDeliveryRoutes(api, { dataSource, renderer: documents.renderer, notifier: deliveries });
  registerDocs(app, api);

  app.use(api.router);
  app.use(web.router);
  app.use(web.notFound);
  app.use(notFoundHandler());
  app.use(web.errorHandler);
  app.use(errorHandler());
  return { app, api, pageRoutes: web.routes, renderer: documents.renderer, deliveries, close: async () => void (await Promise.all([documents.close(), closeImportWorkers()])) };
}
