import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
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
  ORDER_EVENT_TYPES,
  OrderAction,
  OrderActor,
  OrderStatus,
  OrdersService,
  orderNumber,
  PaymentMethod,
  PaymentGateway,
  type Order,
  type RecordedShipmentInput,
} from '@masks/orders';

type OrderJob = OutboxJob<{ orderId: string; shipments?: RecordedShipmentInput[]; orderIds?: string[] }>;

/**
 * The order pipeline's lifecycle jobs: payment set-up after placement, expiry of unpaid
 * reservations, shipments and deliveries reported in bulk, delivery and receipt reminders. Each runs
 * its effect once per event (runOnce), and each checks the state it finds under the order's lock: a
 * job that arrives late does nothing.
 */
@Injectable()
export class OrderPipelineProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrderPipelineProcessor.name);

  constructor(
    private readonly queues: QueueRegistry,
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly payments: PaymentGateway,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.worker<OrderJob>(QUEUES.orders, (job) => this.process(job), { concurrency: 20 });
  }

  async process(job: Job<OrderJob>): Promise<void> {
    const { eventId, type, payload } = job.data;
    const ctx = RequestContext.system();
    await runOnce(this.dataSource.manager, eventId, `orders:${type}`, async (manager) => {
      switch (type) {
        case ORDER_EVENT_TYPES.placed:
          await this.orders.transition(
            ctx,
            payload.orderId,
            (order) => (order.status === OrderStatus.PLACED ? this.paymentStart(order) : null),
            manager,
          );
          return;
        case ORDER_EVENT_TYPES.reservationExpiry:
          await this.orders.transition(
            ctx,
            payload.orderId,
            (order) =>
              isUnpaid(order.status)
                ? { action: OrderAction.EXPIRE, actor: OrderActor.SYSTEM, note: 'not paid in time' }
                : null,
            manager,
          );
          return;
        case ORDER_EVENT_TYPES.shipmentsRecorded:
          await this.orders.applyRecordedShipments(manager, payload.shipments ?? []);
          return;
        case ORDER_EVENT_TYPES.deliveriesRecorded:
          await this.orders.applyRecordedDeliveries(manager, payload.orderIds ?? []);
          return;
        case ORDER_EVENT_TYPES.deliveryReminder:
        case ORDER_EVENT_TYPES.receiptReminder:
          await this.remind(manager, payload.orderId, type);
          return;
        default:
          this.logger.warn(`unknown order event ${type} (${eventId})`);
      }
    });
  }

  /** Bank transfer: the invoice goes out. Card/SEPA: the provider's payment starts (its own idempotency key). */
  private paymentStart(order: Order) {
    if (order.paymentMethod === PaymentMethod.BANK_TRANSFER) {
      return {
        action: OrderAction.ISSUE_INVOICE,
        actor: OrderActor.SYSTEM,
        note: 'bank transfer on invoice',
      };
    }
    return {
      action: OrderAction.START_CARD_PAYMENT,
      actor: OrderActor.SYSTEM,
      effect: async (_manager: unknown, locked: Order) => {
        locked.paymentReference = await this.payments.startPayment(locked);
      },
    };
  }

  private async remind(manager: DataSource['manager'], orderId: string, type: string): Promise<void> {
    const [row]: { status: OrderStatus; seq: number; supplier_id: string; buyer_id: string }[] =
      await manager.query(`SELECT status, seq, supplier_id, buyer_id FROM customer_order WHERE id = $1`, [
        orderId,
      ]);
    const delivery = type === ORDER_EVENT_TYPES.deliveryReminder;
    if (!row || row.status !== (delivery ? OrderStatus.SHIPPED : OrderStatus.DELIVERED)) return;
    const contact = await adminContactOf(manager, delivery ? row.supplier_id : row.buyer_id);
    if (!contact) return;
    const number = orderNumber(row);
    await recordEvents(manager, [
      notificationEvent(
        delivery
          ? {
              recipient: contact,
              subject: `Commande ${number} : livraison ?`,
              body: `La commande ${number} est expédiée depuis plusieurs jours : indiquez sa livraison.`,
            }
          : {
              recipient: contact,
              subject: `Commande ${number} : accusé de réception attendu`,
              body: `Accusez réception de la commande ${number} en ligne, ligne par ligne.`,
            },
      ),
    ]);
  }
}
