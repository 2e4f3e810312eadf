import fc from 'fast-check';
import type { MaskCategory, MatchableOffer, OpenNeed } from '../domain/types';
import { daysFromNow } from './fixtures';

/**
 * Small random markets for property tests: few offers and needs, small quantities and increments,
 * and every kind of exclusion (category, equivalence, certification, expiry, lateness, price cap).
 */

export interface Market {
  needs: OpenNeed[];
  offers: MatchableOffer[];
}

const category = fc.constantFrom<MaskCategory>('FFP2', 'FFP2', 'SURGICAL_IIR');
const department = fc.constantFrom('67', '68', '57', '75', '2A', '971');

const offer = (index: number, regularLots: boolean) =>
  fc
    .record({
      category,
      viaEquivalence: fc.boolean().map((b) => b && index % 3 === 0),
      certifiedDays: fc.option(fc.integer({ min: -2, max: 30 }), { freq: 8 }),
      available: fc.integer({ min: 0, max: 60 }),
      orderIncrement: regularLots ? fc.constant(5) : fc.constantFrom(1, 2, 3, 5),
      minimumOrderQuantity: regularLots ? fc.constantFrom(0, 5, 10) : fc.integer({ min: 0, max: 12 }),
      price: fc.integer({ min: 300_000, max: 600_000 }),
      discountFrom: fc.option(fc.integer({ min: 5, max: 30 }), { freq: 2 }),
      availableInDays: fc.integer({ min: -3, max: 5 }),
      leadTimeDays: fc.integer({ min: 0, max: 7 }),
      departmentCode: department,
      madeInFrance: fc.boolean(),
      validDays: fc.option(fc.integer({ min: -1, max: 30 }), { freq: 3 }),
    })
    .map((o): MatchableOffer => ({
      offerId: `offer-${index}`,
      supplierId: `supplier-${index % 3}`,
      category: o.category,
      viaEquivalence: o.viaEquivalence,
      certifiedUntil: o.certifiedDays === null ? null : daysFromNow(o.certifiedDays),
      available: o.available,
      minimumOrderQuantity: o.minimumOrderQuantity,
      orderIncrement: o.orderIncrement,
      priceTiers: [
        { minQuantity: 1, unitPriceMicros: o.price },
        ...(o.discountFrom === null
          ? []
          : [{ minQuantity: o.discountFrom, unitPriceMicros: o.price - 50_000 }]),
      ],
      availableFrom: daysFromNow(o.availableInDays),
      leadTimeDays: o.leadTimeDays,
      departmentCode: o.departmentCode,
      madeInFrance: o.madeInFrance,
      validUntil: o.validDays === null ? null : daysFromNow(o.validDays),
    }));

const need = (index: number) =>
  fc
    .record({
      category,
      acceptsEquivalents: fc.boolean(),
      quantity: fc.integer({ min: 1, max: 40 }),
      deliveryDepartmentCode: department,
      neededInDays: fc.integer({ min: 2, max: 20 }),
      cap: fc.option(fc.integer({ min: 300_000, max: 650_000 }), { freq: 2 }),
      priorityTier: fc.integer({ min: 0, max: 2 }),
      postedMinutesAgo: fc.integer({ min: 0, max: 600 }),
    })
    .map((n): OpenNeed => ({
      needId: `need-${index}`,
      buyerId: `buyer-${index % 4}`,
      category: n.category,
      acceptsEquivalents: n.acceptsEquivalents,
      quantity: n.quantity,
      deliveryDepartmentCode: n.deliveryDepartmentCode,
      neededBy: daysFromNow(n.neededInDays),
      maxUnitPriceMicros: n.cap,
      priorityTier: n.priorityTier,
      postedAt: new Date(Date.UTC(2020, 3, 15, 8) - n.postedMinutesAgo * 60_000),
    }));

const indexed = <T>(make: (index: number) => fc.Arbitrary<T>, max: number): fc.Arbitrary<T[]> =>
  fc.integer({ min: 1, max }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => make(i))));

/**
 * `regularLots`: every offer sells in lots of 5 from 0, 5 or 10 units, so lots never clash; otherwise
 * increments of 1, 2, 3 or 5 and any minimum order quantity up to 12.
 */
export const smallMarket = (maxOffers = 6, maxNeeds = 10, regularLots = false): fc.Arbitrary<Market> =>
  fc.record({ offers: indexed((i) => offer(i, regularLots), maxOffers), needs: indexed(need, maxNeeds) });
