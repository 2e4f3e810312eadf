import { Inject, Injectable } from '@nestjs/common';
import { PaymentGateway, PaymentMethod, type Order } from '@masks/orders';
import { STRIPE, type StripeClient } from './stripe.client';

/**
 * Card and SEPA debit through Stripe PaymentIntents. Every call carries an idempotency key derived
 * from the order, so a retried job never charges or refunds twice.
 */
@Injectable()
export class StripePaymentGateway extends PaymentGateway {
  readonly cardPaymentsEnabled = true;

  constructor(@Inject(STRIPE) private readonly stripe: StripeClient) {
    super();
  }

  async startPayment(order: Order): Promise<string> {
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: order.totalCents,
        currency: 'eur',
        allowed_payment_method_types: [
          order.paymentMethod === PaymentMethod.SEPA_DEBIT ? 'sepa_debit' : 'card',
        ],
        metadata: { orderId: order.id },
        description: `Commande ${order.id}`,
      },
      { idempotencyKey: `order-${order.id}-payment` },
    );
    return intent.id;
  }

  async cancelPayment(order: Order): Promise<void> {
    if (!order.paymentReference) return;
    try {
      await this.stripe.paymentIntents.cancel(
        order.paymentReference,
        { cancellation_reason: 'abandoned' },
        { idempotencyKey: `order-${order.id}-cancel` },
      );
    } catch (error) {
      // Already paid (or already cancelled): nothing left to stop.
      if ((error as { code?: string }).code === 'payment_intent_unexpected_state') return;
      throw error;
    }
  }

  async refund(order: Order): Promise<string> {
    if (!order.paymentReference) throw new Error(`order ${order.id} has no payment to refund`);
    const refund = await this.stripe.refunds.create(
      { payment_intent: order.paymentReference },
      { idempotencyKey: `order-${order.id}-refund` },
    );
    return refund.id;
  }

  async paymentSecret(order: Order): Promise<string | null> {
    if (!order.paymentReference) return null;
    return (await this.stripe.paymentIntents.retrieve(order.paymentReference)).client_secret;
  }
}

/** Without a card provider: orders are paid by bank transfer on invoice, recorded by the supplier. */
@Injectable()
export class TransferOnlyGateway extends PaymentGateway {
  readonly cardPaymentsEnabled = false;

  startPayment(): Promise<string> {
    return Promise.reject(new Error('card payments are not configured (STRIPE_SECRET_KEY)'));
  }

  cancelPayment(): Promise<void> {
    return Promise.resolve();
  }

  refund(): Promise<string> {
    return Promise.reject(new Error('card payments are not configured (STRIPE_SECRET_KEY)'));
  }

  paymentSecret(): Promise<string | null> {
    return Promise.resolve(null);
  }
}
