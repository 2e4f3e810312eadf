import type { MatchableOffer, OpenNeed } from '../domain/types';

/** A reference instant and one offer and one need that match, for tests to vary one field at a time. */
export const NOW = new Date('2020-04-15T08:00:00Z');
const DAY_MS = 86_400_000;
export const daysFromNow = (days: number): Date => new Date(NOW.getTime() + days * DAY_MS);

export function anOffer(overrides: Partial<MatchableOffer> = {}): MatchableOffer {
  return {
    offerId: 'offer-1',
    supplierId: 'supplier-1',
    category: 'FFP2',
    viaEquivalence: false,
    certifiedUntil: daysFromNow(60),
    available: 200_000,
    minimumOrderQuantity: 50_000,
    orderIncrement: 5_000,
    priceTiers: [
      { minQuantity: 1, unitPriceMicros: 520_000 },
      { minQuantity: 100_000, unitPriceMicros: 450_000 },
    ],
    availableFrom: NOW,
    leadTimeDays: 5,
    departmentCode: '67',
    madeInFrance: true,
    validUntil: null,
    ...overrides,
  };
}

export function aNeed(overrides: Partial<OpenNeed> = {}): OpenNeed {
  return {
    needId: 'need-1',
    buyerId: 'buyer-1',
    category: 'FFP2',
    acceptsEquivalents: false,
    quantity: 150_000,
    deliveryDepartmentCode: '68',
    neededBy: daysFromNow(14),
    maxUnitPriceMicros: 500_000,
    priorityTier: 0,
    postedAt: daysFromNow(-1),
    ...overrides,
  };
}
