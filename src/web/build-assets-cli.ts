import { buildStyles } from './asset-build';

// `npm run build` runs this after tsc: the stylesheet the pages link to.
const started = Date.now();
const { built, file } = buildStyles();
if (built) console.log(`styles built in ${Date.now() - started} ms: ${file}`);
