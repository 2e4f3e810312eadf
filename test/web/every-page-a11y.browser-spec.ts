import type { Page } from 'playwright-core';
import { startConsoleWorld, loginAs, seriousA11yViolations, type ConsoleWorld } from '../harness/browser';

/**
 * axe-core on every page each role can open. The paths come from the links the console shows (its
 * navigation and header), never from the console's code, so a new page is covered once it is linked.
 */
const ROLES: { name: string; email?: string }[] = [
  { name: 'public visitor' },
  // Also ORG_ADMIN: the organisation's admin pages are in the navigation.
  { name: 'buyer', email: 'achats@pme-decolletage.test' },
  { name: 'supplier', email: 'ventes@textiles-vosges.test' },
  { name: 'DGE officer', email: 'agent.dge@demo.masques.test' },
];

// Run in the browser as strings: the test's types need no DOM.
const LINKED_PATHS = `[...new Set([...document.querySelectorAll('nav a[href], header a[href]')]
  .map((a) => new URL(a.href, location.href))
  .filter((url) => url.origin === location.origin)
  .map((url) => url.pathname))]`;
const FIRST_DETAIL_LINK = `(() => {
  const a = document.querySelector('main table a[href^="/"]');
  return a ? new URL(a.href, location.href).pathname : null;
})()`;
const LOADED = `!document.querySelector('[aria-label="Chargement…"], [aria-label="Ouverture de la session…"], [data-loading]')
  && !document.querySelector('main')?.innerText.includes('Chargement…')`;

// The page's h1 is marked before leaving, so the next page is only checked once it has replaced it.
const MARK_PAGE = `document.querySelectorAll('h1').forEach((h1) => h1.setAttribute('data-left', ''))`;
const PAGE_CHANGED = `!document.querySelector('h1[data-left]')`;

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(LOADED, undefined, { timeout: 15_000 });
}

describe('web console: axe-core on every page of every role (Chromium)', () => {
  let world: ConsoleWorld;
  beforeAll(async () => {
    world = await startConsoleWorld();
  });
  afterAll(() => world?.close());

  it.each(ROLES)('has no serious or critical violation on the pages of the $name', async ({ email }) => {
    const { context, page } = await world.newPage();
    if (email) await loginAs(page, email);
    else await page.goto('/');
    await settle(page);
    const paths = (await page.evaluate<string[]>(LINKED_PATHS)).sort();
    expect(paths.length).toBeGreaterThan(email ? 2 : 1);

    const failures: string[] = [];
    const visited: string[] = [];
    let detailSeen = false;
    // In-app navigation by the link a person would click: no reload, no new session per page.
    const check = async (path: string, link: string) => {
      visited.push(path);
      try {
        if (new URL(page.url()).pathname !== path) {
          await page.evaluate(MARK_PAGE);
          await page.locator(link).first().click();
          await page.waitForFunction(`location.pathname === ${JSON.stringify(path)} && ${PAGE_CHANGED}`);
        }
        await settle(page);
      } catch (error) {
        // Listed, not thrown: the other pages are still checked.
        failures.push(`${path}: no h1 or still loading (${String(error).split('\n')[0]})`);
        await page.goto('/');
        return;
      }
      for (const violation of await seriousA11yViolations(page)) failures.push(`${path}: ${violation}`);
    };
    for (const path of paths) {
      await check(path, `nav a[href="${path}"], header a[href="${path}"]`);
      if (detailSeen) continue;
      // One page behind a parameter per role: the first record a list links to, opened from it.
      const linked: string | null = await page.evaluate<string | null>(FIRST_DETAIL_LINK);
      if (linked && !paths.includes(linked)) {
        detailSeen = true;
        await check(linked, `main table a[href="${linked}"]`);
      }
    }
    expect({ visited, failures }).toEqual({ visited, failures: [] });
    await context.close();
  });
});
