/**
 * The editing format in short, for the editor page to show beside the textarea (a Handlebars
 * `{{#each}}` over it: title, what to type in a <pre>, what it becomes). docs/redigeringsformat.md
 * says the same at more length; the tests check that every example reads as described.
 */
export interface MarkupHelpEntry {
  title: string;
  example: string;
  explanation: string;
}

export const MARKUP_HELP: readonly MarkupHelpEntry[] = [
  { title: 'Stycke', example: 'Första stycket.\n\nAndra stycket.', explanation: 'En tom rad mellan två stycken. En enkel radbrytning stannar i samma stycke.' },
  { title: 'Rubrik', example: '## Bakgrund', explanation: 'Två # och ett mellanslag först på raden. Rubriken är en rad vanlig text.' },
  { title: 'Punktlista', example: '- Första punkten\n- Andra punkten', explanation: 'Ett - och ett mellanslag först på raden. En tom rad avslutar listan.' },
  { title: 'Numrerad lista', example: '1. Första steget\n2. Andra steget', explanation: 'En siffra, en punkt och ett mellanslag. Numren räknas om i ordning.' },
  {
    title: 'Underpunkter',
    example: '- Huvudpunkt\n  - Underpunkt\n  - Underpunkt',
    explanation: 'Två mellanslag in under en punkt. En nivå av underpunkter, alla av samma slag.',
  },
  { title: 'Fet och kursiv', example: 'Det är **viktigt** och *bråttom*, ***båda***.', explanation: 'Två stjärnor för fet stil, en för kursiv, tre för båda.' },
  { title: 'Fotnot', example: 'Enligt lagen^[SFS 2017:725.] ska nämnden yttra sig.', explanation: 'Fotnotens text inom ^[ och ] där fotnoten ska stå.' },
  {
    title: 'Tecken som text',
    example: '5 \\* 3 och \\^[ och \\\\',
    explanation: 'Ett \\ före ett tecken gör det till vanlig text, till exempel \\* \\^[ \\] \\\\ eller \\- \\# först på en rad.',
  },
];
