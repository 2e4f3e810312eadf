/* eslint-disable @typescript-eslint/no-require-imports -- a require hook is loaded before any TypeScript */
/* global require, __dirname -- CommonJS, loaded by node -r */
/**
 * `node -r ./test/harness/register-ts.cjs apps/api/main.ts`: runs the TypeScript sources as they are,
 * compiled file by file with SWC (the options Jest uses, from .swcrc) and the @masks/* paths of
 * tsconfig.json. Lets end-to-end tests start the real processes without a fresh `npm run build`.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');
const tsconfigPaths = require('tsconfig-paths');

const root = join(__dirname, '../..');
const swc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    ...swc,
    swcrc: false,
    filename,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

const tsconfig = tsconfigPaths.loadConfig(root);
tsconfigPaths.register({ baseUrl: tsconfig.absoluteBaseUrl, paths: tsconfig.paths });
