import { buildAssets } from './asset-build';

// `npm run build` runs this after tsc: the stylesheets and the editor's script the pages link to.
const started = Date.now();
const built = buildAssets().filter((asset) => asset.built);
if (built.length) console.log(`assets built in ${Date.now() - started} ms: ${built.map((asset) => asset.file).join(', ')}`);
