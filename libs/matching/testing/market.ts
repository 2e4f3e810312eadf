import departements from '@etalab/decoupage-administratif/data/departements.json';
import type { MaskCategory, MatchableOffer, OpenNeed } from '../domain/types';

/**
 * A deterministic national market for the benchmark: offers in lots of about 50,000 units (MOQ
 * 50,000 in increments of 5,000 or 10,000, or whole lots), needs from 5,000 to 500,000 units, three
 * priority tiers, price caps, deadlines, derogation-only FFP2 (KN95) ending on 31 May 2020, and
 * supply at about a third of demand. Same seed, same market.
 */
export const MARKET_NOW = new Date('2020-04-20T08:00:00Z');
const DAY_MS = 86_400_000;
const DEROGATION_END = new Date('2020-05-31T21:59:59Z');

/** mulberry32: a small seeded PRNG, so the benchmark instance never changes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES: [MaskCategory, number, number][] = [
  // category, share of offers and needs, base unit price in micro-euros
  ['FFP2', 0.35, 900_000],
  ['FFP3', 0.05, 1_600_000],
  ['SURGICAL_I', 0.1, 250_000],
  ['SURGICAL_II', 0.1, 300_000],
  ['SURGICAL_IIR', 0.2, 350_000],
  ['UNS1', 0.12, 600_000],
  ['UNS2', 0.08, 450_000],
];
const DEPARTMENTS = (departements as { code: string; zone: string }[])
  .filter((d) => d.zone !== 'com')
  .map((d) => d.code);

export function randomMarket(
  seed: number,
  needCount: number,
  offerCount: number,
): { needs: OpenNeed[]; offers: MatchableOffer[] } {
  const random = seededRandom(seed);
  const integer = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const category = (): [MaskCategory, number] => {
    let draw = random();
    for (const [name, share, price] of CATEGORIES) {
      draw -= share;
      if (draw < 0) return [name, price];
    }
    return [CATEGORIES[0][0], CATEGORIES[0][2]];
  };
  const days = (count: number): Date => new Date(MARKET_NOW.getTime() + count * DAY_MS);

  const offers = Array.from({ length: offerCount }, (_, i): MatchableOffer => {
    const [name, basePrice] = category();
    const viaEquivalence = name === 'FFP2' && random() < 0.25;
    const orderIncrement = pick([5_000, 10_000, 50_000]);
    const price = Math.round((basePrice * (0.8 + random() * 0.5)) / 100) * 100;
    return {
      offerId: `offer-${String(i).padStart(5, '0')}`,
      supplierId: `supplier-${integer(1, offerCount / 4)}`,
      category: name,
      viaEquivalence,
      certifiedUntil: random() < 0.03 ? null : viaEquivalence ? DEROGATION_END : days(integer(20, 365)),
      available: 50_000 * integer(2, 40) - 5_000 * integer(0, 5),
      minimumOrderQuantity: 50_000,
      orderIncrement,
      priceTiers: [
        { minQuantity: 1, unitPriceMicros: price },
        { minQuantity: 200_000, unitPriceMicros: Math.round(price * 0.92) },
      ],
      availableFrom: days(integer(-10, 15)),
      leadTimeDays: integer(1, 10),
      departmentCode: pick(DEPARTMENTS),
      madeInFrance: random() < 0.4,
      validUntil: random() < 0.5 ? null : days(integer(5, 60)),
    };
  });

  const needs = Array.from({ length: needCount }, (_, i): OpenNeed => {
    const [name, basePrice] = category();
    return {
      needId: `need-${String(i).padStart(6, '0')}`,
      buyerId: `buyer-${integer(1, needCount / 3)}`,
      category: name,
      acceptsEquivalents: random() < 0.6,
      quantity: random() < 0.8 ? 50_000 * integer(1, 10) : 1_000 * integer(5, 500),
      deliveryDepartmentCode: pick(DEPARTMENTS),
      neededBy: days(integer(5, 60)),
      maxUnitPriceMicros:
        random() < 0.6 ? Math.round((basePrice * (0.9 + random() * 0.6)) / 100) * 100 : null,
      priorityTier: random() < 0.1 ? 0 : random() < 0.35 ? 1 : 2,
      postedAt: new Date(MARKET_NOW.getTime() - integer(0, 30 * 24 * 60) * 60_000),
    };
  });
  return { needs, offers };
}
