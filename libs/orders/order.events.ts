import { QUEUES, type DomainEvent } from '@masks/core';

/** The jobs an order's moves start, each through the outbox (after commit, never lost). */
export const ORDER_EVENT_TYPES = {
  placed: 'order.placed',
  reservationExpiry: 'order.reservation-expiry',
  deliveryReminder: 'order.delivery-reminder',
  receiptReminder: 'order.receipt-reminder',
  invoice: 'order.invoice-requested',
  refund: 'order.refund-requested',
  paymentCancel: 'order.payment-cancel-requested',
  shipmentsRecorded: 'order.shipments-recorded',
  deliveriesRecorded: 'order.deliveries-recorded',
} as const;

import type { RecordedShipmentInput } from './dto/order.inputs';

const on = (queue: DomainEvent['queue'], type: string, orderId: string, runAt?: Date): DomainEvent => ({
  queue,
  type,
  payload: { orderId },
  runAt,
});

export const ORDER_EVENTS = {
  /** Sets up payment: a card/SEPA payment with the provider, or the invoice for a transfer. */
  placed: (orderId: string) => on(QUEUES.orders, ORDER_EVENT_TYPES.placed, orderId),
  /** Delayed to the end of the reservation: expires the order if it is still unpaid then. */
  reservationExpiry: (orderId: string, at: Date) =>
    on(QUEUES.orders, ORDER_EVENT_TYPES.reservationExpiry, orderId, at),
  deliveryReminder: (orderId: string, at: Date) =>
    on(QUEUES.orders, ORDER_EVENT_TYPES.deliveryReminder, orderId, at),
  receiptReminder: (orderId: string, at: Date) =>
    on(QUEUES.orders, ORDER_EVENT_TYPES.receiptReminder, orderId, at),
  invoice: (orderId: string) => on(QUEUES.invoices, ORDER_EVENT_TYPES.invoice, orderId),
  refund: (orderId: string) => on(QUEUES.payments, ORDER_EVENT_TYPES.refund, orderId),
  /** An order ended before its card/SEPA payment went through: the provider's payment is cancelled. */
  paymentCancel: (orderId: string) => on(QUEUES.payments, ORDER_EVENT_TYPES.paymentCancel, orderId),
  /** Part of a batch of shipments the supplier's ERP reported, applied by the pipeline. */
  shipmentsRecorded: (shipments: RecordedShipmentInput[]): DomainEvent => ({
    queue: QUEUES.orders,
    type: ORDER_EVENT_TYPES.shipmentsRecorded,
    payload: { shipments: shipments.map((shipment) => ({ ...shipment })) },
  }),
  deliveriesRecorded: (orderIds: string[]): DomainEvent => ({
    queue: QUEUES.orders,
    type: ORDER_EVENT_TYPES.deliveriesRecorded,
    payload: { orderIds },
  }),
};
