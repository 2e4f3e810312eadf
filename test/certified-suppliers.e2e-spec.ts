import { startTestApp, type GraphQLResponse, type TestApp } from './harness/app';
import { codeOf, createDgeOfficer, type Actor } from './harness/factories';
import { createProduct, inDays, signUpSupplier } from './harness/catalog';
import { certifyProduct, decisionMutation, submitEvidence } from './harness/certification';
import { everyField } from './harness/schema';

const LIST = `query($category: MaskCategory, $region: String, $first: Int, $after: String, $sort: CertifiedSuppliersSort) {
  certifiedSuppliers(category: $category, regionCode: $region, first: $first, after: $after, sort: $sort) {
    edges { node { company salesContact categories productionSites { countryCode country city departmentCode departmentName regionCode regionName categories } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface ListData {
  certifiedSuppliers: {
    edges: {
      node: {
        company: string;
        salesContact: string | null;
        categories: string[];
        productionSites: Record<string, unknown>[];
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const ANGERS = {
  countryCode: 'FR',
  country: 'France',
  city: 'Angers',
  departmentCode: '49',
  departmentName: 'Maine-et-Loire',
  regionCode: '52',
  regionName: 'Pays de la Loire',
};
const STRASBOURG = {
  countryCode: 'FR',
  country: 'France',
  city: 'Strasbourg',
  departmentCode: '67',
  departmentName: 'Bas-Rhin',
  regionCode: '44',
  regionName: 'Grand Est',
};

/** The DGE's public list (GraphQL and CSV): only what is certified today, as published. */
describe('public list of certified suppliers', () => {
  let app: TestApp;
  let dge: Actor;

  const supplierNamed = async (name: string, salesContact?: string): Promise<Actor> => {
    const supplier = await signUpSupplier(app, { name });
    if (salesContact)
      await app.gql(
        `mutation($c: String!) { updateMyOrganisation(input: { salesContact: $c }) { id } }`,
        { c: salesContact },
        supplier,
      );
    return supplier;
  };

  beforeAll(async () => {
    app = await startTestApp();
    dge = await createDgeOfficer(app);
    const year = inDays(365);

    const lorraine = await supplierNamed(
      'Ateliers Élan Textile',
      'Claire Martin, ventes@elan-textile.test, 03 88 00 00 00',
    );
    await certifyProduct(app, lorraine, dge, await createProduct(app, lorraine), year);
    const uns = await createProduct(app, lorraine, {
      category: 'UNS1',
      standardCode: 'AFNOR-UNS1',
      reusable: true,
      declaredWashes: 10,
      ceMarked: false,
    });
    await certifyProduct(app, lorraine, dge, uns, year, 'AFNOR-UNS1');
    await certifyProduct(
      app,
      lorraine,
      dge,
      await createProduct(app, lorraine, { productionCity: 'Strasbourg', productionDepartmentCode: '67' }),
      year,
    );

    const importer = await supplierNamed('Zhong Import', 'import@zhong.test');
    const made = { countryOfProduction: 'CN', productionCity: 'Shenzhen', productionDepartmentCode: null };
    await certifyProduct(app, importer, dge, await createProduct(app, importer, made), year);

    // Not on the list: a derogation whose window closed, a revocation, a validity ended (before the
    // expiry job ran), a claim still pending.
    const derogation = await supplierNamed('Kappa Derogation');
    await certifyProduct(
      app,
      derogation,
      dge,
      await createProduct(app, derogation, { ...made, standardCode: 'KN95' }),
      year,
      'KN95',
    );
    const revoked = await supplierNamed('Revoked Masks');
    const revokedId = await certifyProduct(app, revoked, dge, await createProduct(app, revoked), year);
    await app.gql(decisionMutation('revoke'), { id: revokedId, reason: 'Non conforme' }, dge);
    const lapsed = await supplierNamed('Lapsed Masks');
    const lapsedProduct = await createProduct(app, lapsed);
    await certifyProduct(app, lapsed, dge, lapsedProduct, year);
    await app.dataSource.query(
      `UPDATE product SET certified_until = now() - interval '1 second' WHERE id = $1`,
      [lapsedProduct],
    );
    const pending = await supplierNamed('Pending Masks');
    await submitEvidence(app, pending, await createProduct(app, pending));
  });
  afterAll(() => app.close());

  it('lists, without login, the companies certified today with their places of production and categories', async () => {
    const response = await app.gql<ListData>(LIST, { first: 50 });
    expect(response.errors).toBeUndefined();
    expect(response.data!.certifiedSuppliers.edges.map((edge) => edge.node)).toEqual([
      {
        company: 'Ateliers Élan Textile',
        salesContact: 'Claire Martin, ventes@elan-textile.test, 03 88 00 00 00',
        categories: ['FFP2', 'UNS1'],
        productionSites: [
          { ...ANGERS, categories: ['FFP2', 'UNS1'] },
          { ...STRASBOURG, categories: ['FFP2'] },
        ],
      },
      {
        company: 'Zhong Import',
        salesContact: 'import@zhong.test',
        categories: ['FFP2'],
        productionSites: [
          {
            countryCode: 'CN',
            country: 'Chine',
            city: 'Shenzhen',
            departmentCode: null,
            departmentName: null,
            regionCode: null,
            regionName: null,
            categories: ['FFP2'],
          },
        ],
      },
    ]);
  });

  it('filters by category and by region of production, and pages with cursors', async () => {
    const uns = await app.gql<ListData>(LIST, { category: 'UNS1' });
    expect(
      uns.data!.certifiedSuppliers.edges.map((edge) => [
        edge.node.company,
        edge.node.categories,
        edge.node.productionSites.length,
      ]),
    ).toEqual([['Ateliers Élan Textile', ['UNS1'], 1]]);
    const grandEst = await app.gql<ListData>(LIST, { region: '44' });
    expect(grandEst.data!.certifiedSuppliers.edges.map((edge) => edge.node.productionSites)).toEqual([
      [{ ...STRASBOURG, categories: ['FFP2'] }],
    ]);

    const first = await app.gql<ListData>(LIST, { first: 1 });
    expect(first.data!.certifiedSuppliers.edges.map((edge) => edge.node.company)).toEqual([
      'Ateliers Élan Textile',
    ]);
    expect(first.data!.certifiedSuppliers.pageInfo.hasNextPage).toBe(true);
    const second = await app.gql<ListData>(LIST, {
      first: 1,
      after: first.data!.certifiedSuppliers.pageInfo.endCursor,
    });
    expect(second.data!.certifiedSuppliers.edges.map((edge) => edge.node.company)).toEqual(['Zhong Import']);
    expect(second.data!.certifiedSuppliers.pageInfo.hasNextPage).toBe(false);

    expect(codeOf(await app.gql(LIST, { region: 'Grand Est' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(LIST, { first: 1000 }))).toBe('BAD_USER_INPUT');
  });

  it('answers the documented page size, 100, with every field of the list; costlier queries are still refused', async () => {
    const everything = await everyField(app, 'CertifiedSupplierConnection');
    expect(everything).toMatch(/node \{ .*productionSites \{ .*regionName.*\}.*pageInfo \{/);
    const page = await app.gql<ListData>(
      `query($first: Int) { certifiedSuppliers(first: $first) { ${everything} } }`,
      { first: 100 },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data!.certifiedSuppliers.edges.map((edge) => edge.node.company)).toEqual([
      'Ateliers Élan Textile',
      'Zhong Import',
    ]);
    // Still bounded: two such pages in one request (aliases add up)…
    const twoPages = await app.gql(
      `{ a: certifiedSuppliers(first: 100) { ${everything} } b: certifiedSuppliers(first: 100) { ${everything} } }`,
    );
    expect(twoPages.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    // …and elsewhere, a page of 100 whose fields each need their own loading.
    const orders = await app.gql(
      `{ orders(first: 100) { edges { node { id number lines { id offerId quantity unitPriceMicros lineTotalCents } history { fromStatus toStatus action actor } } } } }`,
      {},
      dge,
    );
    expect(orders.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
  });

  it('exports the same list as CSV for French Excel: UTF-8 with BOM, ";" separated, the published columns', async () => {
    const response = await fetch(`${app.url}/public/certified-suppliers.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('fournisseurs-certifies.csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'Entreprise;Contact commercial;Pays de production;Ville de production;Département de production;Région de production;Catégories',
      'Ateliers Élan Textile;Claire Martin, ventes@elan-textile.test, 03 88 00 00 00;France;Angers;49 - Maine-et-Loire;Pays de la Loire;FFP2, Grand public UNS1',
      'Ateliers Élan Textile;Claire Martin, ventes@elan-textile.test, 03 88 00 00 00;France;Strasbourg;67 - Bas-Rhin;Grand Est;FFP2',
      'Zhong Import;import@zhong.test;Chine;Shenzhen;;;FFP2',
      '',
    ]);

    const filtered = await fetch(`${app.url}/public/certified-suppliers.csv?category=UNS1&region=52`);
    expect((await filtered.text()).trim().split('\r\n')).toHaveLength(2);
    const bad = await fetch(`${app.url}/public/certified-suppliers.csv?category=FFP9`);
    expect(bad.status).toBe(400);
  });

  // Last: it adds a supplier the tests above do not expect.
  it('sorts by company, by region of production or newest certified first, in SQL, and pages each order with its own cursor', async () => {
    const normandie = await supplierNamed('Alpha Normandie');
    const rouen = { productionCity: 'Rouen', productionDepartmentCode: '76' };
    await certifyProduct(app, normandie, dge, await createProduct(app, normandie, rouen), inDays(365));

    const orders: Record<string, string[]> = {
      // The default, as before.
      COMPANY: ['Alpha Normandie', 'Ateliers Élan Textile', 'Zhong Import'],
      // Élan's first region by name is Grand Est (before Pays de la Loire); Zhong produces abroad.
      REGION: ['Ateliers Élan Textile', 'Alpha Normandie', 'Zhong Import'],
      NEWEST_CERTIFIED: ['Alpha Normandie', 'Zhong Import', 'Ateliers Élan Textile'],
    };
    const companies = (data: ListData) => data.certifiedSuppliers.edges.map((edge) => edge.node.company);
    expect(companies((await app.gql<ListData>(LIST, {})).data!)).toEqual(orders.COMPANY);
    expect(companies((await app.gql<ListData>(LIST, { sort: null })).data!)).toEqual(orders.COMPANY);
    for (const [sort, expected] of Object.entries(orders)) {
      const whole = await app.gql<ListData>(LIST, { sort });
      expect(whole.errors).toBeUndefined();
      expect([sort, companies(whole.data!)]).toEqual([sort, expected]);
      // One per page: each cursor continues its own order, with nothing skipped or repeated.
      const paged: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < expected.length; pages++) {
        const response: GraphQLResponse<ListData> = await app.gql<ListData>(LIST, {
          sort,
          first: 1,
          after,
        });
        expect(response.errors).toBeUndefined();
        const page: ListData = response.data!;
        paged.push(...companies(page));
        expect(page.certifiedSuppliers.pageInfo.hasNextPage).toBe(pages < expected.length - 1);
        after = page.certifiedSuppliers.pageInfo.endCursor;
      }
      expect([sort, paged]).toEqual([sort, expected]);
      const csv = await fetch(`${app.url}/public/certified-suppliers.csv?sort=${sort}`);
      const csvCompanies = (await csv.text())
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(';')[0]);
      expect([sort, [...new Set(csvCompanies)]]).toEqual([sort, expected]);
    }
    // Filters and sort together, and a cursor refused in another order.
    const ffp2ByRegion = await app.gql<ListData>(LIST, { sort: 'REGION', category: 'FFP2', first: 2 });
    expect(companies(ffp2ByRegion.data!)).toEqual(orders.REGION.slice(0, 2));
    const cursor = ffp2ByRegion.data!.certifiedSuppliers.pageInfo.endCursor;
    expect(codeOf(await app.gql(LIST, { sort: 'NEWEST_CERTIFIED', after: cursor }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(LIST, { sort: 'PRICE' }))).toBe('BAD_USER_INPUT');
    expect((await fetch(`${app.url}/public/certified-suppliers.csv?sort=PRICE`)).status).toBe(400);
  });
});
