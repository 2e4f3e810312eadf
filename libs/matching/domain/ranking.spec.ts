import { departmentDistance, isDepartmentCode } from '@masks/geography';
import { DEFAULT_RANKING_WEIGHTS, suggestOffers } from './ranking';
import { aNeed, anOffer, NOW } from '../testing/fixtures';

describe('department distance', () => {
  it('ranks same department < same region < mainland < overseas, from the official lists', () => {
    expect(['68', '67', '75', '2B', '971'].map((code) => departmentDistance('68', code).tier)).toEqual([
      'SAME_DEPARTMENT',
      'SAME_REGION',
      'MAINLAND',
      'MAINLAND',
      'OVERSEAS',
    ]);
    expect(departmentDistance('2A', '2B')).toEqual({
      tier: 'SAME_REGION',
      rank: 1,
      label: 'same region (Corse)',
    });
    expect(departmentDistance('972', '971').tier).toBe('OVERSEAS');
  });

  it('knows the 101 departments and rejects anything else', () => {
    const codes = ['01', '2A', '2B', '95', '971', '976'];
    expect(codes.every(isDepartmentCode)).toBe(true);
    expect(['20', '96', '975', '977', 'XX'].some(isDepartmentCode)).toBe(false);
    expect(() => departmentDistance('68', '20')).toThrow('unknown department code "20"');
  });
});

describe('suggestions for one need', () => {
  // A buyer in Haut-Rhin (68), 150,000 FFP2 within €0.50, needed in 14 days.
  const offers = [
    anOffer({ offerId: 'strasbourg', departmentCode: '67' }), // €0.45 at 150,000, 5 days, made in France
    anOffer({
      offerId: 'guadeloupe',
      departmentCode: '971',
      madeInFrance: false,
      leadTimeDays: 9,
      priceTiers: [{ minQuantity: 1, unitPriceMicros: 400_000 }],
    }),
    anOffer({
      offerId: 'mulhouse',
      departmentCode: '68',
      leadTimeDays: 2,
      priceTiers: [{ minQuantity: 1, unitPriceMicros: 480_000 }],
    }),
    anOffer({ offerId: 'late', availableFrom: new Date('2020-05-01T00:00:00Z') }),
  ];

  it('scores price, distance, delivery and made in France, and says why', () => {
    const { ranked, excluded } = suggestOffers(aNeed(), offers, NOW);
    expect(ranked.map((r) => r.offer.offerId)).toEqual(['mulhouse', 'strasbourg', 'guadeloupe']);
    const [mulhouse, strasbourg, guadeloupe] = ranked;
    // Best price €0.40 (Guadeloupe), best delivery 2 days (Mulhouse).
    expect(mulhouse.components).toEqual({
      price: 400_000 / 480_000,
      distance: 1,
      delivery: 1,
      madeInFrance: 1,
    });
    expect(strasbourg.components).toEqual({
      price: 400_000 / 450_000,
      distance: 2 / 3,
      delivery: 3 / 6,
      madeInFrance: 1,
    });
    expect(guadeloupe.components).toEqual({ price: 1, distance: 0, delivery: 3 / 10, madeInFrance: 0 });
    const w = DEFAULT_RANKING_WEIGHTS;
    expect(strasbourg.score).toBeCloseTo(
      w.price * (400 / 450) + w.distance * (2 / 3) + w.delivery * 0.5 + w.madeInFrance,
      12,
    );
    expect(strasbourg.explanation).toBe(
      '€0.45/unit at 150,000 units, same region (Grand Est), delivered in 5 days (2020-04-20), made in France',
    );
    expect(guadeloupe.explanation).toBe(
      '€0.40/unit at 150,000 units, overseas shipping (from 971 Guadeloupe), delivered in 9 days (2020-04-24), made outside France',
    );
    expect(excluded.map((e) => [e.offer.offerId, e.reasons.map((r) => r.code)])).toEqual([
      ['late', ['TOO_LATE']],
    ]);
  });

  it('follows the weights: on price alone the cheapest comes first', () => {
    const { ranked } = suggestOffers(aNeed(), offers, NOW, {
      price: 1,
      distance: 0,
      delivery: 0,
      madeInFrance: 0,
    });
    expect(ranked.map((r) => r.offer.offerId)).toEqual(['guadeloupe', 'strasbourg', 'mulhouse']);
  });

  it('has nothing to suggest when every offer is excluded', () => {
    const { ranked, excluded } = suggestOffers(aNeed({ category: 'UNS1' }), offers, NOW);
    expect(ranked).toEqual([]);
    expect(excluded).toHaveLength(4);
  });
});
