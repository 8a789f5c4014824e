/**
 * Footer lines of a förvaltning's documents: postal and visiting address, switchboard, web. The
 * register has no addresses (they are letterhead data, not organisation data), so they live here,
 * keyed by the organisation register key. An organisation without an entry gets the city's
 * general footer, which is always correct if less specific.
 *
 * Entries must be checked against the förvaltning's own letterhead before production use: they
 * are printed on official documents.
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

const ADDRESSES: Record<string, FooterAddress> = {
  stadsledningskontoret: { postal: 'Stadshuset, 105 35 Stockholm', visiting: 'Ragnar Östbergs plan 1', phone: 'Växel 08-508 000 00', web: 'stockholm.se' },
  socialforvaltningen: { postal: 'Box 44, 101 20 Stockholm', visiting: 'Swedenborgsgatan 20', phone: 'Växel 08-508 25 000', web: 'stockholm.se' },
  'sdf-ostermalm': { postal: 'Box 24156, 104 51 Stockholm', visiting: 'Karlavägen 104', phone: 'Växel 08-508 09 000', web: 'stockholm.se' },
};

/** The footer address of an organisation, or the city's general one. */
export function footerAddressFor(registerKey: string | null): FooterAddress {
  return (registerKey && ADDRESSES[registerKey]) || CITY_DEFAULT;
}

/** "Box 44, 101 20 Stockholm · Besöksadress Swedenborgsgatan 20 · Växel … · stockholm.se" */
export function footerLine(address: FooterAddress): string {
  return [address.postal, address.visiting ? `Besöksadress ${address.visiting}` : null, address.phone, address.web].filter(Boolean).join('  ·  ');
}
