/**
 * The commercial terms of an offer (a lot) and the rules every order quantity follows. Pure: the
 * catalog validates with it, matching and ordering price with it.
 */
export interface PriceTier {
  /** From this quantity (inclusive) the unit price applies. */
  minQuantity: number;
  /** Integer micro-euros per mask (see money.ts). */
  unitPriceMicros: number;
}

export interface OfferTerms {
  quantity: number;
  minimumOrderQuantity: number;
  /** Lot increment: an order is the MOQ or more, in multiples of this. */
  orderIncrement: number;
  priceTiers: PriceTier[];
  leadTimeDays: number;
}

/** Above 100 € a mask a price is a typing error, not an offer. */
export const MAX_UNIT_PRICE_MICROS = 100_000_000;
export const MAX_LOT_QUANTITY = 100_000_000;
export const MAX_LEAD_TIME_DAYS = 365;

export interface TermProblem {
  field: string;
  message: string;
}

/** Every problem with the terms (empty when valid): a supplier fixes them all in one go. */
export function checkOfferTerms(terms: OfferTerms): TermProblem[] {
  const problems: TermProblem[] = [];
  const { quantity, minimumOrderQuantity: moq, orderIncrement: step, priceTiers, leadTimeDays } = terms;
  const positiveInt = (field: string, value: number, max: number) => {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      problems.push({ field, message: `${field} must be a whole number from 1 to ${max}` });
      return false;
    }
    return true;
  };
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_LOT_QUANTITY) {
    problems.push({
      field: 'quantity',
      message: `quantity must be a whole number from 0 to ${MAX_LOT_QUANTITY}`,
    });
  }
  const stepOk = positiveInt('orderIncrement', step, MAX_LOT_QUANTITY);
  const moqOk = positiveInt('minimumOrderQuantity', moq, MAX_LOT_QUANTITY);
  if (stepOk && moqOk && moq % step !== 0) {
    problems.push({
      field: 'minimumOrderQuantity',
      message: `the minimum order (${moq}) must be a multiple of the lot increment (${step})`,
    });
  }
  if (stepOk && Number.isInteger(quantity) && quantity % step !== 0) {
    problems.push({
      field: 'quantity',
      message: `the quantity (${quantity}) must be a multiple of the lot increment (${step})`,
    });
  }
  if (!Number.isInteger(leadTimeDays) || leadTimeDays < 0 || leadTimeDays > MAX_LEAD_TIME_DAYS) {
    problems.push({
      field: 'leadTimeDays',
      message: `leadTimeDays must be a whole number from 0 to ${MAX_LEAD_TIME_DAYS}`,
    });
  }
  if (!priceTiers.length)
    problems.push({ field: 'priceTiers', message: 'at least one price tier is required' });
  priceTiers.forEach((tier, i) => {
    const field = `priceTiers[${i}]`;
    if (
      !Number.isInteger(tier.unitPriceMicros) ||
      tier.unitPriceMicros < 1 ||
      tier.unitPriceMicros > MAX_UNIT_PRICE_MICROS
    ) {
      problems.push({
        field,
        message: `unit price must be from 1 to ${MAX_UNIT_PRICE_MICROS} micro-euros (100 €)`,
      });
    }
    if (!Number.isInteger(tier.minQuantity) || tier.minQuantity < 1) {
      problems.push({ field, message: 'minQuantity must be a whole number ≥ 1' });
    }
    const previous = priceTiers[i - 1];
    if (previous && tier.minQuantity <= previous.minQuantity) {
      problems.push({ field, message: 'price tiers must be in increasing order of minQuantity' });
    }
    // Monotone tiers keep "price at quantity q ≤ p" a simple index-friendly test.
    if (previous && tier.unitPriceMicros > previous.unitPriceMicros) {
      problems.push({ field, message: 'a larger quantity cannot cost more per unit than a smaller one' });
    }
  });
  if (priceTiers[0] && moqOk && priceTiers[0].minQuantity > moq) {
    problems.push({
      field: 'priceTiers[0]',
      message: `the first tier must apply from the minimum order (${moq}) or less`,
    });
  }
  return problems;
}

/** Whether a quantity can be ordered on these terms (MOQ or more, whole lot increments). */
export function orderQuantityProblem(
  terms: Pick<OfferTerms, 'minimumOrderQuantity' | 'orderIncrement'>,
  quantity: number,
): string | null {
  if (!Number.isInteger(quantity) || quantity < 1) return 'the quantity must be a whole number ≥ 1';
  if (quantity < terms.minimumOrderQuantity) return `the minimum order is ${terms.minimumOrderQuantity}`;
  if (quantity % terms.orderIncrement !== 0)
    return `the quantity must be a multiple of the lot increment (${terms.orderIncrement})`;
  return null;
}

/** The unit price for a quantity: the tier with the largest minQuantity not above it. */
export function unitPriceFor(tiers: PriceTier[], quantity: number): number {
  let price: number | undefined;
  for (const tier of tiers) if (tier.minQuantity <= quantity) price = tier.unitPriceMicros;
  return price ?? tiers[0].unitPriceMicros;
}

/** The lowest unit price on offer (the last tier, tiers being monotone). */
export const fromPriceOf = (tiers: PriceTier[]): number =>
  Math.min(...tiers.map((tier) => tier.unitPriceMicros));
