import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startConsoleWorld, loginAs, seriousA11yViolations, type ConsoleWorld } from '../harness/browser';

const SUPPLIER = 'ventes@textiles-vosges.test';
const BUYER = 'achats@pme-decolletage.test';

/** A minimal PDF: what the API recognises by its first bytes (%PDF-). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

async function expectAccessible(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** Mantine's Select: open it by its label, pick the option by its visible name. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

describe('web console: the supplier’s pages (Chromium)', () => {
  let world: ConsoleWorld;
  beforeAll(async () => {
    world = await startConsoleWorld();
  });
  afterAll(() => world?.close());

  it('creates a product, submits its evidence against the standard, uploads a PDF and downloads it back', async () => {
    const { context, page } = await world.newPage();
    await loginAs(page, SUPPLIER);
    await page.getByRole('link', { name: 'Mes produits' }).click();
    await page.getByRole('heading', { name: 'Mes produits', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Certification de Tissages des Vosges TV-UNS1-50' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Nouveau produit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau produit' });
    await dialog.getByLabel('Marque').fill('Vosges Pro');
    await dialog.getByLabel('Modèle').fill('VP-FFP2');
    await choose(page, 'Catégorie', 'FFP2');
    await choose(page, 'Norme revendiquée', /^EN149-FFP2/);
    await dialog.getByLabel('Ville de production').fill('Épinal');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'Certification de Vosges Pro VP-FFP2' }).click();

    await page.getByRole('heading', { name: 'Certification : Vosges Pro VP-FFP2', level: 1 }).waitFor();
    await page.getByText('Aucune preuve soumise pour ce produit').waitFor();
    await page.getByLabel('Laboratoire d’essai').fill('Laboratoire d’essais de l’Est');
    await page.getByLabel('Numéro du rapport d’essai').fill('LE-2020-118');
    await page.getByLabel('Date des essais').fill('2020-04-02');
    await page.getByLabel('Numéro du certificat CE (examen UE de type)').fill('CE-0082-4711');
    await page.getByLabel('Organisme notifié (ex. « Apave (0082) »)').fill('Apave (0082)');
    // Over the standard's threshold: said next to the field, nothing sent.
    const penetration = page.getByLabel('Pénétration du filtre (%)');
    await penetration.fill('7');
    await page.getByText('Supérieure au maximum de la norme (6).').waitFor();
    await penetration.fill('4,2');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Soumettre à la DGE' }).click();
    await page.getByText('En attente de décision de la DGE').waitFor();
    await page.getByText('Rapport LE-2020-118 — Laboratoire d’essais de l’Est').waitFor();
    await page.getByRole('table', { name: 'Décisions de la DGE sur cette demande, dans l’ordre' }).waitFor();

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByLabel('Fichier (PDF, PNG ou JPEG, 10 Mo au plus)').click(),
    ]);
    await chooser.setFiles({ name: 'rapport-essai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Envoyer le document' }).click();
    const documents = page.getByRole('table', { name: 'Documents joints à la demande' });
    await documents.getByRole('cell', { name: 'rapport-essai.pdf', exact: true }).waitFor();
    // axe reads a notification still fading in as low contrast: check the page once it has gone.
    await page.getByText('rapport-essai.pdf ajouté.').waitFor({ state: 'hidden' });
    await expectAccessible(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger rapport-essai.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('rapport-essai.pdf');
    expect(readFileSync((await download.path()) as string)).toEqual(PDF);
    await context.close();
  });

  it('puts a lot of a certified product on the market, records goods received and shows them in the ledger', async () => {
    const { context, page } = await world.newPage();
    await loginAs(page, SUPPLIER);
    await page.getByRole('link', { name: 'Offres et stock' }).click();
    await page.getByRole('heading', { name: 'Offres et stock', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Vos offres, avec leur stock' }).getByRole('row').nth(1).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Nouvelle offre' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle offre' });
    await choose(page, 'Produit', 'Tissages des Vosges TV-UNS1-50');
    await dialog.getByLabel('Quantité du lot (masques)').fill('10000');
    await choose(page, 'Département de l’entrepôt', '88 – Vosges');
    await dialog.getByLabel('Votre référence (facultative, clé de l’ERP)').fill('LOT-TEST-1');
    await dialog.getByLabel('Palier 1 : prix unitaire (€ HT)').fill('2,5');
    await dialog.getByRole('button', { name: 'Ajouter un palier' }).click();
    await dialog.getByLabel('Palier 2 : à partir de (masques)').fill('5000');
    await dialog.getByLabel('Palier 2 : prix unitaire (€ HT)').fill('2,2');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const lot = 'Tissages des Vosges TV-UNS1-50 (LOT-TEST-1)';
    await page.getByRole('link', { name: `Stock et mouvements de ${lot}` }).click();
    await page.getByRole('heading', { name: `Stock : Tissages des Vosges TV-UNS1-50`, level: 1 }).waitFor();
    await page.getByText(/En stock : 10\s000/).waitFor();
    await page.getByLabel('Quantité (masques)').fill('5000');
    await page.getByLabel('Motif').fill('Livraison atelier du 3 avril');
    await page.getByRole('button', { name: 'Enregistrer le mouvement' }).click();
    await page.getByText(/En stock : 15\s000/).waitFor();
    const ledger = page.getByRole('table', { name: /Mouvements de stock de l’offre/ });
    await ledger.getByRole('cell', { name: 'Livraison atelier du 3 avril' }).waitFor();
    await ledger.getByRole('cell', { name: /^\+5\s000$/ }).waitFor();
    await page.getByText('Mouvement enregistré.').waitFor({ state: 'hidden' });
    await expectAccessible(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffDate;Type;Stock physique;Réservé;Motif;Référence');
    expect(csv).toContain('Réception de marchandise;5000;0;Livraison atelier du 3 avril');
    await context.close();
  });

  it('creates an ERP key that works with x-api-key until it is revoked in the console', async () => {
    const { context, page } = await world.newPage();
    await loginAs(page, SUPPLIER);
    await page.getByRole('link', { name: 'Clés API (ERP)' }).click();
    await page.getByRole('heading', { name: 'Clés API pour votre ERP', level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Nom de la clé (ex. ERP production)').fill('ERP du test');
    await page.getByRole('button', { name: 'Créer la clé' }).click();
    const dialog = page.getByRole('dialog', { name: 'Votre nouvelle clé' });
    await dialog.getByText('elle ne sera plus jamais affichée').waitFor();
    await dialog.getByRole('button', { name: 'Copier la clé' }).waitFor();
    const secret = await dialog.getByLabel('Clé secrète').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await expectAccessible(page);

    const asErp = async () => {
      const response = await fetch(`${world.app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': secret },
        body: JSON.stringify({ query: '{ myOffers(first: 5) { edges { node { id externalRef } } } }' }),
      });
      return (await response.json()) as {
        data?: { myOffers: { edges: { node: { externalRef: string | null } }[] } } | null;
        errors?: { extensions?: { code?: string } }[];
      };
    };
    const allowed = await asErp();
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.myOffers.edges.length).toBeGreaterThan(0);

    await dialog.getByRole('button', { name: 'J’ai copié la clé' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Révoquer ERP du test' }).click();
    await page
      .getByRole('dialog', { name: 'Révoquer la clé' })
      .getByRole('button', { name: 'Révoquer la clé' })
      .click();
    await page.getByText(/^Révoquée le/).waitFor();
    const refused = await asErp();
    expect(refused.data?.myOffers).toBeUndefined();
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await context.close();
  });

  it('says next to the IBAN field that an IBAN is invalid, and saves a valid account', async () => {
    const { context, page } = await world.newPage();
    await loginAs(page, SUPPLIER);
    await page.getByRole('link', { name: 'Coordonnées bancaires' }).click();
    await page.getByRole('heading', { name: 'Coordonnées bancaires', level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Titulaire du compte').fill('Textiles des Vosges');
    const iban = page.getByLabel('IBAN');
    await iban.fill('FR76 3000 6000 0112 3456 7890 188');
    await page.getByLabel('BIC').fill('AGRIFRPP');
    await page.getByRole('button', { name: 'Enregistrer le compte' }).click();
    // Mantine links a field's error to it (aria-describedby): the message is the IBAN field's own.
    await page.locator('[aria-invalid="true"]').waitFor();
    expect(await page.locator('[aria-invalid="true"]').getAttribute('id')).toBe(
      await iban.getAttribute('id'),
    );
    const errorId = (await iban.getAttribute('aria-describedby'))
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    // The API's reason (IBAN_CHECKSUM) in the console's words.
    expect(await page.locator(`[id="${errorId}"]`).innerText()).toBe(
      'Cet IBAN n’est pas valide (clé de contrôle) : vérifiez chaque caractère.',
    );
    await expectAccessible(page);

    await iban.fill('FR76 3000 6000 0112 3456 7890 189');
    await page.getByRole('button', { name: 'Enregistrer le compte' }).click();
    await page.getByText('Compte actuel : FR7630006000011234567890189 (BIC AGRIFRPP)').waitFor();
    await context.close();
  });

  it('refuses the supplier’s pages to a buyer who types their address', async () => {
    const { context, page } = await world.newPage();
    await loginAs(page, BUYER);
    for (const path of ['/ventes/offres', '/ventes/cles-api', '/ventes/coordonnees-bancaires']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Accès refusé', level: 1 }).waitFor();
    }
    await page.goto('/ventes/produits');
    await page.getByRole('heading', { name: 'Accès refusé', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Mes produits' }).count()).toBe(0);
    await expectAccessible(page);
    await context.close();
  });
});
