import type { Order } from './order.entity';

/**
 * What the order pipeline needs from a card/SEPA payment provider. The payments lib provides it
 * (Stripe when configured); without one, orders are paid by bank transfer on invoice only.
 */
export abstract class PaymentGateway {
  /** Whether card and SEPA payments can be taken at all. */
  abstract readonly cardPaymentsEnabled: boolean;
  /** Starts the provider's payment for the order's total; returns its reference. Idempotent per order. */
  abstract startPayment(order: Order): Promise<string>;
  /**
   * Stops the payment of an order that ended unpaid, so the buyer can no longer pay it. A payment
   * that went through meanwhile is left alone: its success is recorded as late, then refunded.
   * Idempotent per order.
   */
  abstract cancelPayment(order: Order): Promise<void>;
  /** Returns the money of a paid order; returns the refund's reference. Idempotent per order. */
  abstract refund(order: Order): Promise<string>;
  /** What the buyer's browser needs to complete the payment (Stripe's client secret), if any. */
  abstract paymentSecret(order: Order): Promise<string | null>;
}
