import { CatalogDemoData } from '@masks/catalog';
import { OrganisationsDemoData } from '@masks/organisations';
import { startTestApp, type TestApp } from './harness/app';

describe('demo data (npm start)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('loads organisations and a catalog once, across regions and categories', async () => {
    expect(await app.api.get(OrganisationsDemoData).load()).toBe(true);
    const products = await app.api.get(CatalogDemoData).load();
    expect(products?.length).toBeGreaterThanOrEqual(10);
    expect(new Set(products?.map((p) => p.category)).size).toBeGreaterThanOrEqual(6);
    expect(products?.filter((p) => p.plan === 'derogation').length).toBeGreaterThanOrEqual(2);
    expect(products?.filter((p) => p.plan === 'revoked')).toHaveLength(1);
    const [{ regions }] = await app.dataSource.query(
      `SELECT count(DISTINCT warehouse_region_code)::int AS regions FROM offer`,
    );
    expect(regions).toBeGreaterThanOrEqual(5);
    const [{ lots }] = await app.dataSource.query(
      `SELECT count(*)::int AS lots FROM offer o JOIN stock_level s ON s.offer_id = o.id WHERE s.on_hand >= 50000`,
    );
    expect(lots).toBeGreaterThanOrEqual(10);
    expect(await app.api.get(OrganisationsDemoData).load()).toBe(false);
    expect(await app.api.get(CatalogDemoData).load()).toBeNull();
  });
});
