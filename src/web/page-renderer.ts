import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Actor } from '../authz/actor';
import type { Assets } from './assets';
import { csrfTokenFor } from './csrf';
import { navigationFor } from './navigation';
import { noticeText } from './notices';
import type { PageView } from './pages';
import type { Views } from './views';

const SERVICE = 'Remisser';
const CITY = 'Stockholms stad';

/** The organisation names in the header, asked of the database at most once a minute per organisation. */
class OrganisationNames {
  private readonly names = new Map<string, { name: string; until: number }>();
  constructor(private readonly dataSource: DataSource) {}

  async of(id: string): Promise<string> {
    const cached = this.names.get(id);
    if (cached && cached.until > Date.now()) return cached.name;
    const rows: Array<{ name: string }> = await this.dataSource.query('SELECT name FROM organisations WHERE id = $1', [id]);
    const name = rows[0]?.name ?? '';
    this.names.set(id, { name, until: Date.now() + 60_000 });
    return name;
  }
}

/** Puts a page's view into the layout: title, header with the user, navigation, CSRF token, assets. */
export class PageRenderer {
  private readonly organisations: OrganisationNames;

  constructor(
    private readonly views: Views,
    private readonly assets: Assets,
    dataSource: DataSource,
    private readonly secureCookies: boolean,
  ) {
    this.organisations = new OrganisationNames(dataSource);
  }

  async send(req: Request, res: Response, view: PageView): Promise<void> {
    const actor = req.actor;
    const data = {
      ...view.data,
      layout: {
        documentTitle: `${view.title} – ${SERVICE} – ${CITY}`,
        title: view.title,
        css: this.assets.url('app.css'),
        js: this.assets.url('app.js'),
        extraCss: (view.assets ?? []).filter((name) => name.endsWith('.css')).map((name) => this.assets.url(name)),
        extraJs: (view.assets ?? []).filter((name) => name.endsWith('.js')).map((name) => this.assets.url(name)),
        // An error page (a missing favicon, say) must not replace the login form's anonymous key.
        csrfToken: csrfTokenFor(req, res, this.secureCookies, (view.status ?? 200) < 400 || !!view.data?.errors),
        user: actor ? await this.user(actor) : undefined,
        navigation: actor ? navigationFor(actor, req.path) : [],
        breadcrumbs: view.breadcrumbs,
        notice: noticeText(req.query.klart),
        currentPath: req.originalUrl,
      },
    };
    res.status(view.status ?? 200);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    // Pages carry personal data and CSRF tokens: never kept by a shared cache or the back button's disk.
    res.setHeader('Cache-Control', 'no-store');
    res.send(this.views.render(view.view, data));
  }

  private async user(actor: Actor) {
    return {
      name: actor.name,
      // Without the database (the 503 page) the header goes without the organisation's name.
      organisation: await this.organisations.of(actor.organisationId).catch(() => ''),
      sessionExpiresAt: actor.sessionExpiresAt?.toISOString(),
    };
  }
}
