import type { NotificationRequest } from '@masks/core';
import type { WithdrawalKind } from '@masks/orders';

/** What a buyer is told when an open order's risk flag changes. Templates, kept out of the job. */

const WITHDRAWN: Record<WithdrawalKind, { subject: string; body: string }> = {
  SUSPENDED: { subject: 'certification suspendue', body: 'a été suspendue' },
  REVOKED: { subject: 'certification retirée', body: 'a été retirée' },
  EXPIRED: { subject: 'certification expirée', body: 'a expiré' },
};

/** Flagged, or flagged differently (a suspension turned revocation). */
export const orderAtRiskNotice = (
  recipient: string,
  number: string,
  kind: WithdrawalKind,
  flag: string,
): NotificationRequest => ({
  recipient,
  subject: `Commande ${number} : ${WITHDRAWN[kind].subject}`,
  body: `La certification des masques de la commande ${number} ${WITHDRAWN[kind].body} (${flag}). Vous pouvez l’annuler ; un paiement déjà fait vous sera remboursé.`,
});

/** The flag is cleared: the product is certified again. */
export const orderNoLongerAtRiskNotice = (recipient: string, number: string): NotificationRequest => ({
  recipient,
  subject: `Commande ${number} : certification rétablie`,
  body: `Les masques de la commande ${number} sont de nouveau certifiés : la commande n’est plus signalée à risque et suit son cours. Son annulation suit de nouveau les règles habituelles.`,
});
