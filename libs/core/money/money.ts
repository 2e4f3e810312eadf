import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * Money is integers, never floats. Amounts (line totals, invoices, payments) are euro **cents**.
 * Unit prices of masks are often fractions of a cent at volume (0.4523 €), so they are integer
 * **micro-euros** (1 € = 1,000,000 micros). A line total is the exact product quantity × unit price in
 * micros, rounded once to the cent, half away from zero (the usual commercial rule); totals add up the
 * rounded lines, so what a buyer sees on each line is what they pay.
 */
export const MICROS_PER_EURO = 1_000_000;
export const MICROS_PER_CENT = 10_000;

/** quantity × unitPriceMicros in cents, rounded half up (amounts are never negative here). */
export function lineTotalCents(quantity: number, unitPriceMicros: number): number {
  if (
    !Number.isSafeInteger(quantity) ||
    !Number.isSafeInteger(unitPriceMicros) ||
    quantity < 0 ||
    unitPriceMicros < 0
  ) {
    throw new RangeError('quantity and unit price must be non-negative integers');
  }
  const micros = BigInt(quantity) * BigInt(unitPriceMicros);
  const cents = (micros + BigInt(MICROS_PER_CENT / 2)) / BigInt(MICROS_PER_CENT);
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount too large');
  return Number(cents);
}

/**
 * Thousands grouped with a no-break space (U+00A0): the narrow one Intl uses for French (U+202F) is
 * missing from the fonts of PDF invoices and many terminals.
 */
const group = (units: number): string => String(units).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

/** "0,4523 €"-style display of a unit price (French decimal comma, no float arithmetic). */
export function formatMicros(micros: number): string {
  const euros = Math.trunc(micros / MICROS_PER_EURO);
  const fraction = String(micros % MICROS_PER_EURO)
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${group(euros)},${fraction.padEnd(2, '0')}\u00a0€`;
}

/** "22 615,00 €"-style display of an amount in cents. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${group(Math.trunc(abs / 100))},${String(abs % 100).padStart(2, '0')}\u00a0€`;
}

function toSafeInteger(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new GraphQLError(`SafeInt must be an integer between ±${Number.MAX_SAFE_INTEGER}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/**
 * Integers up to 2^53 − 1: GraphQL's Int stops at 2^31 − 1 (21 million euros in cents), too small
 * for a large group's yearly purchases. Serialised as a JSON number.
 */
export const SafeIntScalar = new GraphQLScalarType({
  name: 'SafeInt',
  description: 'An integer between -(2^53 - 1) and 2^53 - 1 (amounts in cents, prices in micro-euros)',
  serialize: (value) => toSafeInteger(typeof value === 'string' ? Number(value) : value),
  parseValue: toSafeInteger,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT)
      throw new GraphQLError('SafeInt must be an integer literal', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    return toSafeInteger(Number(ast.value));
  },
});
