import { allocateSupply, type AllocationRun } from './allocation';
import { aNeed, anOffer, daysFromNow, NOW } from '../testing/fixtures';
import type { MatchableOffer, OpenNeed } from './types';

const lots = (overrides: Partial<MatchableOffer>): MatchableOffer =>
  anOffer({
    minimumOrderQuantity: 10_000,
    orderIncrement: 10_000,
    priceTiers: [{ minQuantity: 1, unitPriceMicros: 450_000 }],
    ...overrides,
  });
const posted = (minutes: number): Date => new Date(NOW.getTime() - 60 * 60_000 + minutes * 60_000);

function byNeed(run: AllocationRun): Record<string, number> {
  return Object.fromEntries(run.needs.map((n) => [n.needId, n.allocated]));
}

describe('allocation of scarce supply: worked examples (King County-style water-filling)', () => {
  it('pro-rata on requests in whole lots: 310,000 units for 500,000 requested', () => {
    // One tier, one offer of 310,000 units in lots of 10,000. Pro-rata: 310,000 / 500,000 = 62% each,
    // i.e. 62,000 / 93,000 / 155,000 units; in whole lots 60,000 / 90,000 / 150,000 (60% each,
    // 300,000 units); the last lot goes to the least-filled need, all at 60%: the first posted.
    const needs = [
      aNeed({ needId: 'A', quantity: 100_000, postedAt: posted(1), maxUnitPriceMicros: null }),
      aNeed({ needId: 'B', quantity: 150_000, postedAt: posted(2), maxUnitPriceMicros: null }),
      aNeed({ needId: 'C', quantity: 250_000, postedAt: posted(3), maxUnitPriceMicros: null }),
    ];
    const run = allocateSupply({ needs, offers: [lots({ offerId: 'X', available: 310_000 })], now: NOW });
    expect(byNeed(run)).toEqual({ A: 70_000, B: 90_000, C: 150_000 });
    expect(run.needs.map((n) => n.fillRatio)).toEqual([0.7, 0.6, 0.6]);
    expect(run.allocations).toEqual([
      { needId: 'A', offerId: 'X', quantity: 70_000, unitPriceMicros: 450_000 },
      { needId: 'B', offerId: 'X', quantity: 90_000, unitPriceMicros: 450_000 },
      { needId: 'C', offerId: 'X', quantity: 150_000, unitPriceMicros: 450_000 },
    ]);
    expect(run.needs[2]).toMatchObject({ outcome: 'SUPPLY_EXHAUSTED', shortfall: 100_000 });
    expect(run.needs[2].reason).toEqual({
      outcome: 'SUPPLY_EXHAUSTED',
      priorityTier: 0,
      category: 'FFP2',
      requested: 250_000,
      allocated: 150_000,
      fillRatio: 0.6,
      eligibleOffers: 1,
      held: 310_000,
      toHigherTiers: 0,
      toSameTier: 310_000,
      toLowerTiers: 0,
      tierLowestFill: 0.6,
      tierHighestFill: 0.7,
    });
    expect(run.needs[2].explanation).toBe(
      'tier 0: filled to 60% (150,000 of 250,000 units) when supply ran out: its 1 eligible offer held 310,000 units, ' +
        '310,000 to tier 0 needs, shared by water-filling (least-filled need first, one lot at a time); ' +
        'tier 0 FFP2 needs short of supply ended between 60% and 70%',
    );
    expect(run).toMatchObject({ requested: 500_000, allocated: 310_000, fillRatio: 0.62 });
  });

  it('capped at what a need can get, the rest shared again: 300,000 units for 500,000 requested', () => {
    // X (200,000 KN95, FFP2 by equivalence) serves A and B only: C does not accept equivalents.
    // Y (100,000) serves everyone. Round 1, pro-rata 60%: A 30,000, B 120,000, C 150,000; but C can
    // only reach Y: capped at 100,000 (40%). Round 2: the remaining 200,000 go to A and B, 250,000
    // requested: 80% each, A 40,000 and B 160,000. Every unit is allocated; C's 40% is its maximum.
    const needs = [
      aNeed({
        needId: 'A',
        quantity: 50_000,
        acceptsEquivalents: true,
        postedAt: posted(1),
        maxUnitPriceMicros: null,
      }),
      aNeed({
        needId: 'B',
        quantity: 200_000,
        acceptsEquivalents: true,
        postedAt: posted(2),
        maxUnitPriceMicros: null,
      }),
      aNeed({
        needId: 'C',
        quantity: 250_000,
        acceptsEquivalents: false,
        postedAt: posted(3),
        maxUnitPriceMicros: null,
      }),
    ];
    const offers = [
      // Y is cheaper, so A and B take it first; augmenting paths later hand it over to C.
      lots({
        offerId: 'X',
        available: 200_000,
        viaEquivalence: true,
        priceTiers: [{ minQuantity: 1, unitPriceMicros: 600_000 }],
      }),
      lots({ offerId: 'Y', available: 100_000, priceTiers: [{ minQuantity: 1, unitPriceMicros: 400_000 }] }),
    ];
    const run = allocateSupply({ needs, offers, now: NOW });
    expect(byNeed(run)).toEqual({ A: 40_000, B: 160_000, C: 100_000 });
    expect(run.allocations.filter((a) => a.offerId === 'Y')).toEqual([
      { needId: 'C', offerId: 'Y', quantity: 100_000, unitPriceMicros: 400_000 },
    ]);
    expect(run.needs.map((n) => n.fillRatio)).toEqual([0.8, 0.8, 0.4]);
  });
});

describe('allocation of scarce supply', () => {
  it('serves tiers lexicographically, and a higher tier takes the offer a lower tier cannot replace', () => {
    const needs = [
      // Tier 0 can use X or Y; tier 1 only Y (it does not accept the KN95 equivalent X).
      aNeed({
        needId: 'hospital',
        priorityTier: 0,
        quantity: 100_000,
        acceptsEquivalents: true,
        maxUnitPriceMicros: null,
      }),
      aNeed({
        needId: 'factory',
        priorityTier: 1,
        quantity: 100_000,
        postedAt: daysFromNow(-3),
        maxUnitPriceMicros: null,
      }),
      aNeed({
        needId: 'shop',
        priorityTier: 2,
        quantity: 100_000,
        postedAt: daysFromNow(-5),
        maxUnitPriceMicros: null,
      }),
    ];
    const offers = [
      lots({
        offerId: 'X',
        available: 100_000,
        viaEquivalence: true,
        priceTiers: [{ minQuantity: 1, unitPriceMicros: 600_000 }],
      }),
      lots({ offerId: 'Y', available: 100_000, priceTiers: [{ minQuantity: 1, unitPriceMicros: 400_000 }] }),
    ];
    const run = allocateSupply({ needs, offers, now: NOW });
    expect(run.allocations.map((a) => [a.needId, a.offerId, a.quantity])).toEqual([
      ['hospital', 'X', 100_000],
      ['factory', 'Y', 100_000],
    ]);
    expect(run.tiers).toEqual([
      {
        priorityTier: 0,
        needs: 1,
        requested: 100_000,
        allocated: 100_000,
        fillRatio: 1,
        filled: 1,
        unserved: 0,
      },
      {
        priorityTier: 1,
        needs: 1,
        requested: 100_000,
        allocated: 100_000,
        fillRatio: 1,
        filled: 1,
        unserved: 0,
      },
      { priorityTier: 2, needs: 1, requested: 100_000, allocated: 0, fillRatio: 0, filled: 0, unserved: 1 },
    ]);
    expect(run.needs[2].explanation).toBe(
      'tier 2: filled to 0% (0 of 100,000 units) when supply ran out: its 1 eligible offer held 100,000 units, ' +
        '100,000 to higher tiers, 0 to tier 2 needs, shared by water-filling (least-filled need first, one lot at a time); ' +
        'tier 2 FFP2 needs short of supply ended between 0% and 0%',
    );
  });

  it('explains a need with no eligible offer by counting the reasons', () => {
    const offers = [
      anOffer({ offerId: 'kn95-1', viaEquivalence: true, certifiedUntil: new Date('2020-04-17T21:59:59Z') }),
      anOffer({ offerId: 'kn95-2', viaEquivalence: true, certifiedUntil: new Date('2020-04-18T21:59:59Z') }),
      anOffer({ offerId: 'slow', availableFrom: daysFromNow(20) }),
      anOffer({ offerId: 'surgical', category: 'SURGICAL_IIR' }),
    ];
    const run = allocateSupply({ needs: [aNeed({ acceptsEquivalents: true })], offers, now: NOW });
    expect(run.needs[0]).toMatchObject({
      outcome: 'NO_ELIGIBLE_OFFER',
      allocated: 0,
      shortfall: 150_000,
      explanation:
        'no eligible offer: of the 3 FFP2 offers, 2 excluded for CERTIFICATION_ENDS_BEFORE_DELIVERY, 1 for TOO_LATE',
      reason: {
        outcome: 'NO_ELIGIBLE_OFFER',
        category: 'FFP2',
        categoryOffers: 3,
        exclusions: [
          { code: 'CERTIFICATION_ENDS_BEFORE_DELIVERY', offers: 2 },
          { code: 'TOO_LATE', offers: 1 },
        ],
      },
    });
    expect(
      allocateSupply({ needs: [aNeed({ category: 'UNS1' })], offers, now: NOW }).needs[0].explanation,
    ).toBe('no eligible offer: no UNS1 offer is listed');
  });

  it('rounds down to a whole lot increment and says so', () => {
    const run = allocateSupply({ needs: [aNeed({ quantity: 153_000 })], offers: [anOffer()], now: NOW });
    expect(run.allocations).toEqual([
      { needId: 'need-1', offerId: 'offer-1', quantity: 150_000, unitPriceMicros: 450_000 },
    ]);
    expect(run.needs[0]).toMatchObject({ outcome: 'LOT_ROUNDING', shortfall: 3_000 });
    expect(run.needs[0].explanation).toBe(
      'tier 0: 150,000 of 153,000 units (98%), rounded down to a whole lot increment of 5,000: the remaining 3,000 units are less than any eligible offer can add',
    );
  });

  it('never buys below the price cap tier: the pair minimum is the first lot priced within the cap', () => {
    // Within the €0.50 cap only from 100,000 units (€0.45); 80,000 units left: nothing can be bought.
    const run = allocateSupply({ needs: [aNeed()], offers: [anOffer({ available: 180_000 })], now: NOW });
    expect(run.allocations).toEqual([
      { needId: 'need-1', offerId: 'offer-1', quantity: 150_000, unitPriceMicros: 450_000 },
    ]);
    const two = allocateSupply({
      needs: [aNeed({ needId: 'a', postedAt: posted(1) }), aNeed({ needId: 'b', postedAt: posted(2) })],
      offers: [anOffer({ available: 180_000 })],
      now: NOW,
    });
    // Either need could take 100,000 at €0.45, not both: one gets 150,000, the other cannot open a pair within its cap.
    expect(two.allocations.map((a) => [a.quantity, a.unitPriceMicros])).toEqual([[150_000, 450_000]]);
    expect(two.allocated).toBe(150_000);
  });

  it('is deterministic and does not depend on input order', () => {
    const needs: OpenNeed[] = Array.from({ length: 12 }, (_, i) =>
      aNeed({
        needId: `n${i}`,
        quantity: 50_000 * (1 + (i % 4)),
        priorityTier: i % 3,
        postedAt: posted(i % 5),
        maxUnitPriceMicros: null,
      }),
    );
    const offers = Array.from({ length: 4 }, (_, i) =>
      lots({
        offerId: `o${i}`,
        available: 90_000 + 40_000 * i,
        departmentCode: ['67', '68', '75', '971'][i],
      }),
    );
    const first = allocateSupply({ needs, offers, now: NOW });
    expect(allocateSupply({ needs, offers, now: NOW })).toEqual(first);
    expect(allocateSupply({ needs: [...needs].reverse(), offers: [...offers].reverse(), now: NOW })).toEqual(
      first,
    );
  });

  it('rejects duplicate ids and quantities that are not positive integers', () => {
    expect(() => allocateSupply({ needs: [aNeed(), aNeed()], offers: [], now: NOW })).toThrow(
      'duplicate need id "need-1"',
    );
    expect(() => allocateSupply({ needs: [], offers: [anOffer(), anOffer()], now: NOW })).toThrow(
      'duplicate offer id "offer-1"',
    );
    expect(() => allocateSupply({ needs: [aNeed({ quantity: 2.5 })], offers: [], now: NOW })).toThrow(
      'quantity of need need-1 must be an integer from 1 to 2147483647 (got 2.5)',
    );
  });
});
