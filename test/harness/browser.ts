import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { CatalogDemoData } from '@masks/catalog';
import { CertificationDemoData } from '@masks/certification';
import { DEMO_PASSWORD, OrganisationsDemoData } from '@masks/organisations';
import { startTestApp, type TestApp } from './app';
import { TEST_WEB_DIR } from './browser-setup';

export interface ConsoleWorld {
  app: TestApp;
  browser: Browser;
  /** A new browser profile (its own cookies), French, on the console. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** The real app (API + worker) serving the built console, with the demo data `npm start` loads. */
export async function startConsoleWorld(
  options: { env?: Record<string, string> } = {},
): Promise<ConsoleWorld> {
  const app = await startTestApp({ worker: true, env: { WEB_DIR: TEST_WEB_DIR, ...options.env } });
  await app.api.get(OrganisationsDemoData).load();
  const products = await app.api.get(CatalogDemoData).load();
  if (products) await app.api.get(CertificationDemoData).load(products);
  const browser = await launchChromium();
  return {
    app,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: app.url, locale: 'fr-FR', acceptDownloads: true });
      // A slow CI machine: actions wait for the page, never a fixed sleep.
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      // The page's own errors appear in the test's output: a failing journey then says why.
      page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') console.error(`[console] ${message.text()}`);
      });
      return { context, page };
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** Logs in through the login page, as a person would, and waits for the signed-in frame. */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Mon compte' }).waitFor();
}

/** axe-core on the page as it is now: the serious and critical violations (expected: none). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
