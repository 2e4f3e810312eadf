import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD } from '@masks/organisations';
import { startConsoleWorld, loginAs, seriousA11yViolations, type ConsoleWorld } from '../harness/browser';
import { createProduct } from '../harness/catalog';
import { evidenceInput, SUBMIT } from '../harness/certification';

const DGE = 'agent.dge@demo.masques.test';
const SUPPLIER = 'ventes@textiles-vosges.test';
const BUYER = 'achats@pme-decolletage.test';
const PDF = Buffer.from('%PDF-1.4\n% rapport d’essai de démonstration\n%%EOF\n');

describe('web console: the DGE’s pages (Chromium)', () => {
  let world: ConsoleWorld;
  const tokenOf = async (email: string) => {
    const response = await world.app.gql<{ login: { accessToken: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { email, password: DEMO_PASSWORD } },
    );
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.login.accessToken;
  };

  beforeAll(async () => {
    world = await startConsoleWorld({ env: { MATCHING_INTERVAL_MINUTES: '0' } });
  });
  afterAll(() => world?.close());

  it('decides certifications from the queue: validates a pending one, suspends another with a reason', async () => {
    // A fresh submission with its test report, as the supplier's ERP would send it.
    const supplier = { token: await tokenOf(SUPPLIER) };
    const productId = await createProduct(world.app, supplier as never, { model: 'Vosges FFP2 navigateur' });
    const input = evidenceInput(productId, 'EN149-FFP2', { reportNumber: 'RE-NAVIGATEUR' });
    const submitted = await world.app.gql<{ submitCertification: { id: string } }>(
      SUBMIT,
      { input },
      supplier,
    );
    expect(submitted.errors).toBeUndefined();
    const form = new FormData();
    form.append('kind', 'TEST_REPORT');
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'rapport-essai.pdf');
    const upload = await fetch(
      `${world.app.url}/certifications/${submitted.data!.submitCertification.id}/documents`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${supplier.token}` },
        body: form,
      },
    );
    expect(upload.status).toBe(201);

    const { context, page } = await world.newPage();
    await loginAs(page, DGE);
    await page.getByRole('link', { name: 'Certifications à décider' }).click();
    await page.getByRole('heading', { name: 'Certifications à décider', level: 1 }).waitFor();
    const queue = page.getByRole('table', { name: 'Certifications correspondant aux filtres' });
    await queue.getByRole('link', { name: 'Examiner RE-NAVIGATEUR' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await queue.getByRole('link', { name: 'Examiner RE-NAVIGATEUR' }).click();
    await page.getByRole('heading', { name: 'Certification RE-NAVIGATEUR', level: 1 }).waitFor();
    await page.getByText('Vosges FFP2 navigateur', { exact: false }).first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger rapport-essai.pdf' }).click(),
    ]);
    expect(readFileSync((await download.path()) as string)).toEqual(PDF);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const nextYear = new Date(Date.now() + 365 * 86_400_000);
    const typed = `${String(nextYear.getDate()).padStart(2, '0')}/${String(nextYear.getMonth() + 1).padStart(2, '0')}/${nextYear.getFullYear()}`;
    const date = page.getByLabel('Valable jusqu’au (exclu)');
    await date.fill(typed);
    // The calendar opened on focus shows the typed day; Escape closes it as a person would.
    await page
      .getByRole('button', {
        name: /décembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre/,
      })
      .first()
      .waitFor();
    await date.press('Escape');
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Valider cette certification ?' });
    // The confirmation repeats the chosen day, as the console writes dates.
    const shown = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium' }).format(
      new Date(Date.UTC(nextYear.getFullYear(), nextYear.getMonth(), nextYear.getDate())),
    );
    await confirm.getByText(shown, { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByText('Certification validée.').waitFor();
    const history = page.getByRole('table', {
      name: 'Décisions prises sur cette certification, dans l’ordre',
    });
    await history.getByRole('cell', { name: 'Validation' }).waitFor();
    // Validated now: suspend it, first without a reason (refused by the API, said at the field).
    await page.getByRole('button', { name: 'Suspendre' }).click();
    await page
      .getByRole('dialog', { name: 'Suspendre cette certification ?' })
      .getByRole('button', { name: 'Confirmer' })
      .click();
    const reason = page.getByRole('textbox', { name: 'Motif' });
    // An empty reason breaks the input's length rule, said in French at the field.
    await page.getByText('Entre 3 et 2000 caractères.').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await reason.fill('Enquête ouverte sur un lot non conforme');
    await page.getByRole('button', { name: 'Suspendre' }).click();
    await page
      .getByRole('dialog', { name: 'Suspendre cette certification ?' })
      .getByRole('button', { name: 'Confirmer' })
      .click();
    await page.getByText('Certification suspendue.').waitFor();
    await history.getByRole('cell', { name: 'Enquête ouverte sur un lot non conforme' }).waitFor();
    await page.getByRole('button', { name: 'Rétablir' }).waitFor();

    // The demo's own pending certification is in the queue too; it is validated from there as well.
    await page.getByRole('link', { name: 'Retour aux certifications' }).click();
    await queue.getByRole('row').nth(1).waitFor();
    await queue
      .getByRole('link', { name: /^Examiner / })
      .first()
      .click();
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Valider cette certification ?' })
      .getByRole('button', { name: 'Confirmer' })
      .click();
    await page.getByText('Certification validée.').waitFor();
    await context.close();
  });

  it('monitors capacity with charts and tables, the shortage by department, matching runs and the audit log', async () => {
    // An open need the demo's supply cannot meet in time: the shortage view lists it.
    const buyer = { token: await tokenOf(BUYER) };
    const need = await world.app.gql(
      `mutation($input: NeedInput!) { postNeed(input: $input) { id } }`,
      {
        input: {
          category: 'FFP3',
          quantity: 900_000,
          deliveryDepartmentCode: '971',
          neededBy: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        },
      },
      buyer,
    );
    expect(need.errors).toBeUndefined();

    const { context, page } = await world.newPage();
    await loginAs(page, DGE);
    await page.getByRole('link', { name: 'Suivi des capacités' }).click();
    await page.getByRole('heading', { name: 'Suivi des capacités', level: 1 }).waitFor();
    const capacity = page.getByRole('table', { name: 'Capacités par catégorie et par région' });
    await capacity.locator('tbody tr').first().waitFor();
    const byCategory = page.getByRole('img', { name: /^Par catégorie\. Diagramme en barres/ });
    await byCategory.locator('svg').waitFor();
    await page
      .getByRole('img', { name: /^Par région\. Diagramme en barres/ })
      .locator('svg')
      .waitFor();
    // The chart draws the table's categories: each one's label is in the picture.
    const firstCategory = await capacity.locator('tbody tr').first().locator('td').first().innerText();
    expect(await byCategory.locator('svg').textContent()).toContain(firstCategory);
    await page
      .getByRole('table', { name: /Certifications suspendues ou retirées/ })
      .locator('tbody tr')
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Pénuries' }).click();
    const shortage = page.getByRole('table', { name: /Besoins ouverts face au stock/ });
    const guadeloupe = shortage.getByRole('row', { name: /971 – Guadeloupe/ });
    await guadeloupe.waitFor();
    expect(await guadeloupe.innerText()).toMatch(/900\s000[\s\S]*Aucune production[\s\S]*En retard/i);
    await page.getByRole('combobox', { name: 'Catégorie de masque' }).click();
    await page.getByRole('option', { name: 'Chirurgical type I', exact: true }).click();
    await page.getByText('Aucun résultat.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Appariement' }).click();
    await page.getByRole('heading', { name: 'Appariement des besoins', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Lancer un calcul maintenant' }).click();
    await page.getByText('Le nouveau calcul est terminé.').waitFor({ timeout: 60_000 });
    const requested = page.getByRole('term').filter({ hasText: 'Quantité demandée' });
    await requested.waitFor();
    // French figures group thousands with a narrow no-break space, which \s matches.
    expect((await page.getByRole('definition').allInnerTexts()).some((v) => /^900\s000$/.test(v))).toBe(true);
    await page.getByRole('table', { name: 'Résultats par niveau de priorité' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Journal d’audit' }).click();
    const log = page.getByRole('table', { name: 'Entrées du journal d’audit correspondant aux filtres' });
    await log.locator('tbody tr').first().waitFor();
    // The label names the input and its suggestions' list: the input comes first.
    await page.getByLabel('Action', { exact: true }).first().fill('need.posted');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForFunction(
      `[...document.querySelectorAll('table tbody tr')].every((row) => row.textContent.includes('need.posted'))`,
    );
    await log.getByRole('cell', { name: 'need.posted' }).first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv.length).toBeGreaterThan(1);
    for (const line of csv.slice(1)) expect(line).toContain('need.posted');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Any organisation, found by the server as its name is typed; its rows show its name, not its id.
    await page.getByLabel('Action', { exact: true }).first().fill('');
    const organisation = page.getByRole('combobox', { name: 'Organisation' });
    await organisation.fill('Textiles');
    await page.getByRole('option', { name: 'Textiles des Vosges (démo)' }).click();
    await page.getByRole('button', { name: 'Filtrer' }).click();
    // Its certifications' decisions are logged: once its rows are in, every row is its own.
    await log.getByRole('cell', { name: 'Textiles des Vosges (démo)' }).first().waitFor();
    await page.waitForFunction(
      `[...document.querySelectorAll('table tbody tr')].every((row) => row.textContent.includes('Textiles des Vosges (démo)'))`,
    );
    expect(await log.locator('tbody tr').count()).toBeGreaterThan(0);

    const [dashboard] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Ouvrir le tableau de bord des files' }).click(),
    ]);
    await dashboard.waitForURL(/\/admin\/queues$/);
    await dashboard.waitForLoadState('load');
    expect(await dashboard.title()).not.toContain('log in');
    await dashboard.locator('#__UI_CONFIG__').waitFor({ state: 'attached' });
    await context.close();
  });

  it('refuses the DGE’s pages to a buyer who types their address', async () => {
    const { context, page } = await world.newPage();
    await loginAs(page, BUYER);
    for (const path of [
      '/dge/certifications',
      '/dge/suivi',
      '/dge/penuries',
      '/dge/appariement',
      '/dge/journal',
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Accès refusé', level: 1 }).waitFor();
    }
    expect(await page.getByRole('link', { name: 'Certifications à décider' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
