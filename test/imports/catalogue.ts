/** The standard catalogue as templates/sections/catalogue.json seeds it: the headings an import maps to. */
export const CATALOGUE = [
  { key: 'forslag-till-beslut', heading: 'Förslag till beslut' },
  { key: 'sammanfattning', heading: 'Sammanfattning' },
  { key: 'bakgrund', heading: 'Bakgrund' },
  { key: 'arendets-beredning', heading: 'Ärendets beredning' },
  { key: 'arendet', heading: 'Ärendet' },
  { key: 'jamstalldhetsanalys', heading: 'Jämställdhetsanalys' },
  { key: 'barnrattsperspektiv', heading: 'Barnrättsperspektiv' },
  { key: 'forvaltningens-synpunkter', heading: 'Förvaltningens synpunkter och förslag' },
];
