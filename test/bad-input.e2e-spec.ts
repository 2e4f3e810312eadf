import { startTestApp, type TestApp } from './harness/app';
import { SIGN_UP, codeOf, createDgeOfficer, signUp, signUpInput } from './harness/factories';

/** Bad input gets a typed error, changes nothing, and leaks no internals. */
describe('bad inputs, limits and query cost', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COMPLEXITY: '400' } });
  });
  afterAll(() => app.close());

  const organisations = async () =>
    Number((await app.dataSource.query(`SELECT count(*) FROM organisation`))[0].count);

  const variants: [string, (input: ReturnType<typeof signUpInput>) => unknown][] = [
    [
      'a SIRET with a wrong checksum',
      (i) => ({
        ...i,
        organisation: {
          ...i.organisation,
          siret: i.organisation.siret.slice(0, 13) + ((Number(i.organisation.siret[13]) + 1) % 10),
        },
      }),
    ],
    [
      'a SIRET of 13 digits',
      (i) => ({ ...i, organisation: { ...i.organisation, siret: i.organisation.siret.slice(0, 13) } }),
    ],
    ['a SIRET with letters', (i) => ({ ...i, organisation: { ...i.organisation, siret: 'ABCDEFGHIJKLMN' } })],
    ['a missing name', (i) => ({ ...i, organisation: { ...i.organisation, name: undefined } })],
    ['an oversized name', (i) => ({ ...i, organisation: { ...i.organisation, name: 'x'.repeat(10_000) } })],
    ['an unknown department', (i) => ({ ...i, organisation: { ...i.organisation, departmentCode: '20' } })],
    ['a negative headcount', (i) => ({ ...i, organisation: { ...i.organisation, headcount: -1 } })],
    [
      'a self-declared authority',
      (i) => ({ ...i, organisation: { ...i.organisation, kinds: ['AUTHORITY'] } }),
    ],
    [
      'an unknown filière',
      (i) => ({ ...i, organisation: { ...i.organisation, filiereCodes: ['licornes'] } }),
    ],
    ['a malformed e-mail', (i) => ({ ...i, admin: { ...i.admin, email: 'not-an-email' } })],
    ['a short password', (i) => ({ ...i, admin: { ...i.admin, password: 'short' } })],
    ['an unexpected field', (i) => ({ ...i, admin: { ...i.admin, isDgeOfficer: true } })],
  ];

  it.each(variants)('refuses %s with BAD_USER_INPUT and creates nothing', async (_label, mutate) => {
    const before = await organisations();
    const response = await app.gql(SIGN_UP, { input: mutate(signUpInput()) });
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(codeOf(response));
    expect(JSON.stringify(response.errors)).not.toMatch(/stack|SELECT|INSERT|QueryFailedError|at \w+ \(/);
    expect(await organisations()).toBe(before);
  });

  it('names each broken rule with its arguments next to its field, for a client to word in its language', async () => {
    const input = signUpInput();
    const response = await app.gql(SIGN_UP, {
      input: {
        ...input,
        organisation: { ...input.organisation, name: 'x'.repeat(10_000), headcount: -1 },
        admin: { ...input.admin, email: 'not-an-email' },
      },
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    const { fields, rules } = response.errors![0].extensions as {
      fields: Record<string, string[]>;
      rules: Record<string, { rule: string; args: (string | number)[] }[]>;
    };
    expect(rules).toMatchObject({
      'organisation.name': [{ rule: 'isLength', args: [expect.any(Number), expect.any(Number)] }],
      'organisation.headcount': [{ rule: 'min', args: [expect.any(Number)] }],
      'admin.email': [{ rule: 'isEmail', args: [] }],
    });
    // The English messages stay, path for path.
    expect(Object.keys(fields).sort()).toEqual(Object.keys(rules).sort());
  });

  it('refuses malformed ids, cursors, page sizes and idempotency keys with BAD_USER_INPUT', async () => {
    const actor = await signUp(app);
    const auth = { token: actor.token };
    expect(codeOf(await app.gql(`{ organisation(id: "42") { id } }`, {}, auth))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(`{ organisations(after: "!!") { edges { cursor } } }`, {}, auth))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(await app.gql(`{ organisations(after: "bm90LWpzb24") { edges { cursor } } }`, {}, auth)),
    ).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.gql(`{ organisations(first: 1000) { edges { cursor } } }`, {}, auth))).toBe(
      'BAD_USER_INPUT',
    );
    const invite = await app.gql(
      `mutation { inviteMember(input: { email: "a@example.test", roles: [BUYER] }, idempotencyKey: "bad key!") { id } }`,
      {},
      auth,
    );
    expect(codeOf(invite)).toBe('BAD_USER_INPUT');
    expect(Number((await app.dataSource.query(`SELECT count(*) FROM invitation`))[0].count)).toBe(0);
    // A role the organisation's kind cannot grant.
    const dgeRole = await app.gql(
      `mutation { inviteMember(input: { email: "b@example.test", roles: [DGE_OFFICER] }) { id } }`,
      {},
      auth,
    );
    expect(codeOf(dgeRole)).toBe('BAD_USER_INPUT');
  });

  it('refuses too-deep and too-costly queries before running them', async () => {
    const dge = await createDgeOfficer(app);
    const shallow = await app.gql(`{ subcontractingLinks { group { name } } }`, {}, { token: dge.token });
    expect(shallow.errors).toBeUndefined();
    const deeper = await app.gql(
      `{ organisations { edges { node { filieres { code } } } } }`,
      {},
      { token: dge.token },
    );
    expect(deeper.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP' });
    const costly = `{ organisations(first: 100) { edges { cursor node { id name siret } } } }`;
    // Twice: the second time the weight of this variable-free operation comes from the plugin's memo.
    for (let i = 0; i < 2; i++) {
      expect((await app.gql(costly, {}, { token: dge.token })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'QUERY_TOO_COMPLEX',
      });
    }
    // With variables the same text weighs what its variables say, every time.
    const paged = `query($n: Int) { organisations(first: $n) { edges { cursor node { id name siret } } } }`;
    expect((await app.gql(paged, { n: 2 }, { token: dge.token })).errors).toBeUndefined();
    expect((await app.gql(paged, { n: 100 }, { token: dge.token })).errors?.[0].extensions).toMatchObject({
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect((await app.gql(paged, { n: 2 }, { token: dge.token })).errors).toBeUndefined();
  });
});

describe('data loading', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('reads a page of organisations with their filières in a constant number of statements (no N+1)', async () => {
    const dge = await createDgeOfficer(app);
    const QUERY = `query($n: Int!) { organisations(first: $n) { edges { node { id filieres { code name } } } } }`;
    const statements = async (n: number) => {
      const before = app.queryCounter.count;
      const response = await app.gql<{ organisations: { edges: unknown[] } }>(
        QUERY,
        { n },
        { token: dge.token },
      );
      expect(response.data?.organisations.edges).toHaveLength(n);
      return app.queryCounter.count - before;
    };
    for (let i = 0; i < 30; i++) await signUp(app, { filiereCodes: ['automobile', 'bois'] });
    const small = await statements(3);
    const large = await statements(30);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(3);
  });
});

describe('rate limiting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '20' } });
  });
  afterAll(() => app.close());

  it('answers TOO_MANY_REQUESTS past the per-minute budget, one budget whatever the operations', async () => {
    const codes: (string | undefined)[] = [];
    const operations = [`{ filieres { code } }`, `{ maskStandards { code } }`];
    for (let i = 0; i < 25; i++) codes.push(codeOf(await app.gql(operations[i % 2])));
    expect(codes.slice(0, 20).every((code) => code === undefined)).toBe(true);
    expect(codes.slice(20)).toEqual(Array(5).fill('TOO_MANY_REQUESTS'));
  });
});
