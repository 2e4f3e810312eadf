import type { Page } from 'playwright-core';
import { withLuhnDigit } from '@masks/organisations';
import { startConsoleWorld, seriousA11yViolations, type ConsoleWorld } from '../harness/browser';

const PASSWORD = 'un mot de passe assez long';
/** A required field's label ends with Mantine's asterisk. */
const SIRET = /^SIRET\b/;

/** A SIRET no one holds yet (Luhn-valid, not La Poste's). */
const freshSiret = () =>
  withLuhnDigit(
    `9${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`,
  );

/** The texts a field's aria-describedby points at (its hint and its error), as a screen reader reads them. */
async function descriptionOf(page: Page, label: string | RegExp): Promise<string> {
  const ids = (await page.getByLabel(label).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).innerText()),
  );
  return texts.join(' | ');
}

async function pick(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
  await page.keyboard.press('Escape');
}

/** Everything but the SIRET: a buyer company in Bas-Rhin and its admin. */
async function fillCompany(page: Page, company: { name: string; email: string }): Promise<void> {
  await page.getByLabel('Raison sociale').fill(company.name);
  await pick(page, 'Activités', 'Entreprise acheteuse');
  await page.getByRole('combobox', { name: 'Département' }).fill('67');
  await page.getByRole('option', { name: '67 – Bas-Rhin' }).click();
  await page.getByLabel('Ville').fill('Strasbourg');
  await page.getByLabel('Effectif').fill('35');
  await pick(page, 'Filières industrielles', 'Automobile');
  await page.getByLabel('Nom et prénom').fill('Camille Admin');
  await page.getByLabel('Adresse e-mail professionnelle').fill(company.email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
}

describe('web console: sign-up, organisation admin and invitations (Chromium)', () => {
  let world: ConsoleWorld;
  const siret = freshSiret();
  const tag = siret.slice(-6);
  const company = { name: `Mécanique d’Alsace ${tag}`, email: `admin-${tag}@alsace.test` };
  const colleague = `collegue-${tag}@alsace.test`;
  let admin: Page;

  beforeAll(async () => {
    world = await startConsoleWorld();
  });
  afterAll(() => world?.close());

  it('signs a company up: the SIRET is checked as it is typed, and its admin lands signed in', async () => {
    ({ page: admin } = await world.newPage());
    await admin.goto('/');
    await admin.getByRole('link', { name: 'Inscrire mon entreprise' }).click();
    await admin.getByRole('heading', { name: 'Inscrire mon entreprise', level: 1 }).waitFor();
    expect(await seriousA11yViolations(admin)).toEqual([]);

    const siretField = admin.getByLabel(SIRET);
    await siretField.pressSequentially('7328A');
    await admin.getByText('Le SIRET ne contient que des chiffres').waitFor();
    await siretField.fill('');
    // A mistyped last digit: 14 digits, but the checksum fails.
    await siretField.pressSequentially(`${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`);
    await admin.getByText('Ce SIRET n’existe pas : un chiffre est probablement mal recopié.').waitFor();
    expect(await descriptionOf(admin, SIRET)).toContain('Ce SIRET n’existe pas');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    // Fixed, with the spaces people type.
    await siretField.fill(`${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`);
    expect(await descriptionOf(admin, SIRET)).not.toContain('SIRET');

    await fillCompany(admin, company);
    await admin.getByRole('button', { name: 'Inscrire mon entreprise' }).click();

    await admin.getByRole('heading', { name: 'Mon organisation', level: 1 }).waitFor();
    await admin.getByRole('button', { name: 'Mon compte' }).getByText(`Pour ${company.name}`).waitFor();
    await admin.getByRole('cell', { name: siret, exact: true }).waitFor();
    expect(await admin.getByLabel('Ville').inputValue()).toBe('Strasbourg');
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });

  it('lets the admin edit the details and the filières', async () => {
    await admin.getByLabel('Ville').fill('Colmar');
    await admin.getByRole('button', { name: 'Enregistrer' }).click();
    await admin.getByText('Coordonnées enregistrées.').waitFor();
    const [row] = await world.app.dataSource.query(`SELECT city FROM organisation WHERE siret = $1`, [siret]);
    expect(row.city).toBe('Colmar');

    await admin.getByRole('link', { name: 'Filières', exact: true }).click();
    await admin.getByRole('heading', { name: 'Filières', level: 1 }).waitFor();
    const automobile = admin.getByRole('checkbox', { name: 'Automobile' });
    await automobile.waitFor();
    expect(await automobile.isChecked()).toBe(true);
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await automobile.click();
    await admin.getByText('Vous avez quitté la filière Automobile.').waitFor();
    const filieres = await world.app.dataSource.query(
      `SELECT fm.filiere_code FROM filiere_membership fm JOIN organisation o ON o.id = fm.organisation_id
       WHERE o.siret = $1`,
      [siret],
    );
    expect(filieres).toEqual([]);

    await admin.getByRole('link', { name: 'Sous-traitance' }).click();
    await admin.getByRole('heading', { name: 'Sous-traitance', level: 1 }).waitFor();
    await admin.getByRole('table', { name: /Liens de sous-traitance/ }).waitFor();
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });

  it('invites a colleague as a buyer, who joins from the e-mail’s link in another browser, without admin pages', async () => {
    await admin.getByRole('link', { name: 'Membres et invitations' }).click();
    const members = admin.getByRole('table', { name: 'Membres de l’organisation et leurs rôles' });
    await members.getByRole('cell', { name: company.email }).waitFor();
    expect(await seriousA11yViolations(admin)).toEqual([]);

    await admin.getByLabel('Adresse e-mail du collègue').fill(colleague);
    await pick(admin, 'Rôles', 'Acheteur');
    await admin.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await admin.getByText(`Invitation envoyée à ${colleague}.`).waitFor();
    const pending = admin.getByRole('table', { name: 'Invitations envoyées, ni acceptées ni expirées' });
    await pending.getByRole('cell', { name: colleague }).waitFor();
    expect(await seriousA11yViolations(admin)).toEqual([]);

    // The e-mail (its outbox event, written with the invitation) links to the console's page.
    const [event] = await world.app.dataSource.query(
      `SELECT payload FROM outbox_event WHERE payload->>'recipient' = $1`,
      [colleague],
    );
    const link = /http:\/\/localhost:\d+(\/invitation#jeton=\S+)/.exec(event.payload.body as string)?.[1];
    expect(link).toBeDefined();

    const { context, page } = await world.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Rejoindre une organisation', level: 1 }).waitFor();
    // The token came from the fragment: no request carried it, and the address bar no longer shows it.
    const token = link!.split('=')[1];
    expect(await page.getByLabel('Code d’invitation').inputValue()).toBe(token);
    expect(page.url()).not.toContain(token);
    expect(requested.filter((url) => url.includes(token))).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Nom et prénom').fill('Dominique Collègue');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await page.getByRole('button', { name: 'Mon compte' }).getByText('Dominique Collègue').waitFor();
    await page.getByRole('button', { name: 'Mon compte' }).getByText(`Pour ${company.name}`).waitFor();

    // A buyer, not an admin: no organisation pages in the menu, and refused when typed.
    expect(await page.getByRole('link', { name: 'Membres et invitations' }).count()).toBe(0);
    await page.goto('/organisation/membres');
    await page.getByRole('heading', { name: 'Accès refusé', level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    // The admin sees the new member with the role of the invitation.
    await admin.reload();
    const row = members.getByRole('row').filter({ hasText: colleague });
    await row.waitFor();
    // textContent: the badge is shown in capitals by CSS.
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Acheteur');
    // Accepted: no longer pending.
    await pending.getByText(colleague).waitFor({ state: 'detached' });

    // The admin makes the colleague an administrator too; the table shows both roles.
    await admin.getByRole('button', { name: 'Modifier les rôles de Dominique Collègue' }).click();
    // With a role already chosen, its pill covers the input's centre: open the list from the keyboard.
    await admin.getByRole('combobox', { name: 'Nouveaux rôles' }).focus();
    await admin.keyboard.press('ArrowDown');
    await admin.getByRole('option', { name: 'Administrateur' }).click();
    await admin.keyboard.press('Escape');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Enregistrer les rôles' }).click();
    await admin.getByText('Rôles de Dominique Collègue enregistrés.').waitFor();
    await row.getByRole('cell').nth(2).getByText('Administrateur').waitFor();
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('AcheteurAdministrateur');
  });

  it('refuses an already-registered SIRET next to the SIRET field', async () => {
    const { context, page } = await world.newPage();
    await page.goto('/inscription');
    await page.getByLabel(SIRET).fill(siret);
    await fillCompany(page, { name: 'Doublon', email: `doublon-${tag}@alsace.test` });
    await page.getByRole('button', { name: 'Inscrire mon entreprise' }).click();
    const taken =
      'Une entreprise est déjà inscrite avec ce SIRET : demandez une invitation à son administrateur.';
    await page.getByText(taken).waitFor();
    expect(await descriptionOf(page, SIRET)).toContain(taken);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Still signed out, and nothing was created.
    expect(await page.getByRole('button', { name: 'Mon compte' }).count()).toBe(0);
    const [count] = await world.app.dataSource.query(`SELECT count(*) FROM organisation WHERE siret = $1`, [
      siret,
    ]);
    expect(Number(count.count)).toBe(1);
    await context.close();
  });

  it('signs the admin out everywhere', async () => {
    await admin.goto('/organisation');
    await admin.getByRole('button', { name: 'Me déconnecter partout' }).click();
    await admin.getByRole('button', { name: 'Confirmer' }).click();
    await admin.getByRole('heading', { name: 'Connexion', level: 1 }).waitFor();
    // The refresh cookie was revoked with the rest: a reload finds no session.
    await admin.reload();
    await admin.getByRole('link', { name: 'Se connecter' }).waitFor();
    await admin.goto('/organisation');
    await admin.getByRole('heading', { name: 'Connexion', level: 1 }).waitFor();
  });
});
