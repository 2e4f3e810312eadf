/** The scheme click & collect orders count against (seeded by the quota engine's migration). */
export const CLICK_COLLECT_SCHEME_CODE = 'CLICK_COLLECT_SURGICAL';

/** How a company's order names its persons: each with a quantity, or a total to spread. */
export type OrderPersons =
  | { kind: 'named'; allocations: { personId: string; quantity: number }[] }
  | { kind: 'spread'; quantity: number };

/** Reads the order's input: exactly one of persons or quantity. Null when it gives both or neither. */
export function orderPersonsOf(input: {
  persons?: { personId: string; quantity: number }[] | null;
  quantity?: number | null;
}): OrderPersons | null {
  const named = input.persons != null;
  const spread = input.quantity != null;
  if (named === spread) return null;
  return named
    ? {
        kind: 'named',
        allocations: input.persons!.map((p) => ({ personId: p.personId, quantity: p.quantity })),
      }
    : { kind: 'spread', quantity: input.quantity! };
}

/**
 * Days a company has to collect an order before it expires (its stock goes back to the store, its
 * quota to the persons). Stored on each order as its collect-by instant, so a change applies to new
 * orders only.
 */
export const PICKUP_DAYS = 7;

export const collectByOf = (placedAt: Date, days = PICKUP_DAYS): Date =>
  new Date(placedAt.getTime() + days * 86_400_000);
