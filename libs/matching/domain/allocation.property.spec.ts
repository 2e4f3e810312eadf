import fc from 'fast-check';
import { allocateSupply, type AllocationRun } from './allocation';
import { exclusionMask, offerTerms, type PairBounds } from './candidates';
import { isValidLotQuantity, unitPriceFor } from './lots';
import { aNeed, anOffer, NOW } from '../testing/fixtures';
import { smallMarket, type Market } from '../testing/arbitraries';
import { optimalTotal } from '../testing/optimum';

/** The candidate bounds of every pair of the market, keyed "need/offer". */
function candidatePairs(market: Market): Map<string, PairBounds> {
  const pairs = new Map<string, PairBounds>();
  for (const offer of market.offers) {
    const terms = offerTerms(offer, NOW);
    for (const need of market.needs) {
      const bounds = { minQuantity: 0, maxQuantity: 0 };
      if (exclusionMask(need, terms, bounds) === 0) pairs.set(`${need.needId}/${offer.offerId}`, bounds);
    }
  }
  return pairs;
}

const sumBy = (run: AllocationRun, key: 'needId' | 'offerId', id: string): number =>
  run.allocations.filter((a) => a[key] === id).reduce((sum, a) => sum + a.quantity, 0);

describe('allocation properties on random small markets', () => {
  it('never exceeds stock or need, buys valid lots of candidate pairs at their tier price, and accounts exactly', () => {
    fc.assert(
      fc.property(smallMarket(), (market) => {
        const run = allocateSupply({ ...market, now: NOW });
        const pairs = candidatePairs(market);
        for (const a of run.allocations) {
          const offer = market.offers.find((o) => o.offerId === a.offerId)!;
          const need = market.needs.find((n) => n.needId === a.needId)!;
          expect(pairs.has(`${a.needId}/${a.offerId}`)).toBe(true);
          expect(isValidLotQuantity(offer, a.quantity)).toBe(true);
          expect(a.unitPriceMicros).toBe(unitPriceFor(offer, a.quantity));
          expect(a.unitPriceMicros).toBeLessThanOrEqual(need.maxUnitPriceMicros ?? Infinity);
        }
        for (const offer of market.offers)
          expect(sumBy(run, 'offerId', offer.offerId)).toBeLessThanOrEqual(offer.available);
        for (const n of run.needs) {
          const need = market.needs.find((x) => x.needId === n.needId)!;
          expect(n.allocated).toBe(sumBy(run, 'needId', n.needId));
          expect(n.allocated).toBeLessThanOrEqual(need.quantity);
          expect(n.shortfall).toBe(need.quantity - n.allocated);
        }
        expect(run.allocated).toBe(run.allocations.reduce((sum, a) => sum + a.quantity, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same market twice, or shuffled, gives the same run', () => {
    fc.assert(
      fc.property(smallMarket(), fc.integer(), (market, seed) => {
        const run = allocateSupply({ ...market, now: NOW });
        expect(allocateSupply({ ...market, now: NOW })).toEqual(run);
        const rotate = <T>(items: T[]): T[] =>
          items.map((_, i) => items[(i + Math.abs(seed)) % items.length]);
        expect(
          allocateSupply({ needs: rotate(market.needs), offers: rotate(market.offers).reverse(), now: NOW }),
        ).toEqual(run);
      }),
      { numRuns: 200 },
    );
  });

  it('tier priority: a lower tier never holds units of an offer that a higher-tier candidate need could still have taken', () => {
    fc.assert(
      fc.property(smallMarket(), (market) => {
        const run = allocateSupply({ ...market, now: NOW });
        const pairs = candidatePairs(market);
        const allocated = new Map(run.needs.map((n) => [n.needId, n.allocated]));
        for (const offer of market.offers) {
          const free = offer.available - sumBy(run, 'offerId', offer.offerId);
          for (const higher of market.needs) {
            const bounds = pairs.get(`${higher.needId}/${offer.offerId}`);
            if (!bounds) continue;
            const held =
              run.allocations.find((a) => a.needId === higher.needId && a.offerId === offer.offerId)
                ?.quantity ?? 0;
            const step = held > 0 ? offer.orderIncrement : bounds.minQuantity;
            if (higher.quantity - allocated.get(higher.needId)! < step) continue;
            // What lower tiers hold on this offer, added to what is left, must not make a step for it.
            const lower = run.allocations
              .filter(
                (a) =>
                  a.offerId === offer.offerId &&
                  market.needs.find((n) => n.needId === a.needId)!.priorityTier > higher.priorityTier,
              )
              .reduce((sum, a) => sum + a.quantity, 0);
            if (lower > 0) expect(free + lower).toBeLessThan(step);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fairness within a tier: needs sharing the same offers end within one lot of the same fill ratio', () => {
    const market = fc.record({
      quantities: fc.array(
        fc.integer({ min: 1, max: 40 }).map((lots) => lots * 5_000),
        { minLength: 2, maxLength: 10 },
      ),
      stocks: fc.array(
        fc.integer({ min: 0, max: 60 }).map((lots) => lots * 5_000),
        { minLength: 1, maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(market, ({ quantities, stocks }) => {
        const needs = quantities.map((quantity, i) =>
          aNeed({ needId: `n${i}`, quantity, maxUnitPriceMicros: null }),
        );
        const offers = stocks.map((available, i) =>
          anOffer({
            offerId: `o${i}`,
            available,
            minimumOrderQuantity: 5_000,
            departmentCode: ['67', '75'][i % 2],
          }),
        );
        const run = allocateSupply({ needs, offers, now: NOW });
        for (const a of run.needs) {
          for (const b of run.needs) {
            // b still wanted a lot: a cannot be more than one of its own lots ahead of b.
            if (b.shortfall > 0)
              expect(a.fillRatio - 5_000 / a.requested).toBeLessThanOrEqual(b.fillRatio + 1e-12);
          }
        }
        // And scarce supply is used up to the last lot.
        const supply = stocks.reduce((sum, s) => sum + s, 0);
        const demand = quantities.reduce((sum, q) => sum + q, 0);
        expect(run.allocated).toBe(Math.min(supply, demand));
      }),
      { numRuns: 300 },
    );
  });
});

describe('allocated total against the exact optimum (HiGHS MIP, tier after tier)', () => {
  /**
   * The MIP's optimum is lexicographic by tier (what the engine aims at). The engine is a heuristic
   * where lots clash (several increments, minimums): on pinned samples of 300 markets each, this
   * records how often it reaches 99% of the optimum, and its share of the summed optimum.
   */
  async function compare(regularLots: boolean): Promise<{ reached: number; share: number; worst: number }> {
    const markets = fc.sample(smallMarket(6, 10, regularLots), { numRuns: 300, seed: 2020 });
    let reached = 0;
    let allocated = 0;
    let optimum = 0;
    let worst = 1;
    for (const market of markets) {
      const run = allocateSupply({ ...market, now: NOW });
      const best = await optimalTotal(market.needs, market.offers, NOW);
      const tiers = new Map(run.tiers.map((t) => [t.priorityTier, t.allocated]));
      // Never above the optimum of a higher tier, never above the total optimum.
      const first = Math.min(...best.tiers.keys());
      expect(tiers.get(first) ?? 0).toBeLessThanOrEqual(best.tiers.get(first)!);
      if (run.allocated >= 0.99 * best.total) reached++;
      allocated += run.allocated;
      optimum += best.total;
      if (best.total > 0) worst = Math.min(worst, run.allocated / best.total);
    }
    return { reached: reached / markets.length, share: allocated / optimum, worst };
  }

  it('lots of one size: at least 99% of the optimum on (almost) every market', async () => {
    const { reached, share } = await compare(true);
    expect(reached).toBeGreaterThanOrEqual(0.99);
    expect(share).toBeGreaterThanOrEqual(0.995);
  });

  it('mixed lot sizes and minimums: 99% of the summed optimum', async () => {
    const { reached, share } = await compare(false);
    expect(reached).toBeGreaterThanOrEqual(0.95);
    expect(share).toBeGreaterThanOrEqual(0.99);
  });
});
