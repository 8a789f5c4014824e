import { readCatalogueFiles } from '../../src/section-catalogue/catalogue-files';

/** The standard catalogue as templates/sections seeds it (the same reader as the seeding): the headings an import maps to. */
export const CATALOGUE = readCatalogueFiles()
  .sort((a, b) => a.position - b.position)
  .map(({ key, heading }) => ({ key, heading }));
