import { screenOffers, type ExclusionCode } from './candidates';
import { isValidLotQuantity, smallestLotQuantity, unitPriceFor } from './lots';
import { aNeed, anOffer, daysFromNow, NOW } from '../testing/fixtures';
import type { MatchableOffer, OpenNeed } from './types';

function exclusions(need: OpenNeed, offer: MatchableOffer): { code: ExclusionCode; message: string }[] {
  const { excluded } = screenOffers(need, [offer], NOW);
  return excluded[0]?.reasons ?? [];
}

describe('lot quantities', () => {
  it('accepts multiples of the increment from the minimum order quantity on', () => {
    const offer = anOffer();
    expect([50_000, 55_000, 200_000].map((q) => isValidLotQuantity(offer, q))).toEqual([true, true, true]);
    expect([0, 45_000, 52_000, 50_000.5].map((q) => isValidLotQuantity(offer, q))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('rounds a minimum order quantity that is not a whole increment up to one', () => {
    expect(smallestLotQuantity(anOffer({ minimumOrderQuantity: 52_000 }))).toBe(55_000);
  });

  it('prices a quantity at the tier with the largest minimum quantity not above it', () => {
    const offer = anOffer();
    expect([50_000, 99_999, 100_000, 150_000].map((q) => unitPriceFor(offer, q))).toEqual([
      520_000, 520_000, 450_000, 450_000,
    ]);
  });
});

describe('candidate filter', () => {
  it('keeps a matching offer with the lot bounds the need can buy and the price at the largest', () => {
    const { candidates, excluded } = screenOffers(aNeed(), [anOffer()], NOW);
    expect(excluded).toEqual([]);
    // Within the €0.50 cap only from the 100,000 tier (€0.45) on; at most the need's 150,000 units.
    expect(candidates[0]).toMatchObject({
      minQuantity: 100_000,
      maxQuantity: 150_000,
      unitPriceMicros: 450_000,
      estimatedDelivery: daysFromNow(5),
    });
  });

  it('CATEGORY_MISMATCH, alone: the other checks would be noise', () => {
    expect(exclusions(aNeed(), anOffer({ category: 'SURGICAL_IIR', certifiedUntil: null }))).toEqual([
      { code: 'CATEGORY_MISMATCH', message: 'certified as SURGICAL_IIR, not FFP2' },
    ]);
  });

  it('EQUIVALENT_NOT_ACCEPTED unless the need accepts equivalents', () => {
    const kn95 = anOffer({ viaEquivalence: true });
    expect(exclusions(aNeed(), kn95)).toEqual([
      {
        code: 'EQUIVALENT_NOT_ACCEPTED',
        message:
          'certified as FFP2 only through an equivalent foreign standard, which this need does not accept',
      },
    ]);
    expect(exclusions(aNeed({ acceptsEquivalents: true }), kn95)).toEqual([]);
  });

  it('NOT_CERTIFIED without a certification or with one already over', () => {
    expect(exclusions(aNeed(), anOffer({ certifiedUntil: null }))).toEqual([
      { code: 'NOT_CERTIFIED', message: 'no valid certification' },
    ]);
    expect(exclusions(aNeed(), anOffer({ certifiedUntil: daysFromNow(-1) }))).toEqual([
      { code: 'NOT_CERTIFIED', message: 'certification expired on 2020-04-14' },
    ]);
  });

  it('CERTIFICATION_ENDS_BEFORE_DELIVERY: the certification must hold on the estimated delivery date', () => {
    // The KN95 derogation ended on 31 May 2020 (end of day, Paris); stock ready on 29 May + 5 days → 3 June.
    const offer = anOffer({
      viaEquivalence: true,
      certifiedUntil: new Date('2020-05-31T21:59:59Z'),
      availableFrom: new Date('2020-05-29T08:00:00Z'),
    });
    const need = aNeed({ acceptsEquivalents: true, neededBy: new Date('2020-06-10T00:00:00Z') });
    expect(exclusions(need, offer)).toEqual([
      {
        code: 'CERTIFICATION_ENDS_BEFORE_DELIVERY',
        message: 'certification expires on 2020-05-31, before the estimated delivery on 2020-06-03',
      },
    ]);
    expect(exclusions(need, { ...offer, certifiedUntil: new Date('2020-06-03T08:00:00Z') })).toEqual([]);
  });

  it('OFFER_EXPIRED', () => {
    expect(exclusions(aNeed(), anOffer({ validUntil: daysFromNow(-1) }))).toEqual([
      { code: 'OFFER_EXPIRED', message: 'offer expired on 2020-04-14' },
    ]);
  });

  it('TOO_LATE: estimated delivery = max(now, available from) + lead time, after the needed-by date', () => {
    const offer = anOffer({ availableFrom: daysFromNow(10) });
    expect(exclusions(aNeed({ neededBy: daysFromNow(14) }), offer)).toEqual([
      {
        code: 'TOO_LATE',
        message:
          'estimated delivery on 2020-04-30 (5 days of lead time), after the needed-by date 2020-04-29',
      },
    ]);
    // Stock available in the past ships from now.
    expect(
      exclusions(aNeed({ neededBy: daysFromNow(5) }), anOffer({ availableFrom: daysFromNow(-30) })),
    ).toEqual([]);
  });

  it('PRICE_ABOVE_CAP at the tier price of the quantity that would be bought', () => {
    expect(exclusions(aNeed({ quantity: 60_000 }), anOffer())).toEqual([
      { code: 'PRICE_ABOVE_CAP', message: '€0.52/unit at 60,000 units, above the cap of €0.50' },
    ]);
    // Stock short of the discount tier: the need could only buy 95,000 units at €0.52.
    expect(exclusions(aNeed(), anOffer({ available: 95_000 }))[0].message).toBe(
      '€0.52/unit at 95,000 units, above the cap of €0.50',
    );
  });

  it('BELOW_MINIMUM_ORDER when the need is smaller than the smallest lot', () => {
    expect(exclusions(aNeed({ quantity: 40_000 }), anOffer())).toEqual([
      { code: 'BELOW_MINIMUM_ORDER', message: 'need of 40,000 units is below the smallest lot of 50,000' },
    ]);
  });

  it('NO_STOCK when less than the smallest lot is available', () => {
    expect(exclusions(aNeed(), anOffer({ available: 45_000 }))).toEqual([
      { code: 'NO_STOCK', message: '45,000 units available, less than the smallest lot of 50,000' },
    ]);
  });

  it('lists every reason that applies', () => {
    const reasons = exclusions(
      aNeed(),
      anOffer({ validUntil: daysFromNow(-2), availableFrom: daysFromNow(20) }),
    );
    expect(reasons.map((r) => r.code)).toEqual(['OFFER_EXPIRED', 'TOO_LATE']);
  });
});
