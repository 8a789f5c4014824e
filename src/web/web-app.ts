import type { ErrorRequestHandler, RequestHandler, Router } from 'express';
import type { DataSource } from 'typeorm';
import { registerAccessibilityPages } from '../accessibility/accessibility.pages';
import { registerConsultationPages } from '../consultations/consultations.pages';
import { registerDistributionListPages } from '../distribution-lists/distribution-lists.pages';
import { registerOrganisationPages } from '../organisations/organisations.pages';
import { registerDeadlinePages } from '../deadlines/deadlines.pages';
import { registerStatementHeaderPages } from '../statements/statement-header.pages';
import { registerStatementPages } from '../statements/statement.pages';
import { registerSectionPages } from '../statements/section.pages';
import { registerRevisionPages } from '../statements/revision.pages';
import { registerCorrectionPages } from '../statements/correction.pages';
import { registerImportPages } from '../imports/import.pages';
import { registerExternalAnswerPages } from '../recipients/external-answer.pages';
import { registerRecipientPages } from '../recipients/recipients.pages';
import { registerSendPages } from '../recipients/send.pages';
import { registerStatusBoardPages } from '../recipients/status-board.pages';
import { registerAnswerPages } from '../responses/answer.pages';
import { registerWorkflowPages } from '../responses/workflow.pages';
import { registerCompilationPages } from '../compilation/compilation.pages';
import { registerCoordinationPages } from '../coordination/coordination.pages';
import { registerReviewCommentPages } from '../review-comments/review-comment.pages';
import { registerToAnswerPages } from '../responses/to-answer.pages';
import { registerSearchPages } from '../search/search.pages';
import { registerAnswerHistoryPages } from '../coordination/answer-history.pages';
import type { AuthService } from '../auth/auth.service';
import type { SessionCache } from '../auth/session-cache';
import { registerAuditPages } from '../audit/audit.pages';
import { registerSectionCataloguePages } from '../section-catalogue/section-catalogue.pages';
import { registerUserPages } from '../users/users.pages';
import type { Config } from '../config';
import { Assets } from './assets';
import { pageErrorHandler, pageNotFound } from './error-pages';
import { FormResume } from './form-resume';
import { PageRenderer } from './page-renderer';
import { Pages } from './pages';
import { registerSessionPages } from './session-pages';
import { registerStartPage } from './start-page';
import { Views } from './views';

export interface WebDependencies {
  config: Config;
  dataSource: DataSource;
  auth: AuthService;
  /** So a page that deactivates a user ends their cached sessions in this process at once, as the API does. */
  sessionCache: SessionCache;
}

export interface Web {
  assets: Assets;
  /** /assets/…: the hashed CSS and JavaScript. */
  assetHandler: RequestHandler;
  router: Router;
  routes: Pages['routes'];
  notFound: RequestHandler;
  errorHandler: ErrorRequestHandler;
}

/**
 * The web UI (DESIGN.md §9): server-rendered Swedish pages over the same services as the API.
 * Each feature adds its pages here; createApp mounts the result after the API.
 */
export function createWeb(deps: WebDependencies): Web {
  const assets = new Assets(deps.config.nodeEnv === 'production');
  const renderer = new PageRenderer(new Views(), assets, deps.dataSource, deps.config.cookieSecure);
  const pages = new Pages(renderer, new FormResume(deps.dataSource, deps.auth));

  registerSessionPages(pages, deps);
  registerStartPage(pages, deps.dataSource);
  registerConsultationPages(pages, deps);
  registerAccessibilityPages(pages, deps.dataSource);
  registerDistributionListPages(pages, deps.dataSource);
  registerOrganisationPages(pages, deps.dataSource);
  registerRecipientPages(pages, deps.dataSource);
  registerSendPages(pages, deps.dataSource);
  registerStatusBoardPages(pages, deps.dataSource);
  registerExternalAnswerPages(pages, deps.dataSource, deps.config);
  registerDeadlinePages(pages, deps.dataSource);
  registerToAnswerPages(pages, deps.dataSource);
  registerAnswerPages(pages, deps.dataSource);
  registerWorkflowPages(pages, { dataSource: deps.dataSource, config: deps.config });
  registerReviewCommentPages(pages, deps.dataSource);
  registerCorrectionPages(pages, deps.dataSource);
  registerImportPages(pages, { dataSource: deps.dataSource, config: deps.config });
  registerCoordinationPages(pages, deps.dataSource);
  registerCompilationPages(pages, deps.dataSource);
  registerStatementPages(pages, deps);
  registerStatementHeaderPages(pages, deps.dataSource);
  registerSectionPages(pages, deps.dataSource);
  registerRevisionPages(pages, deps.dataSource);
  registerUserPages(pages, deps.dataSource, deps.sessionCache);
  registerSectionCataloguePages(pages, deps.dataSource);
  registerAuditPages(pages, deps.dataSource);
  registerSearchPages(pages, deps.dataSource);
  registerAnswerHistoryPages(pages, deps.dataSource);

  return { assets, assetHandler: assets.handler(), router: pages.router, routes: pages.routes, notFound: pageNotFound(renderer), errorHandler: pageErrorHandler(renderer) };
}
