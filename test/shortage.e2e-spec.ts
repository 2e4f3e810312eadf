import { startTestApp, type TestApp } from './harness/app';
import { codeOf, createDgeOfficer, signUp, type Actor } from './harness/factories';
import { createOffer, createProduct, inDays, setCertifiedUntil, signUpSupplier } from './harness/catalog';

const SHORTAGE = `query($category: MaskCategory, $regionCode: String, $departmentCode: String, $atRiskOnly: Boolean) {
  shortage(category: $category, regionCode: $regionCode, departmentCode: $departmentCode, atRiskOnly: $atRiskOnly) {
    departmentCode departmentName regionCode category openNeeds shortfall stockAvailable dailyCapacity
    uncoveredByStock daysOfCover earliestNeededBy atRisk
  }
}`;

interface Row {
  departmentCode: string;
  category: string;
  openNeeds: number;
  shortfall: number;
  stockAvailable: number;
  dailyCapacity: number;
  uncoveredByStock: number;
  daysOfCover: number | null;
  atRisk: boolean;
}

describe('shortage: open needs against visible stock and declared production, by department (DGE)', () => {
  let app: TestApp;
  let dge: Actor;
  let buyer: Actor;
  let offerId: string;
  let needIn67: string;

  const postNeed = async (input: Record<string, unknown>) => {
    const response = await app.gql<{ postNeed: { id: string } }>(
      `mutation($input: NeedInput!) { postNeed(input: $input) { id } }`,
      { input: { category: 'FFP2', neededBy: inDays(10).toISOString(), ...input } },
      buyer,
    );
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.postNeed.id;
  };
  const shortage = async (variables: Record<string, unknown> = {}, actor: Actor = dge) =>
    app.gql<{ shortage: Row[] }>(SHORTAGE, variables, actor);

  beforeAll(async () => {
    app = await startTestApp({ worker: true, env: { MATCHING_INTERVAL_MINUTES: '0' } });
    dge = await createDgeOfficer(app);
    buyer = await signUp(app, { departmentCode: '67' });
    const supplier = await signUpSupplier(app, { departmentCode: '67' });
    // Made in the Bas-Rhin, certified: 2,000 a day; its lot of 20,000 is in a Bas-Rhin warehouse.
    const certified = await createProduct(app, supplier, {
      productionDepartmentCode: '67',
      dailyCapacity: 2_000,
    });
    await setCertifiedUntil(app, certified, inDays(120));
    offerId = await createOffer(app, supplier, certified, {
      warehouseDepartmentCode: '67',
      quantity: 20_000,
    });
    // Made there too but not certified: neither its production nor its stock counts.
    const uncertified = await createProduct(app, supplier, {
      productionDepartmentCode: '67',
      dailyCapacity: 50_000,
    });
    await setCertifiedUntil(app, uncertified, inDays(120));
    await createOffer(app, supplier, uncertified, { warehouseDepartmentCode: '67', quantity: 90_000 });
    await setCertifiedUntil(app, uncertified, null);

    needIn67 = await postNeed({ quantity: 60_000, deliveryDepartmentCode: '67' });
    await postNeed({ quantity: 5_000, deliveryDepartmentCode: '13', neededBy: inDays(30).toISOString() });
    const cancelled = await postNeed({ quantity: 70_000, deliveryDepartmentCode: '67' });
    await app.gql(`mutation($id: ID!) { cancelNeed(id: $id) { id } }`, { id: cancelled }, buyer);
  });
  afterAll(() => app.close());

  it('adds up open needs, the visible stock and certified production of the department, with days of cover', async () => {
    const { data, errors } = await shortage();
    expect(errors).toBeUndefined();
    expect(data!.shortage).toEqual([
      // Stock covers 20,000 of 60,000; 40,000 at 2,000 a day is 20 days, past the date in 10.
      expect.objectContaining({
        departmentCode: '67',
        category: 'FFP2',
        openNeeds: 1,
        shortfall: 60_000,
        stockAvailable: 20_000,
        dailyCapacity: 2_000,
        uncoveredByStock: 40_000,
        daysOfCover: 20,
        atRisk: true,
      }),
      // Nothing in the Bouches-du-Rhône: no days of cover at all.
      expect.objectContaining({
        departmentCode: '13',
        openNeeds: 1,
        shortfall: 5_000,
        stockAvailable: 0,
        dailyCapacity: 0,
        uncoveredByStock: 5_000,
        daysOfCover: null,
        atRisk: true,
      }),
    ]);
  });

  it('counts what was ordered for a need, on the need and on the stock', async () => {
    const ordered = await app.gql(
      `mutation($needId: ID!, $input: OrderForNeedInput!) { orderForNeed(needId: $needId, input: $input) { id } }`,
      { needId: needIn67, input: { offerId, quantity: 10_000, paymentMethod: 'BANK_TRANSFER' } },
      buyer,
    );
    expect(ordered.errors).toBeUndefined();
    const { data } = await shortage({ departmentCode: '67' });
    expect(data!.shortage).toEqual([
      expect.objectContaining({ shortfall: 50_000, stockAvailable: 10_000, uncoveredByStock: 40_000 }),
    ]);
  });

  it('filters by region, department, category and risk', async () => {
    const grandEst = await shortage({ regionCode: '44' });
    expect(grandEst.data!.shortage.map((row) => row.departmentCode)).toEqual(['67']);
    const marseille = await shortage({ departmentCode: '13' });
    expect(marseille.data!.shortage.map((row) => row.departmentCode)).toEqual(['13']);
    const surgical = await shortage({ category: 'SURGICAL_IIR' });
    expect(surgical.data!.shortage).toEqual([]);
    const atRisk = await shortage({ atRiskOnly: true });
    expect(atRisk.data!.shortage).toHaveLength(2);
  });

  it('is the DGE’s only, and refuses a malformed code', async () => {
    expect(codeOf(await shortage({}, buyer))).toBe('FORBIDDEN');
    expect(codeOf(await shortage({ departmentCode: 'Paris' }))).toBe('BAD_USER_INPUT');
  });
});
