import type { Actor } from '../authz/actor';
import type { Pages } from './pages';

/** Where each role starts; the screens of parts 2–4 add their own start pages by role. */
function linksFor(actor: Actor): Array<{ href: string; text: string }> {
  const links = [{ href: '/remisser', text: 'Remisser' }];
  if (actor.roles.some((role) => role === 'registrator' || role === 'admin')) {
    links.push({ href: '/remisser/ny', text: 'Registrera remiss' }, { href: '/bevakning', text: 'Bevakning' }, { href: '/sandlistor', text: 'Sändlistor' }, { href: '/organisationer', text: 'Organisationer' });
  }
  links.push({ href: '/mitt-konto', text: 'Mitt konto' });
  return links;
}

export function registerStartPage(pages: Pages): void {
  pages.get('/', 'user', async ({ actor }) => ({ view: 'web/start', title: 'Start', data: { links: linksFor(actor) } }));
}
