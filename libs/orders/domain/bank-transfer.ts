/** What an order keeps of its supplier's account (see Order.supplierIban): all set, or all null. */
export interface AccountSnapshot {
  supplierAccountHolder: string | null;
  supplierIban: string | null;
  supplierBic: string | null;
}

export interface BankTransferDetails {
  /** What the buyer quotes on its transfer. */
  reference: string;
  /** Where to send it; null when the supplier had declared no account when the order was placed. */
  account: { accountHolder: string; iban: string; bic: string } | null;
}

/** Human-readable order number (CMD-00000042), from the order's sequence number. */
export const orderNumber = (order: { seq: number }): string => `CMD-${String(order.seq).padStart(8, '0')}`;

/**
 * How to pay an order by bank transfer. The reference is the order number: unique (a sequence),
 * fixed for the order's life, printed on its invoice, so the supplier matches a transfer to its order
 * by it. The account is the copy taken at placement.
 */
export function bankTransferOf(order: { seq: number } & AccountSnapshot): BankTransferDetails {
  const { supplierAccountHolder: accountHolder, supplierIban: iban, supplierBic: bic } = order;
  return {
    reference: orderNumber(order),
    account: accountHolder && iban && bic ? { accountHolder, iban, bic } : null,
  };
}

/** The columns an order stores from the account in force at placement (all null without one). */
export const accountSnapshotOf = (
  account: { accountHolder: string; iban: string; bic: string } | null,
): AccountSnapshot => ({
  supplierAccountHolder: account?.accountHolder ?? null,
  supplierIban: account?.iban ?? null,
  supplierBic: account?.bic ?? null,
});
