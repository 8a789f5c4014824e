import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { isDatabaseUnavailable } from '../http/database-errors';
import { HttpProblem } from '../http/problem';
import type { PageRenderer } from './page-renderer';

/** Requests the pages answer (everything but the API, its documentation and the health check). */
export function isPageRequest(req: Request): boolean {
  return !/^\/(api|docs|openapi\.json|health|ready)(\/|$)/.test(req.path);
}

interface ErrorPage {
  status: number;
  title: string;
  paragraphs: string[];
}

const PAGES: Record<number, ErrorPage> = {
  400: { status: 400, title: 'Sidan kunde inte visas', paragraphs: ['Adressen innehåller något som inte går att använda. Kontrollera länken eller gå tillbaka och försök igen.'] },
  403: { status: 403, title: 'Du har inte behörighet', paragraphs: ['Din roll ger inte tillgång till den här sidan eller åtgärden. Kontakta din registrator eller administratör om du behöver tillgång.'] },
  404: { status: 404, title: 'Sidan finns inte', paragraphs: ['Kontrollera att adressen är rätt. Det du söker kan ha tagits bort, eller så saknar du behörighet att se det.'] },
  503: { status: 503, title: 'Tjänsten är tillfälligt otillgänglig', paragraphs: ['Vi kan inte nå våra uppgifter just nu. Inget du har sparat är förlorat.', 'Vänta en liten stund och ladda om sidan.'] },
  500: { status: 500, title: 'Något gick fel', paragraphs: ['Ett fel uppstod hos oss. Det du har sparat tidigare är inte påverkat.', 'Försök igen om en stund.'] },
};

function pageFor(error: unknown): ErrorPage {
  if (isDatabaseUnavailable(error)) return PAGES[503];
  if (error instanceof HttpProblem) {
    if (error.status === 503) return PAGES[503];
    if (error.status === 403 || error.status === 404) return PAGES[error.status];
    if (error.status >= 400 && error.status < 500) return { ...PAGES[400], status: error.status };
  }
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return { ...PAGES[400], status };
  return PAGES[500];
}

/** The Swedish 404 page for a path nobody answered (the API keeps its problem+json). */
export function pageNotFound(renderer: PageRenderer): RequestHandler {
  return (req, res, next) => {
    if (!isPageRequest(req)) return next();
    void renderer.send(req, res, { view: 'web/error', title: PAGES[404].title, status: 404, data: { error: { heading: PAGES[404].title, paragraphs: PAGES[404].paragraphs } } }).catch(next);
  };
}

/**
 * Errors on pages: the same layout, in Swedish, nothing internal shown (a 500 gives only the request
 * id to quote); a lost database is a calm 503 page. 401 sends the user to the login page.
 */
export function pageErrorHandler(renderer: PageRenderer): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!isPageRequest(req) || res.headersSent) return next(error);
    if (error instanceof HttpProblem && error.status === 401) return res.redirect(303, `/logga-in?till=${encodeURIComponent(req.originalUrl)}`);
    const page = pageFor(error);
    if (page.status >= 500) req.log[page.status === 503 ? 'warn' : 'error']({ err: error }, 'page failed');
    if (page.status === 503) res.setHeader('Retry-After', '5');
    const requestId = page.status === 500 ? String(req.id) : undefined;
    renderer
      .send(req, res, { view: 'web/error', title: page.title, status: page.status, data: { error: { heading: page.title, paragraphs: page.paragraphs, requestId } } })
      .catch((renderError: unknown) => {
        // The layout itself failed (the header asks the database): a plain page, still Swedish.
        req.log.error({ err: renderError }, 'error page failed');
        if (!res.headersSent) res.status(page.status).type('html').send(`<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>${page.title} – Remisser – Stockholms stad</title></head><body><main><h1>${page.title}</h1><p>${page.paragraphs.join(' ')}</p>${requestId ? `<p>Referens: ${requestId}</p>` : ''}</main></body></html>`);
      });
  };
}
