import { jobIdFor, QUEUES, QueueRegistry } from '@masks/core';
import type { TestApp } from './app';
import type { Actor } from './factories';

export const ORDER_FIELDS = `id number status paymentMethod subtotalCents vatCents totalCents vatRateBasisPoints reservationExpiresAt
  lines { id offerId quantity unitPriceMicros lineTotalCents lotNumbers receivedQuantity discrepancyNote }
  history { fromStatus toStatus action actor actorName }`;

export interface OrderView {
  id: string;
  number: string;
  status: string;
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  lines: {
    id: string;
    offerId: string;
    quantity: number;
    unitPriceMicros: number;
    lineTotalCents: number;
    lotNumbers: string[];
    receivedQuantity: number | null;
    discrepancyNote: string | null;
  }[];
  history: {
    fromStatus: string | null;
    toStatus: string;
    action: string | null;
    actor: string;
    actorName: string | null;
  }[];
}

export const PLACE_ORDER = `mutation($input: PlaceOrderInput!, $key: String) { placeOrder(input: $input, idempotencyKey: $key) { ${ORDER_FIELDS} } }`;

export function placeOrder(
  app: TestApp,
  buyer: Actor,
  lines: { offerId: string; quantity: number; expectedUnitPriceMicros?: number }[],
  extra: Record<string, unknown> = {},
) {
  return app.gql<{ placeOrder: OrderView }>(
    PLACE_ORDER,
    { input: { lines, paymentMethod: 'BANK_TRANSFER', deliveryDepartmentCode: '44', ...extra } },
    buyer,
  );
}

export async function orderView(app: TestApp, actor: Actor, id: string): Promise<OrderView> {
  const response = await app.gql<{ order: OrderView }>(
    `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
    { id },
    actor,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.order;
}

/** Polls until the order reaches a status (jobs run in the worker). */
export async function waitForStatus(
  app: TestApp,
  actor: Actor,
  id: string,
  status: string,
  timeoutMs = 60_000,
): Promise<OrderView> {
  const end = Date.now() + timeoutMs;
  // Quick at first, then gentler: a hundred orders polled every 50 ms is load of its own on a busy
  // machine. The timeout only catches a job that never runs.
  for (let pause = 50; ; pause = Math.min(pause * 1.5, 500)) {
    const order = await orderView(app, actor, id);
    if (order.status === status) return order;
    if (Date.now() > end) throw new Error(`order ${id} is ${order.status}, still not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * Brings an order's reservation expiry to now: an event not yet handed to the queue gets run_at = now;
 * one already waiting in the queue as a delayed job is promoted (as an operator can from the dashboard).
 */
export async function expireReservationNow(app: TestApp, orderId: string): Promise<void> {
  type Published = { id: string; published_at: Date | null; created_at: Date };
  const [event]: Published[] = await app.dataSource
    .query(
      `UPDATE outbox_event SET run_at = now() WHERE type = 'order.reservation-expiry' AND payload->>'orderId' = $1 RETURNING id, published_at, created_at`,
      [orderId],
    )
    .then(([rows]: [Published[]]) => rows);
  if (!event?.published_at || !app.worker) return;
  const job = await app.worker
    .get(QueueRegistry)
    .queue(QUEUES.orders)
    .getJob(jobIdFor(String(event.id), new Date(event.created_at)));
  if (job && (await job.isDelayed())) await job.promote();
}
