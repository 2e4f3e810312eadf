import fc from 'fast-check';
import { decideConsumption, type ConsumptionState } from './consumption';
import { periodOf } from './period';
import { decideEligibility } from './eligibility';
import { isSumOfLots, organisationCap, schemeProblem, type QuotaSchemeRules } from './scheme';

const eligibility = {
  sizeClasses: ['TPE', 'PME'] as ('TPE' | 'PME')[],
  excludeSubcontractorsOfLargeGroups: true,
  excludeSubsidiaries: true,
};

/** The Cdiscount scheme of spring 2020, as the migration seeds it. */
const clickCollect: QuotaSchemeRules = {
  code: 'CLICK_COLLECT_SURGICAL',
  name: 'Click & collect TPE/PME',
  unit: 'surgical mask',
  capPerPerson: 25,
  period: { lengthDays: 14, anchorDate: '2020-05-04' },
  maxPersonsPerOrganisation: 250,
  lotSizes: [],
  minDaysBetweenOrders: null,
  eligibility,
  effectiveFrom: new Date('2020-05-01T00:00:00Z'),
  effectiveUntil: null,
};

/** La Poste: 4 masks per employee per 2 weeks, lots of 6 or 40, one order per 15 days. Data only. */
const laPoste: QuotaSchemeRules = {
  code: 'LA_POSTE_SURGICAL',
  name: 'La Poste, masques pour TPE/PME',
  unit: 'surgical mask',
  capPerPerson: 4,
  period: { lengthDays: 14, anchorDate: '2020-05-11' },
  maxPersonsPerOrganisation: null,
  lotSizes: [6, 40],
  minDaysBetweenOrders: 15,
  eligibility,
  effectiveFrom: new Date('2020-05-01T00:00:00Z'),
  effectiveUntil: null,
};

const now = new Date('2020-05-12T10:00:00Z');
const empty = (scheme: QuotaSchemeRules, at = now): ConsumptionState => ({
  period: periodOf(scheme.period, at),
  organisationUsed: 0,
  organisationPersons: 0,
  personUsed: new Map(),
  lastOrderAt: null,
});
const persons = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

describe('quota schemes are configuration', () => {
  it('both schemes are valid; the click & collect cap per company is 6,250', () => {
    expect(schemeProblem(clickCollect)).toBeNull();
    expect(schemeProblem(laPoste)).toBeNull();
    expect(organisationCap(clickCollect)).toBe(6_250);
    expect(schemeProblem({ ...clickCollect, capPerPerson: 0 })).toMatch(/cap/);
    expect(schemeProblem({ ...clickCollect, lotSizes: [6, -1] })).toMatch(/lot/);
    expect(schemeProblem({ ...clickCollect, effectiveUntil: clickCollect.effectiveFrom })).toMatch(/end/);
  });

  it('La Poste: lots of 6 or 40, 4 per person, one order per 15 days, from configuration alone', () => {
    // 12 employees: 48 masks per fortnight at most; 46 = 40 + 6 is a sum of lots, 45 is not.
    expect(isSumOfLots(46, laPoste.lotSizes)).toBe(true);
    expect(isSumOfLots(45, laPoste.lotSizes)).toBe(false);
    const refusedLot = decideConsumption(laPoste, now, empty(laPoste), {
      kind: 'spread',
      quantity: 45,
      personIds: persons(12),
    });
    expect(refusedLot).toMatchObject({ ok: false, problem: 'NOT_A_SUM_OF_LOTS' });
    const granted = decideConsumption(laPoste, now, empty(laPoste), {
      kind: 'spread',
      quantity: 46,
      personIds: persons(12),
    });
    expect(granted.ok && granted.shares.map((s) => s.quantity)).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 2]);
    // 10 employees cannot take 46 (40 at most).
    expect(
      decideConsumption(laPoste, now, empty(laPoste), {
        kind: 'spread',
        quantity: 46,
        personIds: persons(10),
      }),
    ).toMatchObject({ ok: false, problem: 'NOT_ENOUGH_QUOTA', details: { remaining: 40 } });
    // A second order 14 days later is refused even though a new fortnight has begun; 15 days later it is not.
    const later = new Date(now.getTime() + 14 * 86_400_000);
    const state = { ...empty(laPoste, later), lastOrderAt: now };
    expect(periodOf(laPoste.period, later).startDate).not.toBe(periodOf(laPoste.period, now).startDate);
    expect(
      decideConsumption(laPoste, later, state, { kind: 'spread', quantity: 6, personIds: persons(12) }),
    ).toMatchObject({ ok: false, problem: 'TOO_SOON' });
    const fifteen = new Date(now.getTime() + 15 * 86_400_000);
    expect(
      decideConsumption(
        laPoste,
        fifteen,
        { ...state, period: periodOf(laPoste.period, fifteen) },
        {
          kind: 'spread',
          quantity: 6,
          personIds: persons(12),
        },
      ).ok,
    ).toBe(true);
  });
});

describe('click & collect consumption', () => {
  it('25 per person per fortnight; what is left is said per person', () => {
    const state = {
      ...empty(clickCollect),
      personUsed: new Map([['alice', 20]]),
      organisationPersons: 1,
      organisationUsed: 20,
    };
    expect(
      decideConsumption(clickCollect, now, state, {
        kind: 'named',
        allocations: [
          { personId: 'alice', quantity: 5 },
          { personId: 'bob', quantity: 10 },
        ],
      }),
    ).toEqual({
      ok: true,
      total: 15,
      newPersons: 1,
      shares: [
        { personId: 'alice', quantity: 5, usedAfter: 25, remaining: 0 },
        { personId: 'bob', quantity: 10, usedAfter: 10, remaining: 15 },
      ],
    });
    expect(
      decideConsumption(clickCollect, now, state, {
        kind: 'named',
        allocations: [{ personId: 'alice', quantity: 6 }],
      }),
    ).toMatchObject({ ok: false, problem: 'PERSON_CAP', details: { personId: 'alice', remaining: 5 } });
    expect(
      decideConsumption(clickCollect, now, empty(clickCollect), {
        kind: 'named',
        allocations: [{ personId: 'bob', quantity: 26 }],
      }),
    ).toMatchObject({ ok: false, problem: 'PERSON_CAP' });
  });

  it('refuses bad quantities, a person named twice, a scheme not in force', () => {
    const named = (allocations: { personId: string; quantity: number }[]) =>
      decideConsumption(clickCollect, now, empty(clickCollect), { kind: 'named', allocations });
    expect(named([{ personId: 'a', quantity: 0 }])).toMatchObject({ ok: false, problem: 'BAD_QUANTITY' });
    expect(named([{ personId: 'a', quantity: 1.5 }])).toMatchObject({ ok: false, problem: 'BAD_QUANTITY' });
    expect(named([])).toMatchObject({ ok: false, problem: 'BAD_QUANTITY' });
    expect(
      named([
        { personId: 'a', quantity: 1 },
        { personId: 'a', quantity: 1 },
      ]),
    ).toMatchObject({ ok: false, problem: 'DUPLICATE_PERSON' });
    expect(
      decideConsumption(clickCollect, new Date('2020-04-30T00:00:00Z'), empty(clickCollect), {
        kind: 'named',
        allocations: [{ personId: 'a', quantity: 1 }],
      }),
    ).toMatchObject({ ok: false, problem: 'NOT_IN_FORCE' });
  });

  it('at most 250 persons counted: the 251st is refused, one already counted is not', () => {
    const personUsed = new Map(persons(250).map((id) => [id, 1]));
    const state = { ...empty(clickCollect), personUsed, organisationPersons: 250, organisationUsed: 250 };
    expect(
      decideConsumption(clickCollect, now, state, {
        kind: 'named',
        allocations: [{ personId: 'new', quantity: 1 }],
      }),
    ).toMatchObject({ ok: false, problem: 'PERSONS_LIMIT' });
    expect(
      decideConsumption(clickCollect, now, state, {
        kind: 'named',
        allocations: [{ personId: 'p7', quantity: 24 }],
      }).ok,
    ).toBe(true);
    // Spreading prefers the persons already counted and skips the new one.
    const spread = decideConsumption(clickCollect, now, state, {
      kind: 'spread',
      quantity: 48,
      personIds: ['new', 'p1', 'p2'],
    });
    expect(spread.ok && spread.shares.map((s) => s.personId)).toEqual(['p1', 'p2']);
  });

  it('the organisation never goes past 6,250 in a period', () => {
    const state = { ...empty(clickCollect), organisationUsed: 6_240, organisationPersons: 250 };
    expect(
      decideConsumption(clickCollect, now, state, { kind: 'spread', quantity: 11, personIds: persons(300) }),
    ).toMatchObject({ ok: false, problem: 'ORGANISATION_CAP', details: { remaining: 10 } });
  });

  const allocation = fc.record({
    personId: fc.constantFrom(...persons(8)),
    quantity: fc.integer({ min: -2, max: 30 }),
  });

  it('property: whatever is asked in whatever order, no person, organisation or persons limit is passed', () => {
    const scheme = { ...clickCollect, maxPersonsPerOrganisation: 5 };
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('named' as const),
              allocations: fc.array(allocation, { maxLength: 4 }),
            }),
            fc.record({
              kind: fc.constant('spread' as const),
              quantity: fc.integer({ min: -1, max: 80 }),
              personIds: fc.array(fc.constantFrom(...persons(8)), { maxLength: 8 }),
            }),
          ),
          { maxLength: 30 },
        ),
        (asks) => {
          const personUsed = new Map<string, number>();
          let organisationUsed = 0;
          for (const ask of asks) {
            const state = {
              ...empty(scheme),
              personUsed,
              organisationUsed,
              organisationPersons: personUsed.size,
            };
            const decision = decideConsumption(scheme, now, state, ask);
            if (!decision.ok) continue;
            const wanted =
              ask.kind === 'named' ? ask.allocations.reduce((s, a) => s + a.quantity, 0) : ask.quantity;
            expect(decision.shares.reduce((s, share) => s + share.quantity, 0)).toBe(wanted);
            for (const share of decision.shares) {
              expect(share.quantity).toBeGreaterThan(0);
              personUsed.set(share.personId, (personUsed.get(share.personId) ?? 0) + share.quantity);
            }
            organisationUsed += decision.total;
          }
          for (const used of personUsed.values()) expect(used).toBeLessThanOrEqual(scheme.capPerPerson);
          expect(personUsed.size).toBeLessThanOrEqual(5);
          expect(organisationUsed).toBeLessThanOrEqual(organisationCap(scheme)!);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: a spread is granted whenever the persons can take it, and fills none past its cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 260 }),
        (used, quantity) => {
          const ids = used.map((_, i) => `p${i}`);
          const personUsed = new Map(ids.map((id, i) => [id, used[i]]));
          const total = used.reduce((s, u) => s + u, 0);
          const state = {
            ...empty(clickCollect),
            personUsed,
            organisationUsed: total,
            organisationPersons: ids.length,
          };
          const decision = decideConsumption(clickCollect, now, state, {
            kind: 'spread',
            quantity,
            personIds: ids,
          });
          const room = used.reduce((s, u) => s + 25 - u, 0);
          expect(decision.ok).toBe(quantity <= room);
          if (decision.ok)
            for (const share of decision.shares) expect(share.usedAfter).toBeLessThanOrEqual(25);
        },
      ),
    );
  });
});

describe('eligibility', () => {
  const company = {
    sizeClass: 'PME' as const,
    siretValid: true,
    largeGroupsSubcontractedFor: [],
    parentCompanySiren: null,
    establishmentOfLargeGroup: false,
  };

  it('a PME of its own is eligible; each refusal says why, all at once', () => {
    expect(decideEligibility(eligibility, company)).toEqual({ eligible: true });
    expect(decideEligibility(eligibility, { ...company, sizeClass: 'TPE' })).toEqual({ eligible: true });
    const refused = decideEligibility(eligibility, {
      sizeClass: 'ETI',
      siretValid: false,
      largeGroupsSubcontractedFor: ['Airbus'],
      parentCompanySiren: '552100554',
      establishmentOfLargeGroup: false,
    });
    expect(refused.eligible === false && refused.reasons.map((r) => r.reason)).toEqual([
      'INVALID_SIRET',
      'SIZE_NOT_ADMITTED',
      'SUBCONTRACTOR_OF_LARGE_GROUP',
      'SUBSIDIARY',
    ]);
    expect(refused.eligible === false && refused.reasons[2].message).toMatch(/Airbus/);
    expect(decideEligibility(eligibility, { ...company, establishmentOfLargeGroup: true })).toMatchObject({
      eligible: false,
      reasons: [{ reason: 'SUBSIDIARY' }],
    });
  });

  it('the rule is configuration: a scheme that admits subcontractors and any size lets them in', () => {
    const open = { sizeClasses: [], excludeSubcontractorsOfLargeGroups: false, excludeSubsidiaries: false };
    expect(
      decideEligibility(open, {
        ...company,
        sizeClass: 'GE',
        largeGroupsSubcontractedFor: ['Airbus'],
        parentCompanySiren: '552100554',
      }),
    ).toEqual({ eligible: true });
  });
});
