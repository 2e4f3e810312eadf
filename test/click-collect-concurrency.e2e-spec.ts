import { Agent, request } from 'node:http';
import { freePort } from '@masks/core';
import { startTestApp, testEnv, type GraphQLResponse, type TestApp } from './harness/app';
import { codeOf, type Actor } from './harness/factories';
import { startProcess, type AppProcess } from './harness/processes';
import {
  clickCollectDisagreements,
  enrolledCompany,
  PLACE,
  signUpNetwork,
  storeWithStock,
  type PlacedData,
} from './harness/click-collect';

/**
 * No cap is ever exceeded (ARCHITECTURE.md): thousands of simultaneous orders, sent half to the
 * in-process API and half to a second API process on the same database, so nothing can rely on one
 * process's memory. The granted total must be exactly the cap, and every refusal typed.
 */
// Its own limit: 2,000 orders through GraphQL took 158 s with the machine's two cores at a load of 19
// (other suites running); about a tenth of that alone.
jest.setTimeout(600_000);

describe('click & collect under concurrency, two API processes', () => {
  let app: TestApp;
  let second: AppProcess;
  let secondUrl: string;
  let network: Actor;

  beforeAll(async () => {
    app = await startTestApp();
    const port = await freePort();
    const name = new URL(app.databaseUrl).pathname.slice(1);
    second = startProcess('api', {
      ...testEnv({ name, url: app.databaseUrl }),
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    secondUrl = `http://127.0.0.1:${port}/graphql`;
    await second.waitForOutput(/GraphQL API on/, 120_000);
    network = await signUpNetwork(app);
  });

  afterAll(async () => {
    agent.destroy();
    if (second?.running()) {
      process.kill(second.pid, 'SIGTERM');
      await second.exited;
    }
    await app.close();
  });

  /**
   * Every attempt is sent at once; each process is reached through a client pool of 100 keep-alive
   * sockets (as a load balancer or a browser pools them), so on a 2-core machine shared with other
   * suites no request waits so long for its socket that the server drops it, while each API still has
   * far more requests in flight than database connections (20), so the orders contend for the locks.
   */
  const agent = new Agent({ keepAlive: true, maxSockets: 100 });
  const post = (url: string, token: string, body: string) =>
    new Promise<GraphQLResponse<PlacedData>>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            try {
              resolve(JSON.parse(text) as GraphQLResponse<PlacedData>);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  /** Even attempts to the in-process API, odd ones to the second process. */
  const placeOn = (i: number, actor: Actor, input: Record<string, unknown>) =>
    post(
      i % 2 === 0 ? `${app.url}/graphql` : secondUrl,
      actor.token,
      JSON.stringify({ query: PLACE, variables: { input } }),
    );

  const grantedOf = (responses: GraphQLResponse<PlacedData>[]) =>
    responses
      .filter((r) => r.data?.placeClickCollectOrder)
      .reduce((sum, r) => sum + r.data!.placeClickCollectOrder.order.quantity, 0);
  const refusalsOf = (responses: GraphQLResponse<PlacedData>[]) =>
    new Set(responses.filter((r) => r.errors).map((r) => `${codeOf(r)}:${r.errors![0].extensions?.reason}`));

  it('2,000 attempts for one company 50 masks short of its 6,250: exactly 6,250 granted', async () => {
    const store = await storeWithStock(app, network, 100_000);
    const { company, personIds } = await enrolledCompany(app, network.organisationId, 250);
    const first = await app.gql<PlacedData>(PLACE, { input: { storeId: store, quantity: 6_200 } }, company);
    expect(first.data?.placeClickCollectOrder.quota).toMatchObject({
      used: 6_200,
      remaining: 50,
      personsCounted: 248,
    });

    const responses = await Promise.all(
      Array.from({ length: 2_000 }, (_, i) => placeOn(i, company, { storeId: store, quantity: 1 + (i % 3) })),
    );
    // Both processes granted some.
    expect(responses.filter((r, i) => i % 2 === 1 && r.data).length).toBeGreaterThan(0);
    expect(responses.filter((r, i) => i % 2 === 0 && r.data).length).toBeGreaterThan(0);
    expect(grantedOf(responses)).toBe(50);
    for (const refusal of refusalsOf(responses))
      expect(['CONFLICT:ORGANISATION_CAP', 'CONFLICT:NOT_ENOUGH_QUOTA']).toContain(refusal);

    const [company_] = await app.dataSource.query(
      `SELECT used, persons FROM quota_organisation_usage WHERE organisation_id = $1`,
      [company.organisationId],
    );
    expect(company_).toEqual({ used: 6_250, persons: 250 });
    const [persons] = await app.dataSource.query(
      `SELECT max(used)::int AS max, sum(used)::int AS sum, count(*)::int AS n FROM quota_person_usage WHERE organisation_id = $1`,
      [company.organisationId],
    );
    expect(persons).toEqual({ max: 25, sum: 6_250, n: 250 });
    expect(personIds).toHaveLength(250);
    const [level] = await app.dataSource.query(`SELECT reserved FROM store_stock WHERE store_id = $1`, [
      store,
    ]);
    expect(level.reserved).toBe(6_250);
    expect(await clickCollectDisagreements(app)).toEqual([]);
  });

  it('2,000 attempts for one person: exactly 25 granted, every refusal PERSON_CAP', async () => {
    const store = await storeWithStock(app, network, 100_000);
    const { company, personIds } = await enrolledCompany(app, network.organisationId, 1);
    const responses = await Promise.all(
      Array.from({ length: 2_000 }, (_, i) =>
        placeOn(i, company, { storeId: store, persons: [{ personId: personIds[0], quantity: 1 + (i % 2) }] }),
      ),
    );
    expect(grantedOf(responses)).toBe(25);
    expect(refusalsOf(responses)).toEqual(new Set(['CONFLICT:PERSON_CAP']));
    const [usage] = await app.dataSource.query(`SELECT used FROM quota_person_usage WHERE person_id = $1`, [
      personIds[0],
    ]);
    expect(usage.used).toBe(25);
    expect(await clickCollectDisagreements(app)).toEqual([]);
  });

  it('a store with 40 masks and 600 attempts from 6 companies: exactly 40 reserved, nobody over quota', async () => {
    const store = await storeWithStock(app, network, 40);
    const companies = await Promise.all(
      Array.from({ length: 6 }, () => enrolledCompany(app, network.organisationId, 3)),
    );
    const responses = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        placeOn(i, companies[i % 6].company, { storeId: store, quantity: 1 + (i % 2) }),
      ),
    );
    expect(grantedOf(responses)).toBe(40);
    expect(refusalsOf(responses)).toEqual(new Set(['CONFLICT:INSUFFICIENT_STOCK']));
    const [level] = await app.dataSource.query(
      `SELECT on_hand, reserved FROM store_stock WHERE store_id = $1`,
      [store],
    );
    expect(level).toEqual({ on_hand: 40, reserved: 40 });
    // What the store reserved is exactly what the companies' quotas counted.
    const [counted] = await app.dataSource.query(
      `SELECT sum(l.quantity)::int AS sum FROM quota_ledger_entry l JOIN click_collect_order o ON o.id::text = l.order_ref WHERE o.store_id = $1`,
      [store],
    );
    expect(counted.sum).toBe(40);
    expect(await clickCollectDisagreements(app)).toEqual([]);
  });
});
