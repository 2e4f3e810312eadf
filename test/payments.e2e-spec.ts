import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../apps/worker/bootstrap';
import { startTestApp, waitFor, type TestApp } from './harness/app';
import { signUp, type Actor } from './harness/factories';
import { createOffer, createProduct, inDays, setCertifiedUntil, signUpSupplier } from './harness/catalog';
import { expireReservationNow, orderView, placeOrder, waitForStatus } from './harness/orders';
import { postWebhook, signedEvent, startFakeStripe, STRIPE_TEST_ENV } from './harness/fake-stripe';

describe('payments: Stripe PaymentIntents, signed webhooks, refunds', () => {
  let app: TestApp;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let supplier: Actor;
  let buyer: Actor;
  let offerId: string;
  let eventCounter = 0;

  const succeeded = (orderId: string, intentId: string) =>
    signedEvent({
      id: `evt_${Date.now()}_${++eventCounter}`,
      type: 'payment_intent.succeeded',
      data: { object: { id: intentId, object: 'payment_intent', metadata: { orderId } } },
    });
  const cardOrder = async (quantity = 5_000) => {
    const response = await placeOrder(app, buyer, [{ offerId, quantity }], { paymentMethod: 'CARD' });
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.placeOrder;
  };
  const intentOf = async (orderId: string) =>
    (await app.dataSource.query(`SELECT payment_reference FROM customer_order WHERE id = $1`, [orderId]))[0]
      .payment_reference as string;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    app = await startTestApp({ worker: true, env: { ...STRIPE_TEST_ENV, STRIPE_API_URL: stripe.url } });
    supplier = await signUpSupplier(app);
    buyer = await signUp(app);
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    offerId = await createOffer(app, supplier, productId, { quantity: 1_000_000 });
  });
  afterAll(async () => {
    await app.close();
    await stripe.close();
  });

  it('a card order starts one PaymentIntent for its total, and its buyer gets the client secret', async () => {
    const order = await cardOrder(10_000);
    await waitForStatus(app, buyer, order.id, 'AWAITING_PAYMENT');
    const creates = stripe.calls.filter(
      (c) => c.path === '/v1/payment_intents' && c.form.get('metadata[orderId]') === order.id,
    );
    expect(creates).toHaveLength(1);
    expect(creates[0].idempotencyKey).toBe(`order-${order.id}-payment`);
    expect(Number(creates[0].form.get('amount'))).toBe(order.totalCents);
    const secret = await app.gql<{ order: { paymentClientSecret: string | null } }>(
      `query($id: ID!) { order(id: $id) { paymentClientSecret } }`,
      { id: order.id },
      buyer,
    );
    expect(secret.data?.order.paymentClientSecret).toMatch(/^pi_test_\d+_secret_/);
    const forSupplier = await app.gql<{ order: { paymentClientSecret: string | null } }>(
      `query($id: ID!) { order(id: $id) { paymentClientSecret } }`,
      { id: order.id },
      supplier,
    );
    expect(forSupplier.data?.order.paymentClientSecret).toBeNull();
  });

  it('a forged or missing signature is refused with 400 and changes nothing', async () => {
    const order = await cardOrder();
    await waitForStatus(app, buyer, order.id, 'AWAITING_PAYMENT');
    const genuine = succeeded(order.id, await intentOf(order.id));
    const forged = signedEvent(JSON.parse(genuine.payload), 'whsec_not_the_secret');
    expect((await postWebhook(app.url, forged)).status).toBe(400);
    expect((await postWebhook(app.url, { payload: genuine.payload })).status).toBe(400);
    const tampered = {
      payload: genuine.payload.replace('"livemode":false', '"livemode":true'),
      signature: genuine.signature,
    };
    expect((await postWebhook(app.url, tampered)).status).toBe(400);
    expect(
      await app.dataSource.query(
        `SELECT id FROM stripe_event WHERE payload->'data'->'object'->'metadata'->>'orderId' = $1`,
        [order.id],
      ),
    ).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await orderView(app, buyer, order.id)).status).toBe('AWAITING_PAYMENT');
  });

  it('the same event delivered 10 times, concurrently, is applied once', async () => {
    const order = await cardOrder();
    await waitForStatus(app, buyer, order.id, 'AWAITING_PAYMENT');
    const event = succeeded(order.id, await intentOf(order.id));
    const answers = await Promise.all(Array.from({ length: 10 }, () => postWebhook(app.url, event)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => (a.json as { duplicate: boolean }).duplicate === false)).toHaveLength(1);
    const paid = await waitForStatus(app, buyer, order.id, 'PAID');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statusCount((await orderView(app, buyer, order.id)).history, 'PAID')).toBe(1);
    expect(paid.history.at(-1)).toMatchObject({
      fromStatus: 'AWAITING_PAYMENT',
      toStatus: 'PAID',
      actor: 'SYSTEM',
    });
  });

  it('an unpaid card order that expires, or that its buyer cancels, has its PaymentIntent cancelled, once, and is never charged', async () => {
    const expiring = await cardOrder();
    const withdrawn = await cardOrder();
    await waitForStatus(app, buyer, expiring.id, 'AWAITING_PAYMENT');
    await waitForStatus(app, buyer, withdrawn.id, 'AWAITING_PAYMENT');
    await expireReservationNow(app, expiring.id);
    await waitForStatus(app, buyer, expiring.id, 'EXPIRED');
    await app.gql(
      `mutation($id: ID!) { cancelOrder(id: $id, reason: "found elsewhere") { status } }`,
      { id: withdrawn.id },
      buyer,
    );
    for (const order of [expiring, withdrawn]) {
      const intent = await intentOf(order.id);
      await waitFor(
        () => stripe.intents.get(intent)?.status === 'canceled',
        10_000,
        `PaymentIntent of ${order.id} cancelled`,
      );
      const cancels = stripe.calls.filter((c) => c.path === `/v1/payment_intents/${intent}/cancel`);
      expect(cancels.map((c) => c.idempotencyKey)).toEqual([`order-${order.id}-cancel`]);
      expect(
        stripe.calls.filter((c) => c.path === '/v1/refunds' && c.form.get('payment_intent') === intent),
      ).toEqual([]);
    }
  });

  it('a payment that succeeds after the order expired is noted and refunded, once', async () => {
    const order = await cardOrder();
    await waitForStatus(app, buyer, order.id, 'AWAITING_PAYMENT');
    const intent = await intentOf(order.id);
    // The buyer's payment goes through just as the reservation ends: too late to cancel it.
    stripe.intents.get(intent)!.status = 'succeeded';
    await expireReservationNow(app, order.id);
    await waitForStatus(app, buyer, order.id, 'EXPIRED');
    await postWebhook(app.url, succeeded(order.id, intent));
    const refunded = await waitForStatus(app, buyer, order.id, 'REFUNDED');
    expect(refunded.history.map((h) => h.action).slice(-2)).toEqual(['RECORD_LATE_PAYMENT', 'REFUND']);
    const refunds = stripe.calls.filter(
      (c) => c.path === '/v1/refunds' && c.form.get('payment_intent') === intent,
    );
    expect(refunds).toHaveLength(1);
    expect(refunds[0].idempotencyKey).toBe(`order-${order.id}-refund`);
  });

  it('a paid card order cancelled by its buyer is refunded through Stripe', async () => {
    const order = await cardOrder();
    await waitForStatus(app, buyer, order.id, 'AWAITING_PAYMENT');
    await postWebhook(app.url, succeeded(order.id, await intentOf(order.id)));
    await waitForStatus(app, buyer, order.id, 'PAID');
    const cancelled = await app.gql(
      `mutation($id: ID!) { cancelOrder(id: $id, reason: "ordered twice") { status } }`,
      { id: order.id },
      buyer,
    );
    expect(cancelled.errors).toBeUndefined();
    await waitForStatus(app, buyer, order.id, 'REFUNDED');
    // Nobody records a card payment or refund by hand.
    const byHand = await app.gql(
      `mutation($id: ID!) { recordOrderRefund(id: $id, reference: "x") { status } }`,
      { id: order.id },
      supplier,
    );
    expect(byHand.errors?.[0].extensions?.code).toMatch(/CONFLICT|BAD_USER_INPUT/);
  });

  it('every call to Stripe carries an idempotency key', () => {
    const writes = stripe.calls.filter((c) => c.method === 'POST');
    expect(writes.length).toBeGreaterThan(4);
    for (const call of writes)
      expect(call.idempotencyKey).toMatch(/^order-[0-9a-f-]{36}-(payment|refund|cancel)$/);
  });
});

describe('payments: events out of order', () => {
  let app: TestApp;
  let worker: INestApplicationContext | undefined;
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    app = await startTestApp({ env: { ...STRIPE_TEST_ENV, STRIPE_API_URL: stripe.url } });
  });
  afterAll(async () => {
    await worker?.close();
    await app.close();
    await stripe.close();
  });

  it('payment_intent.succeeded arriving before the order recorded its payment start ends paid, once', async () => {
    const supplier = await signUpSupplier(app);
    const buyer = await signUp(app);
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    const offerId = await createOffer(app, supplier, productId);
    const order = (await placeOrder(app, buyer, [{ offerId, quantity: 5_000 }], { paymentMethod: 'CARD' }))
      .data!.placeOrder;
    // No worker yet: the order is still PLACED when Stripe's success arrives (e.g. after a slow job).
    const event = signedEvent({
      id: 'evt_early_1',
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_external_1', object: 'payment_intent', metadata: { orderId: order.id } } },
    });
    expect((await postWebhook(app.url, event)).status).toBe(200);
    expect((await orderView(app, buyer, order.id)).status).toBe('PLACED');
    worker = await createWorker({ shutdownHooks: false });
    const paid = await waitForStatus(app, buyer, order.id, 'PAID');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const final = await orderView(app, buyer, order.id);
    expect(final.status).toBe('PAID');
    expect(statusCount(final.history, 'PAID')).toBe(1);
    // Whichever job ran first, the payment is the one Stripe reported, and no second charge was started after it.
    const [row] = await app.dataSource.query(`SELECT payment_reference FROM customer_order WHERE id = $1`, [
      order.id,
    ]);
    expect(row.payment_reference).toBe('pi_external_1');
    expect(paid.history[0].toStatus).toBe('PLACED');
  });
});

function statusCount(history: { toStatus: string }[], status: string): number {
  return history.filter((h) => h.toStatus === status).length;
}
