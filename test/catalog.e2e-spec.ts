import { startTestApp, type TestApp } from './harness/app';
import { codeOf, signUp, type Actor } from './harness/factories';
import {
  createOffer,
  createProduct,
  inDays,
  offerInput,
  productInput,
  setCertifiedUntil,
  signUpSupplier,
} from './harness/catalog';

const DERROGATION_END = new Date('2020-05-31T22:00:00Z');

const SEARCH = `query($category: MaskCategory, $quantity: Int, $regionCode: String, $departmentCode: String, $maxUnitPriceMicros: Int,
  $maxLeadTimeDays: Int, $madeInFrance: Boolean, $acceptEquivalents: Boolean, $certifiedOn: DateTime, $sort: OfferSort,
  $deliveryDepartmentCode: String, $first: Int, $after: String) {
  offers(category: $category, quantity: $quantity, regionCode: $regionCode, departmentCode: $departmentCode,
    maxUnitPriceMicros: $maxUnitPriceMicros, maxLeadTimeDays: $maxLeadTimeDays, madeInFrance: $madeInFrance,
    acceptEquivalents: $acceptEquivalents, certifiedOn: $certifiedOn, sort: $sort, deliveryDepartmentCode: $deliveryDepartmentCode,
    first: $first, after: $after) {
    edges { node { id fromPriceMicros leadTimeDays warehouseDepartmentCode available stock { onHand }
      product { brand madeInFrance } supplier { name salesContact } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface SearchResult {
  offers: {
    edges: {
      node: {
        id: string;
        fromPriceMicros: number;
        leadTimeDays: number;
        warehouseDepartmentCode: string;
        available: number;
        stock: unknown;
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('catalog: products, offers, stock and search', () => {
  let app: TestApp;
  let supplier: Actor;
  let otherSupplier: Actor;
  let buyer: Actor;

  const search = async (variables: Record<string, unknown>, actor: Actor = buyer) => {
    const response = await app.gql<SearchResult>(SEARCH, variables, actor);
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.offers.edges.map((edge) => edge.node);
  };
  const offerCount = async () => Number((await app.dataSource.query(`SELECT count(*) AS n FROM offer`))[0].n);

  beforeAll(async () => {
    app = await startTestApp();
    supplier = await signUpSupplier(app, { departmentCode: '49' });
    otherSupplier = await signUpSupplier(app, { departmentCode: '13' });
    buyer = await signUp(app, { departmentCode: '44' });
  });
  afterAll(() => app.close());

  describe('products', () => {
    it('a supplier registers a product; the standard must grant its category', async () => {
      const ok = await app.gql<{ createProduct: { category: string; madeInFrance: boolean } }>(
        `mutation($input: ProductInput!) { createProduct(input: $input) { category madeInFrance certifiedUntil } }`,
        { input: productInput() },
        supplier,
      );
      expect(ok.data?.createProduct).toMatchObject({ category: 'FFP2', madeInFrance: true });
      const mismatch = await app.gql(
        `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
        {
          input: productInput({ category: 'UNS1' }),
        },
        supplier,
      );
      expect(codeOf(mismatch)).toBe('BAD_USER_INPUT');
      expect(mismatch.errors?.[0].message).toMatch(/certifies FFP2 masks, not UNS1/);
      // The refusal as data, for a client to word it: the field, its reason and the figures.
      expect(mismatch.errors?.[0].extensions).toMatchObject({
        field: 'standardCode',
        reason: 'STANDARD_NOT_FOR_CATEGORY',
        args: { standardCategory: 'FFP2', category: 'UNS1' },
        reasons: {
          standardCode: [
            {
              reason: 'STANDARD_NOT_FOR_CATEGORY',
              args: { standard: expect.any(String), standardCategory: 'FFP2', category: 'UNS1' },
            },
          ],
        },
      });
    });

    it.each([
      ['unknown standard', { standardCode: 'XYZ' }],
      ['reusable without washes', { category: 'UNS1', standardCode: 'AFNOR-UNS1', reusable: true }],
      ['department abroad', { countryOfProduction: 'CN', productionDepartmentCode: '49' }],
      ['unknown department', { productionDepartmentCode: '96' }],
      ['bad country', { countryOfProduction: 'France' }],
      ['zero pack', { packSize: 0 }],
      ['oversized brand', { brand: 'x'.repeat(500) }],
    ])('refuses %s with BAD_USER_INPUT', async (_, overrides) => {
      const before = Number((await app.dataSource.query(`SELECT count(*) AS n FROM product`))[0].n);
      const response = await app.gql(
        `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
        { input: productInput(overrides) },
        supplier,
      );
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors)).not.toMatch(/SELECT|INSERT|at .*\.ts/);
      expect(Number((await app.dataSource.query(`SELECT count(*) AS n FROM product`))[0].n)).toBe(before);
    });

    it("a buyer cannot register products; a supplier cannot touch another supplier's product", async () => {
      expect(
        codeOf(
          await app.gql(
            `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
            { input: productInput() },
            buyer,
          ),
        ),
      ).toBe('FORBIDDEN');
      const productId = await createProduct(app, supplier);
      const update = await app.gql(
        `mutation($id: ID!, $input: ProductInput!) { updateProduct(id: $id, input: $input) { id } }`,
        {
          id: productId,
          input: productInput({ brand: 'Hijack' }),
        },
        otherSupplier,
      );
      expect(codeOf(update)).toBe('NOT_FOUND');
      expect(
        codeOf(
          await app.gql(`query($id: ID!) { product(id: $id) { id } }`, { id: productId }, otherSupplier),
        ),
      ).toBe('NOT_FOUND');
      expect(
        codeOf(await app.gql(`query($id: ID!) { product(id: $id) { id } }`, { id: productId }, buyer)),
      ).toBe('NOT_FOUND');
      const offer = await app.gql(
        `mutation($input: OfferInput!) { createOffer(input: $input) { id } }`,
        { input: offerInput(productId) },
        otherSupplier,
      );
      expect(codeOf(offer)).toBe('NOT_FOUND');
    });

    it('category and standard are fixed once registered', async () => {
      const productId = await createProduct(app, supplier);
      const response = await app.gql(
        `mutation($id: ID!, $input: ProductInput!) { updateProduct(id: $id, input: $input) { id } }`,
        {
          id: productId,
          input: productInput({ category: 'FFP3', standardCode: 'EN149-FFP3' }),
        },
        supplier,
      );
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
    });
  });

  describe('offers: terms and bad inputs', () => {
    let productId: string;
    beforeAll(async () => {
      productId = await createProduct(app, supplier);
    });

    it.each([
      ['a negative quantity', { quantity: -5000 }],
      ['a price of zero', { priceTiers: [{ minQuantity: 5000, unitPriceMicros: 0 }] }],
      ['an absurd price', { priceTiers: [{ minQuantity: 5000, unitPriceMicros: 2_000_000_000 }] }],
      ['an unknown department', { warehouseDepartmentCode: '20' }],
      ['a lot size not dividing the quantity', { quantity: 52_000 }],
      ['a minimum not a multiple of the increment', { minimumOrderQuantity: 7_000 }],
      [
        'tiers out of order',
        {
          priceTiers: [
            { minQuantity: 25_000, unitPriceMicros: 700_000 },
            { minQuantity: 5_000, unitPriceMicros: 900_000 },
          ],
        },
      ],
      [
        'a larger quantity costing more',
        {
          priceTiers: [
            { minQuantity: 5_000, unitPriceMicros: 700_000 },
            { minQuantity: 25_000, unitPriceMicros: 900_000 },
          ],
        },
      ],
      ['a first tier above the minimum', { priceTiers: [{ minQuantity: 10_000, unitPriceMicros: 700_000 }] }],
      ['a lead time of two years', { leadTimeDays: 730 }],
      ['an end before availability', { validUntil: '2020-01-01T00:00:00Z' }],
      ['a non-integer quantity', { quantity: 5000.5 }],
    ])('refuses %s with BAD_USER_INPUT and creates nothing', async (_, overrides) => {
      const before = await offerCount();
      const response = await app.gql(
        `mutation($input: OfferInput!) { createOffer(input: $input) { id } }`,
        { input: offerInput(productId, overrides) },
        supplier,
      );
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(await offerCount()).toBe(before);
    });

    it('names every refused term with its field, its reason and its figures, beside the English', async () => {
      const response = await app.gql(
        `mutation($input: OfferInput!) { createOffer(input: $input) { id } }`,
        {
          input: offerInput(productId, {
            quantity: 52_000,
            priceTiers: [
              { minQuantity: 10_000, unitPriceMicros: 700_000 },
              { minQuantity: 25_000, unitPriceMicros: 900_000 },
            ],
          }),
        },
        supplier,
      );
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      const { extensions, message } = response.errors![0];
      expect(message).toBe(
        'the quantity (52000) must be a multiple of the lot increment (5000); a larger quantity cannot cost more per unit than a smaller one; the first tier must apply from the minimum order (5000) or less',
      );
      expect(extensions).toMatchObject({
        field: 'quantity',
        fields: {
          quantity: ['the quantity (52000) must be a multiple of the lot increment (5000)'],
          'priceTiers[1]': ['a larger quantity cannot cost more per unit than a smaller one'],
          'priceTiers[0]': ['the first tier must apply from the minimum order (5000) or less'],
        },
        reasons: {
          quantity: [
            {
              reason: 'QUANTITY_NOT_MULTIPLE_OF_INCREMENT',
              args: { quantity: 52_000, orderIncrement: 5_000 },
            },
          ],
          'priceTiers[1]': [
            {
              reason: 'TIER_PRICE_ABOVE_PREVIOUS',
              args: { unitPriceMicros: 900_000, previousUnitPriceMicros: 700_000 },
            },
          ],
          'priceTiers[0]': [
            {
              reason: 'FIRST_TIER_ABOVE_MINIMUM',
              args: { minimumOrderQuantity: 5_000, minQuantity: 10_000 },
            },
          ],
        },
      });
      expect((extensions!.problems as { reason: string }[]).map((problem) => problem.reason)).toEqual([
        'QUANTITY_NOT_MULTIPLE_OF_INCREMENT',
        'TIER_PRICE_ABOVE_PREVIOUS',
        'FIRST_TIER_ABOVE_MINIMUM',
      ]);
    });

    it('creates an offer whose stock comes from a receipt in the ledger', async () => {
      const offerId = await createOffer(app, supplier, productId, { quantity: 50_000 });
      const moves = await app.gql<{
        stockMovements: { edges: { node: { kind: string; onHandDelta: number } }[] };
      }>(
        `query($id: ID!) { stockMovements(offerId: $id) { edges { node { kind onHandDelta reservedDelta } } } }`,
        { id: offerId },
        supplier,
      );
      expect(moves.data?.stockMovements.edges.map((edge) => edge.node)).toEqual([
        { kind: 'RECEIPT', onHandDelta: 50_000, reservedDelta: 0 },
      ]);
      expect(
        codeOf(
          await app.gql(
            `query($id: ID!) { stockMovements(offerId: $id) { edges { node { kind } } } }`,
            { id: offerId },
            otherSupplier,
          ),
        ),
      ).toBe('NOT_FOUND');
    });

    it('an adjustment cannot take stock below what is reserved, nor below zero, and needs a reason', async () => {
      const offerId = await createOffer(app, supplier, productId, { quantity: 10_000 });
      const move = (quantity: number, reason?: string) =>
        app.gql<{ recordStockMovement: { onHand: number; available: number } }>(
          `mutation($input: StockMovementInput!) { recordStockMovement(input: $input) { onHand reserved available } }`,
          { input: { offerId, kind: 'ADJUSTMENT', quantity, reason } },
          supplier,
        );
      expect(codeOf(await move(-1000))).toBe('BAD_USER_INPUT');
      expect(codeOf(await move(-20_000, 'inventory count'))).toBe('CONFLICT');
      expect((await move(-1_000, 'damaged pallet')).data?.recordStockMovement).toMatchObject({
        onHand: 9_000,
        available: 9_000,
      });
    });
  });

  describe('visibility to buyers', () => {
    let certified: string;
    let uncertified: string;
    let expired: string;
    let revoked: string;
    let derogation: string;
    let withdrawn: string;

    beforeAll(async () => {
      const make = async (until: Date | null, native = true, overrides: Record<string, unknown> = {}) => {
        const productId = await createProduct(app, supplier, overrides);
        await setCertifiedUntil(app, productId, until, native);
        return createOffer(app, supplier, productId);
      };
      certified = await make(inDays(90));
      uncertified = await make(null);
      expired = await make(inDays(-1));
      revoked = await make(null);
      derogation = await make(DERROGATION_END, false, {
        standardCode: 'KN95',
        countryOfProduction: 'CN',
        productionDepartmentCode: undefined,
        productionCity: 'Wuhan',
      });
      withdrawn = await make(inDays(90));
      await app.gql(
        `mutation($id: ID!) { withdrawOffer(id: $id, reason: "sold elsewhere") { status } }`,
        { id: withdrawn },
        supplier,
      );
    });

    it('a buyer sees only offers of currently certified products', async () => {
      const ids = (await search({ first: 50 })).map((offer) => offer.id);
      expect(ids).toContain(certified);
      for (const hidden of [uncertified, expired, revoked, derogation, withdrawn])
        expect(ids).not.toContain(hidden);
      expect(
        (await app.gql(`query($id: ID!) { offer(id: $id) { id } }`, { id: certified }, buyer)).data,
      ).toBeTruthy();
      for (const hidden of [uncertified, expired, revoked, derogation, withdrawn]) {
        expect(
          codeOf(await app.gql(`query($id: ID!) { offer(id: $id) { id } }`, { id: hidden }, buyer)),
        ).toBe('NOT_FOUND');
      }
      // Its supplier still sees its own offers, whatever their state.
      expect(
        (await app.gql(`query($id: ID!) { offer(id: $id) { id status } }`, { id: withdrawn }, supplier)).data,
      ).toBeTruthy();
    });

    it('an equivalence counts only inside its window, and only when the buyer accepts equivalents', async () => {
      const during = new Date('2020-05-20T00:00:00Z').toISOString();
      expect((await search({ first: 50, certifiedOn: during })).map((o) => o.id)).toContain(derogation);
      expect(
        (await search({ first: 50, certifiedOn: during, acceptEquivalents: false })).map((o) => o.id),
      ).not.toContain(derogation);
      expect(
        (await search({ first: 50, certifiedOn: '2020-06-01T08:00:00Z' })).map((o) => o.id),
      ).not.toContain(derogation);
    });

    it('buyers see availability but not the stock detail; the DGE-less supplier view is its own', async () => {
      const [offer] = (await search({ first: 50 })).filter((o) => o.id === certified);
      expect(offer.available).toBe(50_000);
      expect(offer.stock).toBeNull();
    });
  });

  describe('search filters, sorts and pages', () => {
    const made: Record<string, string> = {};
    beforeAll(async () => {
      const seller = await signUpSupplier(app, { departmentCode: '59' });
      const spec: [string, Record<string, unknown>, Record<string, unknown>][] = [
        [
          'cheap-far',
          { category: 'SURGICAL_IIR', standardCode: 'EN14683-IIR' },
          {
            warehouseDepartmentCode: '13',
            priceTiers: [{ minQuantity: 10_000, unitPriceMicros: 300_000 }],
            minimumOrderQuantity: 10_000,
            orderIncrement: 10_000,
            leadTimeDays: 10,
          },
        ],
        [
          'mid-region',
          { category: 'SURGICAL_IIR', standardCode: 'EN14683-IIR' },
          {
            warehouseDepartmentCode: '49',
            priceTiers: [
              { minQuantity: 5_000, unitPriceMicros: 600_000 },
              { minQuantity: 40_000, unitPriceMicros: 350_000 },
            ],
            leadTimeDays: 2,
          },
        ],
        [
          'dear-local',
          { category: 'SURGICAL_IIR', standardCode: 'EN14683-IIR' },
          {
            warehouseDepartmentCode: '44',
            priceTiers: [{ minQuantity: 5_000, unitPriceMicros: 800_000 }],
            leadTimeDays: 1,
          },
        ],
        [
          'import',
          {
            category: 'SURGICAL_IIR',
            standardCode: 'EN14683-IIR',
            countryOfProduction: 'VN',
            productionDepartmentCode: undefined,
          },
          {
            warehouseDepartmentCode: '69',
            priceTiers: [{ minQuantity: 5_000, unitPriceMicros: 400_000 }],
            leadTimeDays: 20,
            quantity: 10_000,
          },
        ],
      ];
      for (const [name, product, offer] of spec) {
        const productId = await createProduct(app, seller, product);
        await setCertifiedUntil(app, productId, inDays(60));
        made[name] = await createOffer(app, seller, productId, offer);
      }
    });
    const names = (offers: { id: string }[]) =>
      offers.map((o) => Object.keys(made).find((k) => made[k] === o.id)).filter(Boolean);

    it('sorts by price, lead time and distance from the delivery department', async () => {
      // By the lowest price on offer: mid-region goes down to 0.35 € from 40,000 units.
      expect(names(await search({ category: 'SURGICAL_IIR' }))).toEqual([
        'cheap-far',
        'mid-region',
        'import',
        'dear-local',
      ]);
      expect(names(await search({ category: 'SURGICAL_IIR', sort: 'LEAD_TIME' }))).toEqual([
        'dear-local',
        'mid-region',
        'cheap-far',
        'import',
      ]);
      // The buyer is in 44 (Pays de la Loire): same department, then same region (49), then the rest by price.
      expect(names(await search({ category: 'SURGICAL_IIR', sort: 'DISTANCE' }))).toEqual([
        'dear-local',
        'mid-region',
        'cheap-far',
        'import',
      ]);
      expect(
        names(await search({ category: 'SURGICAL_IIR', sort: 'DISTANCE', deliveryDepartmentCode: '69' })),
      ).toEqual(['import', 'cheap-far', 'mid-region', 'dear-local']);
    });

    it('filters by quantity, price at that quantity, region, lead time and origin', async () => {
      expect(names(await search({ category: 'SURGICAL_IIR', quantity: 20_000 }))).toEqual([
        'cheap-far',
        'mid-region',
        'dear-local',
      ]);
      expect(names(await search({ category: 'SURGICAL_IIR', maxUnitPriceMicros: 500_000 }))).toEqual([
        'cheap-far',
        'mid-region',
        'import',
      ]);
      // mid-region costs 0.60 € below 40,000 units and 0.35 € from 40,000.
      expect(
        names(await search({ category: 'SURGICAL_IIR', maxUnitPriceMicros: 500_000, quantity: 5_000 })),
      ).toEqual(['import']);
      expect(
        names(await search({ category: 'SURGICAL_IIR', maxUnitPriceMicros: 500_000, quantity: 40_000 })),
      ).toEqual(['cheap-far', 'mid-region']);
      expect(names(await search({ category: 'SURGICAL_IIR', regionCode: '52' }))).toEqual([
        'mid-region',
        'dear-local',
      ]);
      expect(names(await search({ category: 'SURGICAL_IIR', departmentCode: '13' }))).toEqual(['cheap-far']);
      expect(names(await search({ category: 'SURGICAL_IIR', maxLeadTimeDays: 5 }))).toEqual([
        'mid-region',
        'dear-local',
      ]);
      expect(names(await search({ category: 'SURGICAL_IIR', madeInFrance: false }))).toEqual(['import']);
    });

    it('treats a null filter as an absent one (GraphQL clients send null for an empty filter)', async () => {
      const nulls = {
        category: null,
        quantity: null,
        regionCode: null,
        departmentCode: null,
        maxUnitPriceMicros: null,
        maxLeadTimeDays: null,
        madeInFrance: null,
        certifiedOn: null,
        deliveryDepartmentCode: null,
        after: null,
      };
      for (const sort of ['PRICE', 'LEAD_TIME', 'DISTANCE']) {
        const absent = names(await search({ category: 'SURGICAL_IIR', sort }));
        expect(absent).toHaveLength(4);
        expect(names(await search({ ...nulls, category: 'SURGICAL_IIR', sort }))).toEqual(absent);
      }
      // Each alone too, so one filter cannot hide behind another.
      for (const filter of Object.keys(nulls).filter((name) => name !== 'category'))
        expect([filter, names(await search({ category: 'SURGICAL_IIR', [filter]: null }))]).toEqual([
          filter,
          names(await search({ category: 'SURGICAL_IIR' })),
        ]);
      // Other suites' offers are in other categories: a null category is every category, as absent.
      expect((await search({ ...nulls, first: 50 })).map((o) => o.id).sort()).toEqual(
        (await search({ first: 50 })).map((o) => o.id).sort(),
      );
    });

    it('pages with cursors without gaps or repeats', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 4; page++) {
        const response: { data?: SearchResult | null } = await app.gql<SearchResult>(
          SEARCH,
          { category: 'SURGICAL_IIR', sort: 'DISTANCE', first: 1, after },
          buyer,
        );
        const connection = response.data!.offers;
        seen.push(...connection.edges.map((e) => e.node.id));
        after = connection.pageInfo.endCursor;
        if (!connection.pageInfo.hasNextPage) break;
      }
      expect(names(seen.map((id) => ({ id })))).toEqual(['dear-local', 'mid-region', 'cheap-far', 'import']);
    });

    it('refuses bad search arguments with typed errors', async () => {
      for (const variables of [
        { regionCode: '99' },
        { departmentCode: '00' },
        { first: 500 },
        { quantity: -1 },
        { after: 'not-a-cursor!' },
      ]) {
        expect(codeOf(await app.gql(SEARCH, variables, buyer))).toBe('BAD_USER_INPUT');
      }
      expect(codeOf(await app.gql(SEARCH, {}))).toBe('UNAUTHENTICATED');
    });
  });
});
