import { Logger } from '@nestjs/common';
import { MAX_DOCUMENT_TOKENS } from '@masks/core';
import { startTestApp, type TestApp } from './harness/app';
import { signUp, type Actor } from './harness/factories';
import { createOffer, createProduct, inDays, setCertifiedUntil, signUpSupplier } from './harness/catalog';
import { PLACE_ORDER } from './harness/orders';

/**
 * A client's mistake is answered as one, over real HTTP: a 4xx status, a typed `extensions.code`, no
 * stack, SQL or file path in the body, nothing written, nothing logged as a crash. Before, a variable of
 * the wrong type, a query over the complexity budget, cyclic fragments and an oversized body were all
 * answered 500 (the variables and the budget because errors thrown from a plugin's didResolveOperation
 * default to 500; the fragments because graphql-depth-limit recursed until the stack overflowed; the
 * body because body-parser's error reached Nest's exception filter as an unknown exception).
 */
describe('client errors: status and code', () => {
  let app: TestApp;
  let buyer: Actor;
  let offerId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_COMPLEXITY: '1000' } });
    const supplier = await signUpSupplier(app);
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    offerId = await createOffer(app, supplier, productId, { quantity: 100_000 });
    buyer = await signUp(app, { departmentCode: '44' });
  });
  afterAll(() => app.close());

  const TABLES = ['customer_order', 'organisation', 'offer', 'stock_movement', 'audit_entry', 'outbox_event'];
  const rowCounts = async () =>
    (
      await app.dataSource.query(
        `SELECT ${TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
      )
    )[0] as Record<string, number>;

  /** Sends a raw body to /graphql as the buyer; the status, the body as text and parsed. */
  async function send(body: string | Buffer, headers: Record<string, string> = {}) {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer.token}`, ...headers },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      json: JSON.parse(text) as {
        data?: unknown;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      },
    };
  }
  const operation = (query: string, variables?: Record<string, unknown>) =>
    JSON.stringify({ query, variables });

  /** Everything written to the console, stdout, stderr or the Nest loggers while `run` runs. */
  async function capturingLogs<T>(
    run: () => Promise<T>,
  ): Promise<{ result: T; logs: string[]; errors: string[] }> {
    const logs: string[] = [];
    const errors: string[] = [];
    const record =
      (into: string[]) =>
      (...args: unknown[]) => {
        into.push(args.map((arg) => (arg instanceof Error ? `${arg.stack}` : String(arg))).join(' '));
      };
    const spies = [
      jest.spyOn(console, 'error').mockImplementation(record(errors)),
      jest.spyOn(console, 'warn').mockImplementation(record(logs)),
      jest.spyOn(console, 'log').mockImplementation(record(logs)),
      jest.spyOn(Logger.prototype, 'error').mockImplementation(record(errors)),
      jest.spyOn(Logger.prototype, 'fatal').mockImplementation(record(errors)),
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(record(logs)),
      // What bypasses both (written straight to stderr) and looks like a crash.
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
        if (/Error\b|\n\s+at /.test(String(chunk))) errors.push(String(chunk));
        return true;
      }),
    ];
    try {
      return { result: await run(), logs, errors };
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }

  const LEAKS =
    /\n\s*at |\bat [\w.<>$]+ \(|SELECT|INSERT|UPDATE \w+ SET|QueryFailedError|node_modules|\w\.(ts|js):\d+|\/(work|home|usr|tmp|app)\//;

  /** Sends, then checks the status, the code, the body's shape, and that no table changed. */
  async function expectRefused(
    body: string | Buffer,
    status: number,
    code: string,
    extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    const before = await rowCounts();
    const { result, errors } = await capturingLogs(() => send(body, headers));
    expect({ status: result.status, code: result.json.errors?.[0]?.extensions?.code }).toEqual({
      status,
      code,
    });
    expect(result.json.errors?.[0]).toMatchObject({
      message: expect.any(String),
      extensions: { code, ...extensions },
    });
    expect(result.json.data ?? undefined).toBeUndefined();
    expect(result.text).not.toMatch(LEAKS);
    // Nothing logged as a crash: no error line, no stack, no overflow.
    expect(errors).toEqual([]);
    expect(await rowCounts()).toEqual(before);
    return result;
  }

  const PAGE = `query($n: Int) { organisations(first: $n) { edges { cursor } } }`;
  const order = (input: Record<string, unknown>) =>
    operation(PLACE_ORDER, {
      input: {
        lines: [{ offerId, quantity: 5_000 }],
        paymentMethod: 'BANK_TRANSFER',
        deliveryDepartmentCode: '44',
        ...input,
      },
      key: 'client-errors-1',
    });

  describe('variables of the wrong type or out of range: 400 BAD_USER_INPUT (was 500)', () => {
    it.each([
      ['a string for an Int', 'abc'],
      ['a fraction for an Int', 1.5],
      ['an Int above 2^31 - 1', 2147483648],
      ['1e20 for an Int', 1e20],
    ])('%s', async (_label, n) => {
      await expectRefused(operation(PAGE, { n }), 400, 'BAD_USER_INPUT');
    });

    it('an unknown enum value in a query (category FFP9)', async () => {
      const query = `query($c: MaskCategory) { offers(category: $c) { edges { cursor } } }`;
      await expectRefused(operation(query, { c: 'FFP9' }), 400, 'BAD_USER_INPUT');
    });

    it('placeOrder with paymentMethod BITCOIN, then with a required field missing: no order, no stock moved', async () => {
      const bitcoin = await expectRefused(order({ paymentMethod: 'BITCOIN' }), 400, 'BAD_USER_INPUT');
      expect(bitcoin.json.errors![0].message).toContain('BITCOIN');
      const missing = await expectRefused(order({ paymentMethod: undefined }), 400, 'BAD_USER_INPUT');
      expect(missing.json.errors![0].message).toContain('paymentMethod');
      await expectRefused(order({ lines: [{ offerId, quantity: 'lots' }] }), 400, 'BAD_USER_INPUT');
      // The same order with a real payment method is placed: the counts above could move.
      const before = await rowCounts();
      const placed = await send(order({}));
      expect(placed.status).toBe(200);
      expect(placed.json.errors).toBeUndefined();
      expect((await rowCounts()).customer_order).toBe(before.customer_order + 1);
    });
  });

  describe('documents the rules refuse: 400', () => {
    it('a syntax error: GRAPHQL_PARSE_FAILED', async () => {
      await expectRefused(operation(`{ filieres { code `), 400, 'GRAPHQL_PARSE_FAILED');
    });

    it('an unknown field, an unknown enum literal: GRAPHQL_VALIDATION_FAILED', async () => {
      await expectRefused(operation(`{ filieres { nope } }`), 400, 'GRAPHQL_VALIDATION_FAILED');
      await expectRefused(
        operation(
          `mutation { placeOrder(input: { lines: [], paymentMethod: BITCOIN, deliveryDepartmentCode: "44" }) { id } }`,
        ),
        400,
        'GRAPHQL_VALIDATION_FAILED',
      );
    });

    it('a query deeper than GRAPHQL_MAX_DEPTH: BAD_USER_INPUT, QUERY_TOO_DEEP', async () => {
      await expectRefused(
        operation(`{ organisations { edges { node { filieres { code } } } } }`),
        400,
        'BAD_USER_INPUT',
        { reason: 'QUERY_TOO_DEEP' },
      );
    });

    it('a query over the complexity budget: BAD_USER_INPUT, QUERY_TOO_COMPLEX (was 500)', async () => {
      const page = `organisations(first: 100) { edges { cursor node { id name siret regionCode } } }`;
      const refused = await expectRefused(
        operation(`{ a: ${page} b: ${page} c: ${page} d: ${page} }`),
        400,
        'BAD_USER_INPUT',
        { reason: 'QUERY_TOO_COMPLEX' },
      );
      expect(refused.json.errors![0].message).toMatch(/^Query is too complex: \d+ \(at most 1000\)$/);
      // With variables too (measured per request, not memoised).
      await expectRefused(
        operation(PAGE.replace('cursor', 'cursor node { id name siret regionCode }'), { n: 1000 }),
        400,
        'BAD_USER_INPUT',
        {
          reason: 'QUERY_TOO_COMPLEX',
        },
      );
    });

    it('fragments spreading each other twice per level (2^30 paths): refused, quickly', async () => {
      const fragments = Array.from({ length: 30 }, (_, i) =>
        i < 29
          ? `fragment F${i} on OrganisationConnection { ...F${i + 1} ... on OrganisationConnection { ...F${i + 1} } }`
          : `fragment F${i} on OrganisationConnection { edges { cursor } }`,
      );
      const started = Date.now();
      await expectRefused(
        operation(`{ organisations { ...F0 } } ${fragments.join(' ')}`),
        400,
        'BAD_USER_INPUT',
        {
          reason: 'QUERY_TOO_COMPLEX',
        },
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it(`a document over ${MAX_DOCUMENT_TOKENS} tokens: GRAPHQL_PARSE_FAILED; a long fragment chain under it is answered`, async () => {
      const chain = (length: number) =>
        Array.from({ length }, (_, i) =>
          i < length - 1
            ? `fragment F${i} on OrganisationConnection { ...F${i + 1} }`
            : `fragment F${i} on OrganisationConnection { edges { cursor } }`,
        ).join(' ');
      // 12,000 fragments in a chain overflowed graphql-js's own cycle check (a 500).
      await expectRefused(
        operation(`{ organisations { ...F0 } } ${chain(12_000)}`),
        400,
        'GRAPHQL_PARSE_FAILED',
      );
      const { result, errors } = await capturingLogs(() =>
        send(operation(`{ organisations { ...F0 } } ${chain(1_200)}`)),
      );
      expect(result.status).toBe(200);
      expect(result.json.errors).toBeUndefined();
      expect(errors).toEqual([]);
    });
  });

  describe('fragments in a cycle: 400 GRAPHQL_VALIDATION_FAILED, no stack overflow (was a RangeError and 500)', () => {
    const cycles = [
      [
        'through two fragments',
        `{ organisations { ...A } } fragment A on OrganisationConnection { ...B } fragment B on OrganisationConnection { ...A }`,
      ],
      [
        'a fragment spreading itself',
        `{ organisations { ...A } } fragment A on OrganisationConnection { edges { cursor } ...A }`,
      ],
      [
        'through fields',
        `{ subcontractingLinks { ...L } } fragment L on SubcontractingLink { group { ...O } } fragment O on Organisation { filieres { code } ...P } fragment P on Organisation { ...O }`,
      ],
    ];
    it.each(cycles)('%s', async (_label, query) => {
      const refused = await expectRefused(operation(query), 400, 'GRAPHQL_VALIDATION_FAILED');
      expect(refused.json.errors!.map((error) => error.message)).toContainEqual(
        expect.stringMatching(/^Cannot spread fragment "\w+" within itself/),
      );
      expect(refused.text).not.toMatch(/RangeError|call stack/i);
      // The server still answers.
      const next = await send(operation(`{ filieres { code } }`));
      expect(next.status).toBe(200);
      expect(next.json.errors).toBeUndefined();
    });

    it('a spread of an unknown fragment (graphql-depth-limit crashed on it: 500)', async () => {
      await expectRefused(operation(`{ organisations { ...Nowhere } }`), 400, 'GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('bodies the parsers refuse', () => {
    it('5 MB of JSON: 413 PAYLOAD_TOO_LARGE, { errors: [{ message, extensions: { code } }] }, no stack logged (was 500)', async () => {
      const body = JSON.stringify({
        query: `{ filieres { code } }`,
        variables: { pad: 'x'.repeat(5_000_000) },
      });
      const before = await rowCounts();
      const { result, logs, errors } = await capturingLogs(() => send(body));
      expect(result.status).toBe(413);
      expect(result.json).toEqual({
        errors: [{ message: expect.stringMatching(/too large/), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      });
      expect(result.text).not.toMatch(LEAKS);
      expect(errors).toEqual([]);
      // A warning says what was refused, without a stack (and shows the capture works).
      expect(logs).toEqual([expect.stringMatching(/^POST \/graphql: 413 entity\.too\.large$/)]);
      expect(await rowCounts()).toEqual(before);
    });

    it('a body of any other type over its parser limit: 413 PAYLOAD_TOO_LARGE', async () => {
      await expectRefused(
        `a=${'x'.repeat(200_000)}`,
        413,
        'PAYLOAD_TOO_LARGE',
        {},
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      );
    });

    it('malformed JSON: 400 BAD_USER_INPUT', async () => {
      const refused = await expectRefused(`{"query": "{ filieres { code } }", `, 400, 'BAD_USER_INPUT');
      expect(refused.json.errors![0].message).toBe('Malformed request body: not valid JSON');
    });

    it('an unsupported charset: 415 BAD_USER_INPUT', async () => {
      await expectRefused(
        operation(`{ filieres { code } }`),
        415,
        'BAD_USER_INPUT',
        {},
        {
          'content-type': 'application/json; charset=latin9',
        },
      );
    });
  });
});
