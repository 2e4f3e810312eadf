import fc from 'fast-check';
import { lineTotalCents } from '@masks/core';
import { priceOrder, vatRateOn } from './pricing';

describe('order pricing', () => {
  const rates = [
    { validFrom: new Date('2014-01-01T00:00:00+01:00'), rateBasisPoints: 2000 },
    { validFrom: new Date('2020-03-24T00:00:00+01:00'), rateBasisPoints: 550 },
  ];

  it('takes the VAT rate in force on the date', () => {
    expect(vatRateOn(rates, new Date('2020-03-23T12:00:00Z')).rateBasisPoints).toBe(2000);
    expect(vatRateOn(rates, new Date('2020-03-24T12:00:00Z')).rateBasisPoints).toBe(550);
    expect(() => vatRateOn(rates, new Date('2000-01-01T00:00:00Z'))).toThrow(/No VAT rate/);
  });

  it('rounds each line once to the cent (half up) and VAT once on the subtotal', () => {
    // 50,000 × 0.452335 € = 22,616.75 €; 3 × 0.004995 € = 0.014985 € → 0.01 €.
    const totals = priceOrder(
      [
        { quantity: 50_000, unitPriceMicros: 452_335 },
        { quantity: 3, unitPriceMicros: 4_995 },
      ],
      rates[1],
    );
    expect(totals.lines.map((l) => l.lineTotalCents)).toEqual([2_261_675, 1]);
    expect(totals).toMatchObject({ subtotalCents: 2_261_676, vatCents: 124_392, totalCents: 2_386_068 });
    expect(lineTotalCents(1, 5_000)).toBe(1);
    expect(lineTotalCents(1, 4_999)).toBe(0);
  });

  it('total = Σ lines + VAT exactly, in integers, for any order (property)', () => {
    const line = fc.record({
      quantity: fc.integer({ min: 1, max: 10_000_000 }),
      unitPriceMicros: fc.integer({ min: 1, max: 100_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 20 }),
        fc.constantFrom(550, 2000),
        (lines, rate) => {
          const totals = priceOrder(lines, { validFrom: new Date(0), rateBasisPoints: rate });
          expect(totals.subtotalCents).toBe(totals.lines.reduce((sum, l) => sum + l.lineTotalCents, 0));
          expect(totals.totalCents).toBe(totals.subtotalCents + totals.vatCents);
          for (const value of [totals.subtotalCents, totals.vatCents, totals.totalCents])
            expect(Number.isSafeInteger(value)).toBe(true);
          // Never more than half a cent away from the exact amounts.
          for (const [i, l] of lines.entries())
            expect(
              Math.abs(totals.lines[i].lineTotalCents * 10_000 - l.quantity * l.unitPriceMicros),
            ).toBeLessThanOrEqual(5_000);
        },
      ),
    );
  });
});
