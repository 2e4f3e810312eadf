import { randomUUID } from 'node:crypto';
import { RequestContext } from '@masks/core';
import {
  consumeQuota,
  organisationUsage,
  quotaLeft,
  QuotaScheme,
  releaseQuota,
  schemeInForce,
  type ConsumptionAsk,
} from '@masks/quotas';
import { startTestApp, type TestApp } from './harness/app';

/** The quota engine on the real database: atomic consumption, release, periods, the ledger. */
describe('quotas: consumption ledger on PostgreSQL', () => {
  let app: TestApp;
  const ctx = RequestContext.system();

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const addScheme = async (values: Partial<QuotaScheme>): Promise<QuotaScheme> => {
    const repository = app.dataSource.getRepository(QuotaScheme);
    return repository.save(
      repository.create({
        code: `TEST_${randomUUID().slice(0, 8)}`,
        name: 'test scheme',
        unit: 'mask',
        capPerPerson: 25,
        periodDays: 14,
        periodAnchor: '2020-05-04',
        maxPersonsPerOrganisation: 250,
        lotSizes: [],
        minDaysBetweenOrders: null,
        eligibility: {
          sizeClasses: [],
          excludeSubcontractorsOfLargeGroups: false,
          excludeSubsidiaries: false,
        },
        effectiveFrom: new Date('2020-01-01T00:00:00Z'),
        effectiveUntil: null,
        ...values,
      }),
    );
  };

  const consume = (scheme: QuotaScheme, organisationId: string, ask: ConsumptionAsk, at = new Date()) =>
    app.dataSource.transaction((manager) =>
      consumeQuota(manager, ctx, { scheme, organisationId, at, ask, orderRef: `order-${randomUUID()}` }),
    );
  const named = (personId: string, quantity: number): ConsumptionAsk => ({
    kind: 'named',
    allocations: [{ personId, quantity }],
  });
  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: { code?: string; details?: Record<string, unknown> }) => ({
        code: error.code,
        reason: error.details?.reason,
      }),
    );

  /** Usage rows that differ from the ledger's sums (must be none). */
  const ledgerDisagreements = async () => [
    ...(await app.dataSource.query(`
      SELECT u.scheme_id, u.person_id, u.period_start, u.used, coalesce(l.sum, 0) AS ledger
      FROM quota_person_usage u
      LEFT JOIN (SELECT scheme_id, person_id, period_start, sum(quantity)::int AS sum FROM quota_ledger_entry GROUP BY 1, 2, 3) l
        USING (scheme_id, person_id, period_start)
      WHERE u.used <> coalesce(l.sum, 0)`)),
    ...(await app.dataSource.query(`
      SELECT o.scheme_id, o.organisation_id, o.period_start, o.used, coalesce(l.sum, 0) AS ledger
      FROM quota_organisation_usage o
      LEFT JOIN (SELECT scheme_id, organisation_id, period_start, sum(quantity)::int AS sum FROM quota_ledger_entry GROUP BY 1, 2, 3) l
        USING (scheme_id, organisation_id, period_start)
      WHERE o.used <> coalesce(l.sum, 0)`)),
  ];

  it('the migration seeds the click & collect scheme: 25 per person per fortnight, 250 persons', async () => {
    const scheme = await schemeInForce(app.dataSource.manager, 'CLICK_COLLECT_SURGICAL', new Date());
    expect(scheme).toMatchObject({
      capPerPerson: 25,
      periodDays: 14,
      maxPersonsPerOrganisation: 250,
      lotSizes: [],
      eligibility: {
        sizeClasses: ['TPE', 'PME'],
        excludeSubcontractorsOfLargeGroups: true,
        excludeSubsidiaries: true,
      },
    });
    await expect(
      schemeInForce(app.dataSource.manager, 'CLICK_COLLECT_SURGICAL', new Date('2020-01-01')),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('takes units per person, says what is left, refuses past 25 and changes nothing', async () => {
    const scheme = await schemeInForce(app.dataSource.manager, 'CLICK_COLLECT_SURGICAL', new Date());
    const company = randomUUID();
    const [alice, bob] = [randomUUID(), randomUUID()];
    const result = await consume(scheme, company, {
      kind: 'named',
      allocations: [
        { personId: alice, quantity: 20 },
        { personId: bob, quantity: 5 },
      ],
    });
    expect(result.total).toBe(25);
    const entries = await app.dataSource.query(`SELECT count(*)::int AS n FROM quota_ledger_entry`);
    expect(await errorOf(consume(scheme, company, named(alice, 6)))).toEqual({
      code: 'CONFLICT',
      reason: 'PERSON_CAP',
    });
    expect(await errorOf(consume(scheme, company, named(bob, 26)))).toEqual({
      code: 'CONFLICT',
      reason: 'PERSON_CAP',
    });
    expect(await errorOf(consume(scheme, company, named(bob, 0)))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'BAD_QUANTITY',
    });
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM quota_ledger_entry`)).toEqual(entries);
    const left = await quotaLeft(app.dataSource.manager, scheme, [alice, bob, randomUUID()], new Date());
    expect(left.persons.map((p) => [p.used, p.remaining])).toEqual([
      [20, 5],
      [5, 20],
      [0, 25],
    ]);
    expect(await organisationUsage(app.dataSource.manager, scheme, company, new Date())).toMatchObject({
      used: 25,
      persons: 2,
      remaining: 6_225,
    });
    expect(await ledgerDisagreements()).toEqual([]);
  });

  it('the fortnight turns at Paris midnight, across a clock change, in the rows written', async () => {
    // A window 16–29 March 2020: its last day is the spring-forward day.
    const scheme = await addScheme({ periodAnchor: '2020-03-16' });
    const company = randomUUID();
    const person = randomUUID();
    await consume(scheme, company, named(person, 25), new Date('2020-03-29T21:59:59Z')); // 23:59:59 CEST
    expect(
      await errorOf(consume(scheme, company, named(person, 1), new Date('2020-03-29T21:59:59.500Z'))),
    ).toEqual({
      code: 'CONFLICT',
      reason: 'PERSON_CAP',
    });
    await consume(scheme, company, named(person, 25), new Date('2020-03-29T22:00:00Z')); // 00:00:00 on the 30th
    // Fall back: 25 October 2020 is the last day of the window 12–25 October.
    await consume(scheme, company, named(person, 25), new Date('2020-10-25T22:59:59Z')); // 23:59:59 CET
    await consume(scheme, company, named(person, 25), new Date('2020-10-25T23:00:00Z'));
    const rows = await app.dataSource.query(
      `SELECT period_start::text, used FROM quota_person_usage WHERE scheme_id = $1 ORDER BY period_start`,
      [scheme.id],
    );
    expect(rows).toEqual([
      { period_start: '2020-03-16', used: 25 },
      { period_start: '2020-03-30', used: 25 },
      { period_start: '2020-10-12', used: 25 },
      { period_start: '2020-10-26', used: 25 },
    ]);
  });

  it('a release gives the units back to the period they were taken in, once', async () => {
    const scheme = await schemeInForce(app.dataSource.manager, 'CLICK_COLLECT_SURGICAL', new Date());
    const company = randomUUID();
    const person = randomUUID();
    const orderRef = `order-${randomUUID()}`;
    const at = new Date();
    await app.dataSource.transaction((manager) =>
      consumeQuota(manager, ctx, { scheme, organisationId: company, at, ask: named(person, 25), orderRef }),
    );
    expect(await app.dataSource.transaction((manager) => releaseQuota(manager, ctx, orderRef))).toBe(25);
    expect(await app.dataSource.transaction((manager) => releaseQuota(manager, ctx, orderRef))).toBe(0);
    const left = await quotaLeft(app.dataSource.manager, scheme, [person], at);
    expect(left.persons[0].remaining).toBe(25);
    const reasons = await app.dataSource.query(
      `SELECT reason, quantity FROM quota_ledger_entry WHERE order_ref = $1 ORDER BY id`,
      [orderRef],
    );
    expect(reasons).toEqual([
      { reason: 'CONSUMPTION', quantity: 25 },
      { reason: 'RELEASE', quantity: -25 },
    ]);
    await expect(
      app.dataSource.query(`DELETE FROM quota_ledger_entry WHERE order_ref = $1`, [orderRef]),
    ).rejects.toThrow(/append-only/);
    expect(await ledgerDisagreements()).toEqual([]);
  });

  it('600 concurrent consumptions (named and spread) never pass a person’s, the company’s or the persons limit', async () => {
    // 6 persons counted at most: 150 units for the company; 8 persons ask.
    const scheme = await addScheme({ maxPersonsPerOrganisation: 6 });
    const company = randomUUID();
    const persons = Array.from({ length: 8 }, () => randomUUID());
    const asks: ConsumptionAsk[] = Array.from({ length: 600 }, (_, i) =>
      i % 3 === 0
        ? { kind: 'spread', quantity: 1 + (i % 4), personIds: persons }
        : named(persons[i % persons.length], 1 + (i % 3)),
    );
    const outcomes = await Promise.all(asks.map((ask) => errorOf(consume(scheme, company, ask))));
    const refusals = new Set(outcomes.filter(Boolean).map((o) => `${o!.code}:${o!.reason}`));
    for (const refusal of refusals)
      expect([
        'CONFLICT:PERSON_CAP',
        'CONFLICT:PERSONS_LIMIT',
        'CONFLICT:ORGANISATION_CAP',
        'CONFLICT:NOT_ENOUGH_QUOTA',
      ]).toContain(refusal);
    const usage = await app.dataSource.query(
      `SELECT person_id, used FROM quota_person_usage WHERE scheme_id = $1`,
      [scheme.id],
    );
    expect(usage.length).toBeLessThanOrEqual(6);
    for (const row of usage) expect(row.used).toBeLessThanOrEqual(25);
    const org = await organisationUsage(app.dataSource.manager, scheme, company, new Date());
    expect(org.used).toBe(usage.reduce((sum: number, row: { used: number }) => sum + row.used, 0));
    // Asks of 1 unit keep coming after the persons fill up, so the company ends exactly at its cap.
    expect(org.used).toBe(150);
    expect(org.persons).toBe(6);
    expect(await ledgerDisagreements()).toEqual([]);
  });

  it('La Poste as configuration: lots of 6 or 40, one order per 15 days, even when 30 arrive at once', async () => {
    const scheme = await addScheme({
      capPerPerson: 4,
      maxPersonsPerOrganisation: null,
      lotSizes: [6, 40],
      minDaysBetweenOrders: 15,
    });
    const company = randomUUID();
    const persons = Array.from({ length: 12 }, () => randomUUID());
    const spread = (quantity: number): ConsumptionAsk => ({ kind: 'spread', quantity, personIds: persons });
    expect(await errorOf(consume(scheme, company, spread(45)))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_A_SUM_OF_LOTS',
    });
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () => errorOf(consume(scheme, company, spread(46)))),
    );
    expect(outcomes.filter((o) => o === null)).toHaveLength(1);
    expect(new Set(outcomes.filter(Boolean).map((o) => o!.reason))).toEqual(new Set(['TOO_SOON']));
    const later = new Date(Date.now() + 15 * 86_400_000 + 60_000);
    expect(await errorOf(consume(scheme, company, spread(6), later))).toBeNull();
    expect(await ledgerDisagreements()).toEqual([]);
  });
});
