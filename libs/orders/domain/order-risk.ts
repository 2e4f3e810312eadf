/**
 * An order is at risk while the certification of one of its products is withdrawn (suspended,
 * revoked or expired); its flag says which, and follows the certification: it changes when the
 * withdrawal does (a suspension turned revocation) and is cleared when the product is certified again
 * (reinstated, or validated anew). While flagged, its buyer may cancel it until shipment (see
 * `decide`, circumstance `atRisk`); once cleared, the usual rule applies again. Pure.
 */
export type WithdrawalKind = 'SUSPENDED' | 'REVOKED' | 'EXPIRED';

export interface ProductWithdrawal {
  kind: WithdrawalKind;
  reason: string | null;
}

const WORDS: Record<WithdrawalKind, string> = {
  SUSPENDED: 'suspended',
  REVOKED: 'revoked',
  EXPIRED: 'expired',
};

/** When several products of one order are withdrawn, the flag names the gravest. */
const GRAVITY: Record<WithdrawalKind, number> = { REVOKED: 3, EXPIRED: 2, SUSPENDED: 1 };

/** What puts an order at risk, given where each of its products stands (null: certified). */
export function gravestWithdrawal(
  withdrawals: readonly (ProductWithdrawal | null)[],
): ProductWithdrawal | null {
  return (
    withdrawals
      .filter((withdrawal): withdrawal is ProductWithdrawal => withdrawal !== null)
      .sort((a, b) => GRAVITY[b.kind] - GRAVITY[a.kind])[0] ?? null
  );
}

/** The flag text of a withdrawal, e.g. "Certification revoked: DGA retest"; null for none. */
export function flagOf(withdrawal: ProductWithdrawal | null): string | null {
  if (!withdrawal) return null;
  return `Certification ${WORDS[withdrawal.kind]}${withdrawal.reason ? `: ${withdrawal.reason}` : ''}`;
}

/** The flag an order carries, given where each of its products stands (null: certified). */
export const riskFlag = (withdrawals: readonly (ProductWithdrawal | null)[]): string | null =>
  flagOf(gravestWithdrawal(withdrawals));
