import type { Locator, Page } from 'playwright-core';
import { startConsoleWorld, loginAs, seriousA11yViolations, type ConsoleWorld } from '../harness/browser';

const SUPPLIER = 'ventes@textiles-vosges.test';
const BUYER = 'achats@pme-decolletage.test';
const SUPPLIER_NAME = 'Textiles des Vosges (démo)';
/** The demo supplier's fabric masks (UNS1): the only offer of that category in the demo data. */
const PRODUCT = 'Tissages des Vosges TV-UNS1-50';

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** The message a field is described by (Mantine ties the error to its input with aria-describedby). */
async function fieldMessages(field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(' ')
      .filter(Boolean)
      .map((id) => field.page().locator(`[id="${id}"]`).innerText()),
  );
  return texts.join(' | ');
}

/** The buyer's offer search, fabric masks only, read afresh from the server. */
async function searchFabricMasks(page: Page): Promise<Locator> {
  await page.goto('/achats/offres');
  await page.getByRole('heading', { name: 'Rechercher des offres', level: 1 }).waitFor();
  const table = page.getByRole('table', { name: 'Offres certifiées disponibles à la commande' });
  await table.locator('tbody tr').first().waitFor();
  await page.getByRole('combobox', { name: 'Catégorie' }).click();
  await page.getByRole('option', { name: 'Grand public UNS1' }).click();
  // The server's answer is in: every row shown is of the category, and nothing is loading any more.
  await page.waitForFunction(
    `[...document.querySelectorAll('table tbody tr')].every((row) => row.innerText.includes('UNS1'))`,
  );
  await page.getByText(/^(Aucun résultat\.|\d+ lignes? affichées?)/).waitFor();
  return table;
}

/** The demo supplier's offers page, its table loaded. */
async function openOffers(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: 'Offres et stock' }).click();
  await page.getByRole('heading', { name: 'Offres et stock', level: 1 }).waitFor();
  const table = page.getByRole('table', { name: 'Vos offres, avec leur stock' });
  await table.getByRole('link', { name: `Stock et mouvements de ${PRODUCT}` }).waitFor();
  return table;
}

/**
 * Two browser profiles per test: up to 170 s measured with both cores busy (another browser suite
 * alongside, load 23); the limit only detects a hang.
 */
const TIMEOUT = 420_000;

describe('web console: the supplier edits its product and its offer, withdraws and republishes it (Chromium)', () => {
  let world: ConsoleWorld;
  beforeAll(async () => {
    world = await startConsoleWorld();
  });
  afterAll(() => world?.close());
  /** The demo offer's terms as stored, to show that a refused change changed nothing. */
  const storedOffer = async () =>
    (
      await world.app.dataSource.query(
        `SELECT o.minimum_order_quantity, o.lead_time_days FROM offer o
           JOIN product p ON p.id = o.product_id WHERE p.brand = 'Tissages des Vosges'`,
      )
    )[0] as unknown;

  it(
    'updates an offer’s terms: a first tier above the minimum is refused at the tiers; the new terms are listed, and buyers see them',
    async () => {
      const { context, page } = await world.newPage();
      await loginAs(page, SUPPLIER);
      const offers = await openOffers(page);
      const row = offers.getByRole('row').filter({ hasText: PRODUCT });
      // From 2.90 €, 2.465 € from 50,000 masks: the column shows the lowest.
      expect(await row.innerText()).toMatch(/2,465\s€[\s\S]*500 \/ par 500[\s\S]*5 j/);

      await page.getByRole('button', { name: `Modifier ${PRODUCT}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Modifier les conditions de l’offre' });
      await dialog.getByLabel('Minimum de commande (masques)').fill('1000');
      await dialog.getByLabel('Délai de livraison (jours)').fill('3');
      // The first tier must start at the minimum or below: the API refuses, and says so by the tiers.
      await dialog.getByLabel('Palier 1 : à partir de (masques)').fill('2000');
      await dialog.getByLabel('Palier 1 : prix unitaire (€ HT)').fill('2,75');
      await dialog.getByRole('button', { name: 'Enregistrer' }).click();
      await dialog
        .getByRole('alert')
        .filter({ hasText: /first tier|palier/i })
        .waitFor();
      // Refused: the offer is as it was.
      expect(await storedOffer()).toEqual({ minimum_order_quantity: 500, lead_time_days: 5 });
      await expectAccessible(page);

      await dialog.getByLabel('Palier 1 : à partir de (masques)').fill('1000');
      await dialog.getByLabel('Palier 2 : prix unitaire (€ HT)').fill('2,4');
      await dialog.getByRole('button', { name: 'Enregistrer' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Conditions mises à jour.').waitFor();
      await row.filter({ hasText: /2,40\s€/ }).waitFor();
      expect(await row.innerText()).toMatch(/2,40\s€[\s\S]*1\s000 \/ par 500[\s\S]*3 j/);
      await page.getByText('Conditions mises à jour.').waitFor({ state: 'hidden' });
      await expectAccessible(page);
      await context.close();

      const buyer = await world.newPage();
      await loginAs(buyer.page, BUYER);
      const search = await searchFabricMasks(buyer.page);
      const listed = search.getByRole('row').filter({ hasText: PRODUCT });
      expect(await listed.innerText()).toMatch(/2,40\s€[\s\S]*1\s000 min\., par 500[\s\S]*3 jours/);
      // At 1,000 masks, the first tier's price.
      await buyer.page.getByLabel('Quantité souhaitée').fill('1000');
      await listed.filter({ hasText: /2,75\s€/ }).waitFor();
      await buyer.context.close();
    },
    TIMEOUT,
  );

  it(
    'withdraws an offer with a reason: buyers no longer find it; republished, they find it again',
    async () => {
      const { context, page } = await world.newPage();
      await loginAs(page, SUPPLIER);
      const buyer = await world.newPage();
      await loginAs(buyer.page, BUYER);
      const orderButton = buyer.page.getByRole('button', {
        name: `Commander ${PRODUCT} chez ${SUPPLIER_NAME}`,
      });
      await searchFabricMasks(buyer.page);
      await orderButton.waitFor();

      const offers = await openOffers(page);
      const row = offers.getByRole('row').filter({ hasText: PRODUCT });
      await page.getByRole('button', { name: `Retirer ${PRODUCT}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Retirer l’offre du marché' });
      await dialog.getByLabel('Motif (facultatif, gardé dans l’historique)').fill('Atelier à l’arrêt');
      await expectAccessible(page);
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row.getByText('Retirée', { exact: true }).waitFor();
      await row.getByText('Motif : Atelier à l’arrêt').waitFor();
      await page.getByRole('button', { name: `Remettre en vente ${PRODUCT}` }).waitFor();
      await page.getByText('Offre retirée du marché.').waitFor({ state: 'hidden' });
      await expectAccessible(page);

      await searchFabricMasks(buyer.page);
      await buyer.page.getByText('Aucun résultat.', { exact: true }).waitFor();
      expect(await orderButton.count()).toBe(0);

      await page.getByRole('button', { name: `Remettre en vente ${PRODUCT}` }).click();
      await row.getByText('En vente', { exact: true }).waitFor();
      expect(await row.getByText('Motif : Atelier à l’arrêt').count()).toBe(0);
      await page.getByRole('button', { name: `Retirer ${PRODUCT}` }).waitFor();
      await page.getByText('Offre remise en vente.').waitFor();

      await searchFabricMasks(buyer.page);
      await orderButton.waitFor();
      await buyer.context.close();
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'edits a product: a malformed country is refused at its field; the new name and city are kept and shown to buyers',
    async () => {
      const { context, page } = await world.newPage();
      await loginAs(page, SUPPLIER);
      await page.getByRole('link', { name: 'Mes produits' }).click();
      await page.getByRole('heading', { name: 'Mes produits', level: 1 }).waitFor();
      await page.getByRole('button', { name: `Modifier ${PRODUCT}` }).click();
      const dialog = page.getByRole('dialog', { name: `Modifier ${PRODUCT}` });
      // Category and standard were what the certification judged: they stay as they are.
      expect(await dialog.getByRole('combobox', { name: 'Catégorie' }).isDisabled()).toBe(true);
      await dialog.getByLabel('Modèle').fill('TV-UNS1-50 Confort');
      await dialog.getByLabel('Ville de production').fill('Remiremont');
      const country = dialog.getByLabel('Pays de production (code ISO, ex. FR)');
      await country.fill('F1');
      await dialog.getByRole('button', { name: 'Enregistrer' }).click();
      // The API's refusal is the country field's own message (aria-describedby), and no other field's.
      await dialog.locator('[aria-invalid="true"]').waitFor();
      expect(await dialog.locator('[aria-invalid="true"]').getAttribute('id')).toBe(
        await country.getAttribute('id'),
      );
      expect((await fieldMessages(country)).trim()).not.toBe('');
      expect(
        await world.app.dataSource.query(
          `SELECT model, production_city FROM product WHERE brand = 'Tissages des Vosges'`,
        ),
      ).toEqual([{ model: 'TV-UNS1-50', production_city: 'Épinal' }]);
      await expectAccessible(page);

      await country.fill('FR');
      await dialog.getByRole('button', { name: 'Enregistrer' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const renamed = 'Tissages des Vosges TV-UNS1-50 Confort';
      await page.getByRole('link', { name: `Certification de ${renamed}` }).waitFor();
      expect(await page.getByRole('link', { name: `Certification de ${PRODUCT}`, exact: true }).count()).toBe(
        0,
      );
      // Still certified: an edit keeps what the DGE judged.
      expect(await page.getByRole('row').filter({ hasText: renamed }).innerText()).not.toContain(
        'Non certifié',
      );
      await page.getByText('Produit mis à jour.').waitFor({ state: 'hidden' });
      await expectAccessible(page);

      // Opened again, the form holds what was saved.
      await page.getByRole('button', { name: `Modifier ${renamed}` }).click();
      const again = page.getByRole('dialog', { name: `Modifier ${renamed}` });
      expect(await again.getByLabel('Ville de production').inputValue()).toBe('Remiremont');
      expect(await again.getByLabel('Pays de production (code ISO, ex. FR)').inputValue()).toBe('FR');
      await again.getByRole('button', { name: 'Annuler' }).click();
      await context.close();

      const buyer = await world.newPage();
      await loginAs(buyer.page, BUYER);
      await searchFabricMasks(buyer.page);
      await buyer.page.getByRole('button', { name: `Commander ${renamed} chez ${SUPPLIER_NAME}` }).waitFor();
      await buyer.context.close();
    },
    TIMEOUT,
  );
});
