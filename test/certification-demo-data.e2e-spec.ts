import { CatalogDemoData } from '@masks/catalog';
import { CertificationDemoData } from '@masks/certification';
import { OrganisationsDemoData } from '@masks/organisations';
import { startTestApp, type TestApp } from './harness/app';

describe('certification demo data (npm start)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('certifies the demo catalog as planned: valid, derogations capped, one revoked with its reason, one pending', async () => {
    await app.api.get(OrganisationsDemoData).load();
    const products = (await app.api.get(CatalogDemoData).load())!;
    const demo = app.api.get(CertificationDemoData);
    expect(await demo.load(products)).toBe(products.length);

    const byPlan = async (plan: string) => {
      const ids = products.filter((product) => product.plan === plan).map((product) => product.productId);
      return app.dataSource.query(
        `SELECT c.status, c.status_reason, p.certified_until, p.natively_certified_until
         FROM certification c JOIN product p ON p.id = c.product_id WHERE c.product_id = ANY($1::uuid[])`,
        [ids],
      );
    };
    const valid = await byPlan('valid');
    expect(valid.length).toBeGreaterThan(0);
    for (const row of valid) {
      expect(row.status).toBe('VALIDATED');
      expect(row.certified_until.getTime()).toBeGreaterThan(Date.now());
      expect(row.natively_certified_until).toEqual(row.certified_until);
    }
    for (const row of await byPlan('derogation')) {
      expect(row).toMatchObject({
        status: 'VALIDATED',
        certified_until: new Date('2020-05-31T22:00:00Z'),
        natively_certified_until: null,
      });
    }
    const [revoked] = await byPlan('revoked');
    expect(revoked.status).toBe('REVOKED');
    expect(revoked.status_reason).toMatch(/Contrôle a posteriori/);
    expect((await byPlan('pending')).map((row: { status: string }) => row.status)).toEqual(['SUBMITTED']);

    const list = await app.gql<{ certifiedSuppliers: { edges: unknown[] } }>(
      `{ certifiedSuppliers(first: 50) { edges { node { company } } } }`,
    );
    expect(list.data!.certifiedSuppliers.edges.length).toBeGreaterThanOrEqual(3);
    // Loading again changes nothing.
    expect(await demo.load(products)).toBe(0);
  });
});
