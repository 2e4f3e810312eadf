import { ClickCollectDemoData } from '@masks/click-collect';
import { DEMO_PASSWORD } from '@masks/organisations';
import { startTestApp, type TestApp } from './harness/app';
import { clickCollectDisagreements } from './harness/click-collect';

describe('click & collect demo data (npm start)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const tokenOf = async (email: string) => {
    const response = await app.gql<{ login: { accessToken: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { email, password: DEMO_PASSWORD } },
    );
    return response.data!.login.accessToken;
  };

  it('loads once: a network with stores in four departments, a TPE with persons and some quota used', async () => {
    const demo = app.api.get(ClickCollectDemoData);
    expect(await demo.load()).toBe(true);
    expect(await demo.load()).toBe(false);
    const [network, company] = await Promise.all(demo.logins.map((login) => tokenOf(login.email)));

    const stores = await app.gql<{
      pickupStores: {
        edges: { node: { departmentCode: string; stock: { onHand: number; reserved: number } } }[];
      };
    }>(
      `{ pickupStores(first: 20) { edges { node { departmentCode stock { onHand reserved } } } } }`,
      {},
      { token: network },
    );
    expect(stores.data!.pickupStores.edges.map((e) => e.node.departmentCode).sort()).toEqual([
      '13',
      '42',
      '69',
      '75',
    ]);
    expect(stores.data!.pickupStores.edges.reduce((sum, e) => sum + e.node.stock.reserved, 0)).toBe(40);

    const quota = await app.gql<{
      clickCollectQuota: { used: number; persons: { internalRef: string; remaining: number }[] };
    }>(`{ clickCollectQuota { used persons { internalRef remaining } } }`, {}, { token: company });
    expect(quota.data!.clickCollectQuota.used).toBe(40);
    expect(quota.data!.clickCollectQuota.persons.map((p) => p.remaining)).toEqual([0, 15, 20, 25, 25, 25]);
    expect(await clickCollectDisagreements(app)).toEqual([]);
  });
});
