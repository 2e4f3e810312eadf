import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import {
  notificationEvent,
  QUEUES,
  QueueRegistry,
  recordEvents,
  RequestContext,
  runOnce,
  type OutboxJob,
} from '@masks/core';
import { adminContactOf } from '@masks/organisations';
import {
  isUnpaid,
  Order,
  ORDER_EVENT_TYPES,
  OrderAction,
  OrderActor,
  OrderStatus,
  OrdersService,
  orderNumber,
  PaymentGateway,
  PaymentMethod,
} from '@masks/orders';
import { STRIPE_EVENT_RECEIVED } from './stripe-webhook.controller';

type PaymentJob = OutboxJob<{ stripeEventId?: string; orderId?: string }>;

interface StripePaymentIntent {
  id: string;
  metadata?: { orderId?: string };
  last_payment_error?: { message?: string } | null;
}

/** An order no longer wanted: money arriving for it, or taken before it ended, goes back. */
const ENDED = new Set([OrderStatus.CANCELLED, OrderStatus.EXPIRED]);

/**
 * Applies what Stripe reports and returns money. Events may come twice (de-duplicated on their id
 * at the webhook, and by runOnce here) and in any order: each is judged against the order's state
 * under its lock, so a success before the order recorded its payment start, or after it expired,
 * still ends consistent (paid once; or refunded).
 */
@Injectable()
export class PaymentsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(PaymentsProcessor.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly gateway: PaymentGateway,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.worker<PaymentJob>(QUEUES.payments, (job) => this.process(job), { concurrency: 10 });
  }

  async process(job: Job<PaymentJob>): Promise<void> {
    const { eventId, type, payload } = job.data;
    await runOnce(this.dataSource.manager, eventId, `payments:${type}`, async (manager) => {
      if (type === STRIPE_EVENT_RECEIVED && payload.stripeEventId)
        return this.applyStripeEvent(manager, payload.stripeEventId);
      if (type === ORDER_EVENT_TYPES.refund && payload.orderId) return this.refund(manager, payload.orderId);
      if (type === ORDER_EVENT_TYPES.paymentCancel && payload.orderId)
        return this.cancelPayment(manager, payload.orderId);
      this.logger.warn(`unknown payment event ${type} (${eventId})`);
    });
  }

  private async applyStripeEvent(manager: EntityManager, stripeEventId: string): Promise<void> {
    const [row]: { type: string; created_at: Date; payload: { data: { object: StripePaymentIntent } } }[] =
      await manager.query(`SELECT type, created_at, payload FROM stripe_event WHERE id = $1`, [
        stripeEventId,
      ]);
    const intent = row.payload.data.object;
    const orderId = intent.metadata?.orderId;
    if (!orderId || !row.type.startsWith('payment_intent.')) return;
    const ctx = RequestContext.system();
    if (row.type === 'payment_intent.succeeded') {
      await this.orders.transition(
        ctx,
        orderId,
        (order) => {
          if (isUnpaid(order.status)) {
            return {
              action: OrderAction.RECORD_PAYMENT,
              actor: OrderActor.SYSTEM,
              note: intent.id,
              effect: async (_m, locked) => {
                Object.assign(locked, { paidAt: row.created_at, paymentReference: intent.id });
              },
            };
          }
          if (ENDED.has(order.status) && !order.paidAt) {
            // Paid after it expired or was cancelled: keep the trace, and give the money back.
            return {
              action: OrderAction.RECORD_LATE_PAYMENT,
              actor: OrderActor.SYSTEM,
              note: intent.id,
              effect: async (_m, locked) => {
                Object.assign(locked, { paidAt: row.created_at, paymentReference: intent.id });
              },
            };
          }
          return null;
        },
        manager,
      );
      return;
    }
    if (row.type === 'payment_intent.payment_failed') {
      const order = await manager.findOneBy(Order, { id: orderId });
      const buyer = order && isUnpaid(order.status) ? await adminContactOf(manager, order.buyerId) : null;
      if (order && buyer) {
        await recordEvents(manager, [
          notificationEvent({
            recipient: buyer,
            subject: `Commande ${orderNumber(order)} : paiement refusé`,
            body: `Le paiement a échoué (${intent.last_payment_error?.message ?? 'refusé'}). Réessayez avant le ${order.reservationExpiresAt?.toISOString().slice(0, 10)}.`,
          }),
        ]);
      }
    }
  }

  /** An order that ended unpaid: its PaymentIntent is cancelled, so the buyer is not charged for it. */
  private async cancelPayment(manager: EntityManager, orderId: string): Promise<void> {
    const order = await manager.findOneBy(Order, { id: orderId });
    if (order && ENDED.has(order.status) && !order.paidAt) await this.gateway.cancelPayment(order);
  }

  /** Card/SEPA: refunded through Stripe (idempotency key per order). Transfer: the supplier sends it back and records it. */
  private async refund(manager: EntityManager, orderId: string): Promise<void> {
    const ctx = RequestContext.system();
    const order = await manager.findOneBy(Order, { id: orderId });
    if (!order || !ENDED.has(order.status) || !order.paidAt) return;
    if (order.paymentMethod === PaymentMethod.BANK_TRANSFER) {
      const supplier = await adminContactOf(manager, order.supplierId);
      if (supplier) {
        await recordEvents(manager, [
          notificationEvent({
            recipient: supplier,
            subject: `Commande ${orderNumber(order)} : remboursement à effectuer`,
            body: `La commande ${orderNumber(order)} payée par virement est annulée : remboursez ${(order.totalCents / 100).toFixed(2)} € par virement et enregistrez-le.`,
          }),
        ]);
      }
      return;
    }
    await this.orders.transition(
      ctx,
      orderId,
      (locked) =>
        ENDED.has(locked.status)
          ? {
              action: OrderAction.REFUND,
              actor: OrderActor.SYSTEM,
              effect: async (_m, o) => {
                o.refundReference = await this.gateway.refund(o);
              },
            }
          : null,
      manager,
    );
  }
}
