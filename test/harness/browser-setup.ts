import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import globalSetup from './global-setup';

/**
 * Where the browser suites' console is built: not dist/, which `npm run build` (npm-start suite) wipes.
 * TEST_WEB_DIR gives a run its own folder, so runs side by side do not replace each other's assets.
 */
export const TEST_WEB_DIR = process.env.TEST_WEB_DIR ?? join(__dirname, '../../.data/test-web');

/** The services, then the web console built once for every browser suite of the run. */
export default async function browserSetup(): Promise<void> {
  await globalSetup();
  if ((globalThis as { __testWebBuilt?: boolean }).__testWebBuilt) return;
  execFileSync(
    process.execPath,
    [
      join(__dirname, '../../node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.mts',
      '--logLevel',
      'warn',
    ],
    { cwd: join(__dirname, '../..'), env: { ...process.env, WEB_OUT_DIR: TEST_WEB_DIR }, stdio: 'inherit' },
  );
  (globalThis as { __testWebBuilt?: boolean }).__testWebBuilt = true;
}
