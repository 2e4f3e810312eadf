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

/** A refused term: the field, the English sentence, and why as data (a code and its figures). */
export interface TermProblem {
  field: string;
  message: string;
  reason: string;
  args?: Record<string, string | number>;
}

/** Why an order quantity is refused, with the figures of the sentence. */
export interface QuantityProblem {
  message: string;
  reason: string;
  args?: Record<string, string | number>;
}

/** Every problem with the terms (empty when valid): a supplier fixes them all in one go. */
export function checkOfferTerms(terms: OfferTerms): TermProblem[] {
  const problems: TermProblem[] = [];
  const { quantity, minimumOrderQuantity: moq, orderIncrement: step, priceTiers, leadTimeDays } = terms;
  const positiveInt = (field: string, value: number, max: number) => {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      problems.push({
        field,
        message: `${field} must be a whole number from 1 to ${max}`,
        reason: 'WHOLE_NUMBER_OUT_OF_RANGE',
        args: { min: 1, max },
      });
      return false;
    }
    return true;
  };
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_LOT_QUANTITY) {
    problems.push({
      field: 'quantity',
      message: `quantity must be a whole number from 0 to ${MAX_LOT_QUANTITY}`,
      reason: 'WHOLE_NUMBER_OUT_OF_RANGE',
      args: { min: 0, max: MAX_LOT_QUANTITY },
    });
  }
  const stepOk = positiveInt('orderIncrement', step, MAX_LOT_QUANTITY);
  const moqOk = positiveInt('minimumOrderQuantity', moq, MAX_LOT_QUANTITY);
  if (stepOk && moqOk && moq % step !== 0) {
    problems.push({
      field: 'minimumOrderQuantity',
      message: `the minimum order (${moq}) must be a multiple of the lot increment (${step})`,
      reason: 'MINIMUM_ORDER_NOT_MULTIPLE_OF_INCREMENT',
      args: { minimumOrderQuantity: moq, orderIncrement: step },
    });
  }
  if (stepOk && Number.isInteger(quantity) && quantity % step !== 0) {
    problems.push({
      field: 'quantity',
      message: `the quantity (${quantity}) must be a multiple of the lot increment (${step})`,
      reason: 'QUANTITY_NOT_MULTIPLE_OF_INCREMENT',
      args: { quantity, orderIncrement: step },
    });
  }
  if (!Number.isInteger(leadTimeDays) || leadTimeDays < 0 || leadTimeDays > MAX_LEAD_TIME_DAYS) {
    problems.push({
      field: 'leadTimeDays',
      message: `leadTimeDays must be a whole number from 0 to ${MAX_LEAD_TIME_DAYS}`,
      reason: 'WHOLE_NUMBER_OUT_OF_RANGE',
      args: { min: 0, max: MAX_LEAD_TIME_DAYS },
    });
  }
  if (!priceTiers.length)
    problems.push({
      field: 'priceTiers',
      message: 'at least one price tier is required',
      reason: 'PRICE_TIER_REQUIRED',
    });
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
        reason: 'UNIT_PRICE_OUT_OF_RANGE',
        args: { minUnitPriceMicros: 1, maxUnitPriceMicros: MAX_UNIT_PRICE_MICROS },
      });
    }
    if (!Number.isInteger(tier.minQuantity) || tier.minQuantity < 1) {
      problems.push({
        field,
        message: 'minQuantity must be a whole number ≥ 1',
        reason: 'TIER_MIN_QUANTITY_BELOW_ONE',
      });
    }
    const previous = priceTiers[i - 1];
    if (previous && tier.minQuantity <= previous.minQuantity) {
      problems.push({
        field,
        message: 'price tiers must be in increasing order of minQuantity',
        reason: 'TIERS_NOT_INCREASING',
        args: { minQuantity: tier.minQuantity, previousMinQuantity: previous.minQuantity },
      });
    }
    // Monotone tiers keep "price at quantity q ≤ p" a simple index-friendly test.
    if (previous && tier.unitPriceMicros > previous.unitPriceMicros) {
      problems.push({
        field,
        message: 'a larger quantity cannot cost more per unit than a smaller one',
        reason: 'TIER_PRICE_ABOVE_PREVIOUS',
        args: { unitPriceMicros: tier.unitPriceMicros, previousUnitPriceMicros: previous.unitPriceMicros },
      });
    }
  });
  if (priceTiers[0] && moqOk && priceTiers[0].minQuantity > moq) {
    problems.push({
      field: 'priceTiers[0]',
      message: `the first tier must apply from the minimum order (${moq}) or less`,
      reason: 'FIRST_TIER_ABOVE_MINIMUM',
      args: { minimumOrderQuantity: moq, minQuantity: priceTiers[0].minQuantity },
    });
  }
  return problems;
}

/** Whether a quantity can be ordered on these terms (MOQ or more, whole lot increments). */
export function orderQuantityProblem(
  terms: Pick<OfferTerms, 'minimumOrderQuantity' | 'orderIncrement'>,
  quantity: number,
): QuantityProblem | null {
  if (!Number.isInteger(quantity) || quantity < 1)
    return { message: 'the quantity must be a whole number ≥ 1', reason: 'QUANTITY_BELOW_ONE' };
  if (quantity < terms.minimumOrderQuantity)
    return {
      message: `the minimum order is ${terms.minimumOrderQuantity}`,
      reason: 'QUANTITY_BELOW_MINIMUM_ORDER',
      args: { minimumOrderQuantity: terms.minimumOrderQuantity },
    };
  if (quantity % terms.orderIncrement !== 0)
    return {
      message: `the quantity must be a multiple of the lot increment (${terms.orderIncrement})`,
      reason: 'QUANTITY_NOT_MULTIPLE_OF_INCREMENT',
      args: { quantity, orderIncrement: terms.orderIncrement },
    };
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
