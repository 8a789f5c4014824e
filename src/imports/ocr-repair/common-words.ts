/**
 * How common a Swedish word is, coarsely: the prior that decides between a damaged form that is
 * itself a word ("for", "pa", "stod") and its repair ("för", "på", "stöd") when the document
 * gives no evidence either way.
 *
 * No well-kept Swedish frequency list is published on npm, so this is a short hand-made list in
 * three bands, from general knowledge of Swedish running text and of the words municipal
 * statements use all the time. It only has to order the pairs OCR confuses; exact counts would
 * add nothing. A word not listed is "uncommon" (band 0), which makes the search keep what is
 * written unless the document itself shows the other spelling.
 */
const VERY_COMMON = `
och i att det som en på är av för med till den har de inte om ett men var sig från vi så kan man
när år också efter eller nu sin där vid mot ska skulle kommer ut får finns vara hade alla andra
mycket än här då sedan över bara in blir upp även vad två någon hur oss dem många mellan sina
utan bli kunna genom nya stora vill måste både inom samt enligt redan sätt göra gör får sitt
`;

const COMMON = `
går gå stå står få fått gått ställt ställa både båda hög höga högre lägre låg gäller gälla
gällande ökad ökat ökade öka ökar ökning stöd stödet stödja bör förslag förslaget förslagen mål
målet målen målgrupp behöver behov särskilt särskild särskilda nämnd nämnden nämnder förvaltning
förvaltningen förvaltningens åtgärd åtgärder möjlighet möjligheter möjligt viktigt viktig
viktiga större störst fråga frågan frågor frågorna tidigare nästa förra hela samma egen eget
egna där därför därmed därtill dessutom sådan sådana sådant varför vilka vilket vilken återkomma
åter också ändå läge lägga lagt lång långa längre länge än här hänvisar ansvar ansvara ansvarar
hålla håller höra hör köra kör köpa köp möta möter mötet räkna räknar säga säger såg sågs
väg vägen våg vägar län lån låna tänka tänker tänk lämna lämnar lämnat pågår pågående år åren
året årets års män män kvinnor barn unga äldre föräldrar förälder övergripande övrigt övriga
ärende ärendet ärenden beslut beslutet uppdrag uppdraget utifrån utgå utgår nå når lag lagen
vård vården råd rådet län länet väl bättre bäst behövs innebär innebära ändå förbättra förbättring
förbättringar förändring förändringar förändra säkerställa säkra ställning tillgång tillgänglig
årlig årliga årligen södra norra östra västra direktör direktören chef chefen rätt rätten
låta låter vända vänder lärare lärarna mäta mäter mätning mätningar
`;

/** Ordinary words that OCR damage also produces ("for" is also "went", "stod" also "stood"). */
const SOMEWHAT_COMMON = `
bor mal stod far for tal rad sak las val
`;

const bands = new Map<string, number>();
for (const [text, band] of [
  [SOMEWHAT_COMMON, 1],
  [COMMON, 2],
  [VERY_COMMON, 3],
] as const) {
  for (const word of text.split(/\s+/)) if (word) bands.set(word, Math.max(bands.get(word) ?? 0, band));
}

/**
 * The very common words are listed roughly by frequency; the first ones ("och", "i", "att",
 * "för") are far more frequent than the last ("får", "sitt"), which decides "fdr" (för or får).
 */
const veryCommonRank = new Map(
  VERY_COMMON.split(/\s+/)
    .filter(Boolean)
    .map((word, rank, all) => [word, rank / all.length] as const),
);

/** 0 … 4.5: 3–4.5 very common (by rank), 2 common, 1 ordinary, 0 not listed (lower-case word). */
export function commonness(word: string): number {
  const rank = veryCommonRank.get(word);
  if (rank !== undefined) return 3 + 1.5 * (1 - rank);
  return bands.get(word) ?? 0;
}

/** How common a compound's last part is ("stadsdelsdirektör" → "direktör"): the best band of its endings of 4+ letters. */
export function tailCommonness(word: string): number {
  let best = 0;
  for (let start = 1; start <= word.length - 4; start++) best = Math.max(best, commonness(word.slice(start)));
  return best;
}
