import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '@masks/organisations';
import { loginAs, seriousA11yViolations, startConsoleWorld, type ConsoleWorld } from '../harness/browser';

const SUPPLIER = 'ventes@textiles-vosges.test';
const HEADER =
  'reference;produit;departement;stock;minimum;multiple;delai_jours;prix;disponible_le;valide_jusqu_au';

describe('web console: offers imported from an ERP export, in batches with progress (Chromium)', () => {
  let world: ConsoleWorld;
  let productId: string;
  beforeAll(async () => {
    world = await startConsoleWorld();
    const login = await world.app.gql<{ login: { accessToken: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { email: SUPPLIER, password: DEMO_PASSWORD } },
    );
    const products = await world.app.gql<{
      myProducts: { edges: { node: { id: string; certifiedUntil: string | null } }[] };
    }>(
      `{ myProducts(first: 20) { edges { node { id certifiedUntil } } } }`,
      {},
      { token: login.data!.login.accessToken },
    );
    const certified = products.data!.myProducts.edges.find(
      (edge) => edge.node.certifiedUntil && new Date(edge.node.certifiedUntil) > new Date(),
    );
    productId = certified!.node.id;
  });
  afterAll(() => world?.close());

  const csv = (rows: string[]) => Buffer.from(`\ufeff${HEADER}\n${rows.join('\n')}\n`);
  const row = (i: number, stock = 10_000, product = productId) =>
    `ERP-${String(i).padStart(4, '0')};${product};88;${stock};1000;500;3;1000:0,45|5000:0,41;;`;
  const erpOffers = async () =>
    (
      await world.app.dataSource.query(
        `SELECT count(*)::int AS n, coalesce(sum(s.on_hand), 0)::int AS stock FROM offer o
           JOIN stock_level s ON s.offer_id = o.id WHERE o.external_ref LIKE 'ERP-%'`,
      )
    )[0] as { n: number; stock: number };

  it('checks the file in the browser, sends 600 rows in two batches, and a second import changes only what changed', async () => {
    const { context, page } = await world.newPage();
    await loginAs(page, SUPPLIER);
    await page.getByRole('link', { name: 'Import depuis l’ERP' }).click();
    await page.getByRole('heading', { name: 'Import des offres depuis l’ERP', level: 1 }).waitFor();
    const fileInput = page.locator('input[type=file]');

    // A malformed file: every problem listed by line, nothing sent.
    await fileInput.setInputFiles({
      name: 'erp.csv',
      mimeType: 'text/csv',
      buffer: csv([row(1), `ERP-0002;${productId};88;dix;1000;500;3;1000=0,45;;`]),
    });
    const problems = page.getByRole('table', { name: /Problèmes du fichier/ });
    await problems.getByRole('row', { name: /3 stock Un nombre entier est attendu/ }).waitFor();
    await problems.getByRole('row', { name: /3 prix Paliers de prix illisibles/ }).waitFor();
    expect(await page.getByRole('button', { name: /Importer 2 lignes/ }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await erpOffers()).n).toBe(0);

    const rows = Array.from({ length: 600 }, (_, i) => row(i));
    await fileInput.setInputFiles({ name: 'erp.csv', mimeType: 'text/csv', buffer: csv(rows) });
    await page.getByText('600 lignes prêtes, envoyées en 2 lots.').waitFor();
    await page.getByRole('button', { name: 'Importer 600 lignes' }).click();
    await page
      .getByRole('status')
      .getByText('600 offre(s) créée(s), 0 mise(s) à jour, 0 inchangée(s).')
      .waitFor({ timeout: 120_000 });
    expect(await erpOffers()).toEqual({ n: 600, stock: 6_000_000 });

    rows[42] = row(42, 12_000);
    await fileInput.setInputFiles({ name: 'erp-2.csv', mimeType: 'text/csv', buffer: csv(rows) });
    await page.getByRole('button', { name: 'Importer 600 lignes' }).click();
    await page
      .getByRole('status')
      .getByText('0 offre(s) créée(s), 1 mise(s) à jour, 599 inchangée(s).')
      .waitFor({ timeout: 120_000 });
    expect(await erpOffers()).toEqual({ n: 600, stock: 6_002_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it("shows the API's refusal of a batch with the file's line numbers, and changes nothing of that batch", async () => {
    const { context, page } = await world.newPage();
    await loginAs(page, SUPPLIER);
    await page.goto('/ventes/import-erp');
    const before = await erpOffers();
    await page.locator('input[type=file]').setInputFiles({
      name: 'erp.csv',
      mimeType: 'text/csv',
      buffer: csv([row(700), row(701, 10_000, randomUUID())]),
    });
    await page.getByRole('button', { name: 'Importer 2 lignes' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Le lot 1 a été refusé' });
    await alert.getByText(/Ligne 3 \(ERP-0701\), productId/).waitFor();
    expect(await erpOffers()).toEqual(before);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
