import { lineTotalCents } from '@masks/core';

/** A VAT rate in force from a date (the reduced 5.5 % on masks from March 2020 is a row, not a literal). */
export interface VatRate {
  validFrom: Date;
  /** Basis points: 550 = 5.5 %. */
  rateBasisPoints: number;
}

/** The rate in force on a date: the latest row starting on or before it. */
export function vatRateOn(rates: readonly VatRate[], at: Date): VatRate {
  let found: VatRate | undefined;
  for (const rate of rates)
    if (rate.validFrom <= at && (!found || rate.validFrom > found.validFrom)) found = rate;
  if (!found) throw new Error(`No VAT rate in force on ${at.toISOString()}`);
  return found;
}

export interface PricedLine {
  quantity: number;
  unitPriceMicros: number;
  lineTotalCents: number;
}

export interface OrderTotals {
  lines: PricedLine[];
  subtotalCents: number;
  vatRateBasisPoints: number;
  vatCents: number;
  totalCents: number;
}

/**
 * Lines are each rounded to the cent (money.ts); VAT is computed once on the subtotal and rounded
 * half up, as French invoices show it: one VAT line per rate. Total = subtotal + VAT exactly.
 */
export function priceOrder(
  lines: readonly { quantity: number; unitPriceMicros: number }[],
  vat: VatRate,
): OrderTotals {
  const priced = lines.map((line) => ({
    ...line,
    lineTotalCents: lineTotalCents(line.quantity, line.unitPriceMicros),
  }));
  const subtotalCents = priced.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const vatCents = Number((BigInt(subtotalCents) * BigInt(vat.rateBasisPoints) + 5_000n) / 10_000n);
  return {
    lines: priced,
    subtotalCents,
    vatRateBasisPoints: vat.rateBasisPoints,
    vatCents,
    totalCents: subtotalCents + vatCents,
  };
}
