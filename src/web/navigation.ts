import type { Actor } from '../authz/actor';
import type { Role } from '../authz/roles';

interface NavItem {
  href: string;
  label: string;
  roles: readonly Role[];
}

/** The main navigation, by role: each user sees the screens of their job and nothing that would answer 403. */
const ITEMS: NavItem[] = [
  { href: '/', label: 'Start', roles: ['admin', 'registrator', 'handlaggare', 'attestant', 'coordinator', 'reader'] },
  { href: '/att-besvara', label: 'Att besvara', roles: ['handlaggare', 'attestant'] },
  { href: '/att-attestera', label: 'Att attestera', roles: ['attestant'] },
  { href: '/samordning', label: 'Samordning', roles: ['coordinator'] },
  { href: '/remisser', label: 'Remisser', roles: ['admin', 'registrator', 'handlaggare', 'attestant', 'coordinator', 'reader'] },
  { href: '/sok', label: 'Sök', roles: ['admin', 'registrator', 'handlaggare', 'attestant', 'coordinator', 'reader'] },
  { href: '/bevakning', label: 'Bevakning', roles: ['admin', 'registrator'] },
  { href: '/sandlistor', label: 'Sändlistor', roles: ['admin', 'registrator'] },
  { href: '/organisationer', label: 'Organisationer', roles: ['admin', 'registrator'] },
  { href: '/anvandare', label: 'Användare', roles: ['admin'] },
  { href: '/avsnittskatalog', label: 'Avsnittskatalogen', roles: ['admin'] },
  { href: '/granskningslogg', label: 'Granskningslogg', roles: ['admin'] },
];

export function navigationFor(actor: Actor, currentPath: string): Array<{ href: string; label: string; current: boolean }> {
  const current = ITEMS.filter((item) => item.href !== '/' && (currentPath === item.href || currentPath.startsWith(`${item.href}/`)))[0]?.href ?? (currentPath === '/' ? '/' : undefined);
  return ITEMS.filter((item) => item.roles.some((role) => actor.roles.includes(role))).map((item) => ({ href: item.href, label: item.label, current: item.href === current }));
}
