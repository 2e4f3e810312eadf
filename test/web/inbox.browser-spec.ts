import { DEMO_PASSWORD } from '@masks/organisations';
import { waitFor } from '../harness/app';
import { loginAs, seriousA11yViolations, startConsoleWorld, type ConsoleWorld } from '../harness/browser';

const SUPPLIER = 'ventes@textiles-vosges.test';

describe('web console: the in-app inbox and its unread count (Chromium)', () => {
  let world: ConsoleWorld;
  beforeAll(async () => {
    world = await startConsoleWorld();
  });
  afterAll(() => world?.close());

  it('shows a notification the platform sent, counts it unread in the header, and marks it read', async () => {
    const { app } = world;
    const login = await app.gql<{ login: { accessToken: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { email: SUPPLIER, password: DEMO_PASSWORD } },
    );
    const token = login.data!.login.accessToken;
    // A real notification: changing the bank details tells the organisation's admins (by the worker).
    const set = await app.gql(
      `mutation($input: BankDetailsInput!) { setMyBankDetails(input: $input) { iban } }`,
      {
        input: {
          accountHolder: 'Textiles des Vosges',
          iban: 'FR76 3000 6000 0112 3456 7890 189',
          bic: 'AGRIFRPP',
        },
      },
      { token },
    );
    expect(set.errors).toBeUndefined();
    const unread = async () =>
      (await app.gql<{ myUnreadNotificationCount: number }>(`{ myUnreadNotificationCount }`, {}, { token }))
        .data?.myUnreadNotificationCount ?? 0;
    // Every notification requested so far (the demo data's too) is in an inbox: nothing arrives later.
    await waitFor(
      async () => {
        const [{ pending }] = await app.dataSource.query(
          `SELECT count(*)::int AS pending FROM outbox_event e
            WHERE e.type = 'notification.requested'
              AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.event_id = e.id)`,
        );
        return pending === 0 && (await unread()) > 0;
      },
      60_000,
      'the notifications in their inboxes',
    );
    const count = await unread();

    const { context, page } = await world.newPage();
    await loginAs(page, SUPPLIER);
    const bell = page.getByRole('link', { name: `Notifications : ${count} non lue${count > 1 ? 's' : ''}` });
    await bell.click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Vos notifications, les plus récentes d’abord' });
    await table.getByText('Textiles des Vosges (démo) : coordonnées bancaires enregistrées').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await table.getByRole('cell', { name: 'Lue', exact: true }).first().waitFor();
    expect(await unread()).toBe(0);
    await context.close();
  });
});
