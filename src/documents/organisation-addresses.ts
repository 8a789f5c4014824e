import { ORGANISATION_REGISTER } from '../organisations/organisation-register';

/**
 * Footer lines of a förvaltning's documents: postal and visiting address, switchboard, web. The
 * addresses live in the organisation register (RegisterEntry.address, each with its public source),
 * keyed by register key. An organisation without one gets the city's general footer, which is
 * always correct if less specific: an address is never invented.
 */
export interface FooterAddress {
  postal: string;
  visiting: string | null;
  phone: string;
  web: string;
}

const CITY_DEFAULT: FooterAddress = {
  postal: '105 35 Stockholm',
  visiting: null,
  phone: 'Växel 08-508 000 00',
  web: 'stockholm.se',
};

const ADDRESSES: Record<string, FooterAddress> = Object.fromEntries(
  ORGANISATION_REGISTER.flatMap(({ key, address }) => (address ? [[key, { postal: address.postal, visiting: address.visiting, phone: address.phone, web: 'stockholm.se' }]] : [])),
);

/** The footer address of an organisation, or the city's general one. */
export function footerAddressFor(registerKey: string | null): FooterAddress {
  return (registerKey && ADDRESSES[registerKey]) || CITY_DEFAULT;
}

/** "Box 44, 101 20 Stockholm · Besöksadress Swedenborgsgatan 20 · Växel … · stockholm.se" */
export function footerLine(address: FooterAddress): string {
  return [address.postal, address.visiting ? `Besöksadress ${address.visiting}` : null, address.phone, address.web].filter(Boolean).join('  ·  ');
}

/** The address the register gives an organisation, or undefined when it gives none (the register page says so rather than show the city's). */
export function registerAddressOf(registerKey: string | null): FooterAddress | undefined {
  return registerKey ? ADDRESSES[registerKey] : undefined;
}
