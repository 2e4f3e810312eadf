import { readFileSync } from 'node:fs';
import { startConsoleWorld, loginAs, seriousA11yViolations, type ConsoleWorld } from '../harness/browser';

const BUYER = 'achats@pme-decolletage.test';

describe('web console: frame, session and public pages (Chromium)', () => {
  let world: ConsoleWorld;
  beforeAll(async () => {
    world = await startConsoleWorld();
  });
  afterAll(() => world?.close());

  it('serves the console at / with revalidated HTML and immutable hashed assets', async () => {
    const html = await fetch(`${world.app.url}/`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const body = await html.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(body)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${world.app.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    // A console route is the page; an API path never is.
    const deep = await fetch(`${world.app.url}/fournisseurs-certifies`, { headers: { accept: 'text/html' } });
    expect(await deep.text()).toBe(body);
    const health = await fetch(`${world.app.url}/health`, { headers: { accept: 'text/html' } });
    expect(health.headers.get('content-type')).toContain('json');
  });

  it('lists the certified suppliers with filters on the server and exports what it shows', async () => {
    const { context, page } = await world.newPage();
    await page.goto('/fournisseurs-certifies');
    await page.getByRole('heading', { name: 'Fournisseurs certifiés', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: /Fournisseurs dont au moins un produit est certifié/ });
    await table.getByRole('row').nth(1).waitFor();
    const all = await table.getByRole('row').count();
    expect(all).toBeGreaterThan(2);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The sort is the server's: the page shows the API's order for it, A to Z by default.
    const firstCompanies = async (sort: string): Promise<string[]> => {
      const response = await world.app.gql<{
        certifiedSuppliers: { edges: { node: { company: string } }[] };
      }>(
        `query($sort: CertifiedSuppliersSort) { certifiedSuppliers(first: 3, sort: $sort) { edges { node { company } } } }`,
        { sort },
      );
      return response.data!.certifiedSuppliers.edges.map((edge) => edge.node.company);
    };
    const companyCells = table.locator('tbody tr td:first-child');
    expect((await companyCells.allInnerTexts()).slice(0, 3)).toEqual(await firstCompanies('COMPANY'));
    const newest = await firstCompanies('NEWEST_CERTIFIED');
    expect(newest).not.toEqual(await firstCompanies('COMPANY'));
    await page.getByRole('combobox', { name: 'Trier par' }).click();
    await page.getByRole('option', { name: 'Certifiés le plus récemment' }).click();
    await page.waitForFunction(
      `JSON.stringify([...document.querySelectorAll('table tbody tr td:first-child')].slice(0, 3).map((td) => td.innerText)) === ${JSON.stringify(JSON.stringify(newest))}`,
    );
    expect(await table.getByRole('row').count()).toBe(all);

    await page.getByRole('combobox', { name: 'Catégorie de masque' }).click();
    await page.getByRole('option', { name: 'Grand public UNS1' }).click();
    // The page runs this in the browser: a string, so the test's types need no DOM.
    await page.waitForFunction(`document.querySelectorAll('table tbody tr').length !== ${all - 1}`);
    const uns1Rows = await table.locator('tbody tr').allInnerTexts();
    expect(uns1Rows.length).toBeGreaterThan(0);
    for (const row of uns1Rows) expect(row.toLowerCase()).toContain('grand public uns1');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffEntreprise;Catégories certifiées;Sites de production;Contact commercial',
    );
    expect(csv.trim().split('\r\n')).toHaveLength(uns1Rows.length + 1);
    await context.close();
  });

  it('keeps the session across a reload in an httpOnly, SameSite=Strict cookie, and logout revokes it', async () => {
    const { context, page } = await world.newPage();
    await loginAs(page, BUYER);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'masks_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth/web' });
    // The access token is in memory only: nothing in storage a script could read later.
    expect(await page.evaluate('JSON.stringify(localStorage) + JSON.stringify(sessionStorage)')).toBe('{}{}');

    await page.reload();
    await page.getByRole('button', { name: 'Mon compte' }).waitFor();

    await page.getByRole('button', { name: 'Mon compte' }).click();
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    // The revoked token cannot open a session again, even replayed by hand.
    const replay = await fetch(`${world.app.url}/auth/web/refresh`, {
      method: 'POST',
      headers: { 'x-masks-console': '1', cookie: `masks_refresh=${cookie.value}` },
    });
    expect(replay.status).toBe(401);
    await context.close();
  });

  it('refuses session calls without the console header or from another site', async () => {
    const noHeader = await fetch(`${world.app.url}/auth/web/refresh`, { method: 'POST' });
    expect(noHeader.status).toBe(403);
    const crossSite = await fetch(`${world.app.url}/auth/web/login`, {
      method: 'POST',
      headers: { 'x-masks-console': '1', origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ email: BUYER, password: 'demo-masques-2020' }),
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();
  });

  it('says plainly when the password is wrong, and sends a signed-out visitor of a private page to the login', async () => {
    const { context, page } = await world.newPage();
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(BUYER);
    await page.getByLabel('Mot de passe').fill('wrong-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('Identifiants incorrects ou session expirée.').waitFor();
    await page.goto('/page-qui-n-existe-pas');
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    await context.close();
  });
});
