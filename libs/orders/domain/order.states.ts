/**
 * The order's life as a typed state machine (after Vendure's order process, with the actor checked
 * in the same table): who may move an order, from which states, to which. Pure: services ask
 * `decide()` first and write nothing when it refuses.
 */
export enum OrderStatus {
  /** Stock reserved; payment not set up yet. */
  PLACED = 'PLACED',
  /** Card or SEPA payment started with the provider; the reservation expires if it does not succeed. */
  AWAITING_PAYMENT = 'AWAITING_PAYMENT',
  /** Bank transfer on invoice: the invoice is out, the transfer not recorded yet. */
  INVOICED = 'INVOICED',
  PAID = 'PAID',
  CONFIRMED = 'CONFIRMED',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  /** The buyer acknowledged receipt (per line, discrepancies noted). */
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
  /** Not paid in time: the reservation was released. */
  EXPIRED = 'EXPIRED',
  /** Cancelled after payment, and the money returned. */
  REFUNDED = 'REFUNDED',
}

export enum OrderAction {
  START_CARD_PAYMENT = 'START_CARD_PAYMENT',
  ISSUE_INVOICE = 'ISSUE_INVOICE',
  RECORD_PAYMENT = 'RECORD_PAYMENT',
  /** Money arrived for an order that had already expired or been cancelled: noted, then refunded. */
  RECORD_LATE_PAYMENT = 'RECORD_LATE_PAYMENT',
  CONFIRM = 'CONFIRM',
  SHIP = 'SHIP',
  DELIVER = 'DELIVER',
  ACKNOWLEDGE_RECEIPT = 'ACKNOWLEDGE_RECEIPT',
  CANCEL = 'CANCEL',
  EXPIRE = 'EXPIRE',
  REFUND = 'REFUND',
}

/** Who acts: the buying organisation, the selling one, the platform (jobs, provider webhooks), or an operator (DGE). */
export enum OrderActor {
  BUYER = 'BUYER',
  SUPPLIER = 'SUPPLIER',
  SYSTEM = 'SYSTEM',
  OPERATOR = 'OPERATOR',
}

interface Rule {
  from: readonly OrderStatus[];
  /** SAME: the move is recorded in the history but leaves the status as it is. */
  to: OrderStatus | 'SAME';
  by: readonly OrderActor[];
}

const S = OrderStatus;
const A = OrderActor;
/** Not paid yet: the reservation may still expire. */
export const UNPAID_STATUSES: readonly OrderStatus[] = [S.PLACED, S.AWAITING_PAYMENT, S.INVOICED];
/** Stock is still set aside for these (released on cancel or expiry, sold on shipment). */
export const RESERVING_STATUSES: readonly OrderStatus[] = [...UNPAID_STATUSES, S.PAID, S.CONFIRMED];
const BEFORE_PAYMENT = UNPAID_STATUSES;

export const ORDER_RULES: Record<OrderAction, Rule> = {
  [OrderAction.START_CARD_PAYMENT]: { from: [S.PLACED], to: S.AWAITING_PAYMENT, by: [A.SYSTEM] },
  [OrderAction.ISSUE_INVOICE]: { from: [S.PLACED], to: S.INVOICED, by: [A.SYSTEM] },
  // A webhook may report success before the order moved to AWAITING_PAYMENT (events arrive out of order).
  [OrderAction.RECORD_PAYMENT]: {
    from: [S.PLACED, S.AWAITING_PAYMENT, S.INVOICED],
    to: S.PAID,
    by: [A.SYSTEM, A.SUPPLIER, A.OPERATOR],
  },
  [OrderAction.RECORD_LATE_PAYMENT]: { from: [S.CANCELLED, S.EXPIRED], to: 'SAME', by: [A.SYSTEM] },
  [OrderAction.CONFIRM]: { from: [S.PAID], to: S.CONFIRMED, by: [A.SUPPLIER] },
  [OrderAction.SHIP]: { from: [S.CONFIRMED], to: S.SHIPPED, by: [A.SUPPLIER] },
  [OrderAction.DELIVER]: { from: [S.SHIPPED], to: S.DELIVERED, by: [A.SUPPLIER, A.SYSTEM] },
  [OrderAction.ACKNOWLEDGE_RECEIPT]: { from: [S.DELIVERED, S.SHIPPED], to: S.RECEIVED, by: [A.BUYER] },
  [OrderAction.CANCEL]: {
    from: [...BEFORE_PAYMENT, S.PAID, S.CONFIRMED],
    to: S.CANCELLED,
    by: [A.BUYER, A.SUPPLIER, A.OPERATOR],
  },
  [OrderAction.EXPIRE]: { from: BEFORE_PAYMENT, to: S.EXPIRED, by: [A.SYSTEM] },
  // Card refunds are made by the platform; a transfer is sent back by the supplier, who records it.
  [OrderAction.REFUND]: {
    from: [S.CANCELLED, S.EXPIRED],
    to: S.REFUNDED,
    by: [A.SYSTEM, A.SUPPLIER, A.OPERATOR],
  },
};

/**
 * Once the supplier confirmed, only the supplier may still cancel, unless the order is at risk
 * (flagged while its product's certification is withdrawn; cleared when it holds again, see
 * order-risk.ts): the buyer need not take masks that may no longer be sold, and may cancel until
 * shipment.
 */
const BUYER_CANCELS_UNTIL = new Set<OrderStatus>([...BEFORE_PAYMENT, S.PAID]);
const BUYER_CANCELS_AT_RISK_UNTIL = new Set<OrderStatus>([...BUYER_CANCELS_UNTIL, S.CONFIRMED]);

export type Decision =
  { ok: true; to: OrderStatus } | { ok: false; reason: string; illegal: 'STATE' | 'ACTOR' };

/** What else about the order a rule may depend on. */
export interface OrderCircumstances {
  /** The order carries a flag (its product's certification is suspended, revoked or expired). */
  atRisk?: boolean;
}

export function decide(
  from: OrderStatus,
  action: OrderAction,
  actor: OrderActor,
  circumstances: OrderCircumstances = {},
): Decision {
  const rule = ORDER_RULES[action];
  if (!rule.from.includes(from)) {
    return { ok: false, illegal: 'STATE', reason: `An order ${label(from)} cannot be ${verb(action)}` };
  }
  const buyerCancelsUntil = circumstances.atRisk ? BUYER_CANCELS_AT_RISK_UNTIL : BUYER_CANCELS_UNTIL;
  if (
    !rule.by.includes(actor) ||
    (action === OrderAction.CANCEL && actor === A.BUYER && !buyerCancelsUntil.has(from))
  ) {
    return {
      ok: false,
      illegal: 'ACTOR',
      reason: `The ${actor.toLowerCase()} cannot ${verb(action, true)} an order ${label(from)}`,
    };
  }
  return { ok: true, to: rule.to === 'SAME' ? from : rule.to };
}

/**
 * What a supplier's ERP may report: a shipment once the order is paid (its shipment confirms it), a
 * delivery once it is shipped. Reporting again what already happened is accepted and changes nothing.
 */
export const SHIPMENT_REPORTABLE: readonly OrderStatus[] = [
  S.PAID,
  S.CONFIRMED,
  S.SHIPPED,
  S.DELIVERED,
  S.RECEIVED,
];
export const DELIVERY_REPORTABLE: readonly OrderStatus[] = [S.SHIPPED, S.DELIVERED, S.RECEIVED];

export const holdsReservation = (status: OrderStatus): boolean => RESERVING_STATUSES.includes(status);
export const isUnpaid = (status: OrderStatus): boolean => UNPAID_STATUSES.includes(status);

/** Money was taken and must be returned if the order is cancelled. */
export const wasPaid = (history: readonly OrderStatus[]): boolean => history.includes(S.PAID);

export const isFinal = (status: OrderStatus): boolean => [S.RECEIVED, S.EXPIRED, S.REFUNDED].includes(status);

const label = (status: OrderStatus): string => status.toLowerCase().replace(/_/g, ' ');

function verb(action: OrderAction, infinitive = false): string {
  const words: Record<OrderAction, [string, string]> = {
    START_CARD_PAYMENT: ['sent to card payment', 'start the payment of'],
    ISSUE_INVOICE: ['invoiced', 'invoice'],
    RECORD_PAYMENT: ['marked paid', 'mark as paid'],
    RECORD_LATE_PAYMENT: ['paid late', 'record a late payment of'],
    CONFIRM: ['confirmed', 'confirm'],
    SHIP: ['shipped', 'ship'],
    DELIVER: ['marked delivered', 'mark as delivered'],
    ACKNOWLEDGE_RECEIPT: ['acknowledged as received', 'acknowledge receipt of'],
    CANCEL: ['cancelled', 'cancel'],
    EXPIRE: ['expired', 'expire'],
    REFUND: ['refunded', 'refund'],
  };
  return words[action][infinitive ? 1 : 0];
}
