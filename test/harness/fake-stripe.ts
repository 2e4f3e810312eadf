import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface RecordedCall {
  method: string;
  path: string;
  idempotencyKey?: string;
  form: URLSearchParams;
}

/**
 * A local stand-in for api.stripe.com, enough for the official SDK's PaymentIntent (create, retrieve,
 * cancel) and Refund calls:
 * it answers a repeated Idempotency-Key with the first answer, as Stripe does. Stripe is the one
 * external service tests may fake; the SDK itself is real.
 */
export async function startFakeStripe({ delayMs = 0 } = {}) {
  const calls: RecordedCall[] = [];
  const intents = new Map<string, Record<string, unknown>>();
  const byKey = new Map<string, Record<string, unknown>>();
  let counter = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const key = req.headers['idempotency-key'] as string | undefined;
      const path = (req.url ?? '').split('?')[0];
      calls.push({ method: req.method ?? '', path, idempotencyKey: key, form });
      // A slow answer keeps calls in flight (to crash a worker in the middle of one).
      const send = (status: number, payload: unknown) =>
        setTimeout(() => {
          res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++counter}` });
          res.end(JSON.stringify(payload));
        }, delayMs);
      if (key && byKey.has(key)) return send(200, byKey.get(key));
      let answer: Record<string, unknown> | undefined;
      if (req.method === 'POST' && path === '/v1/payment_intents') {
        const id = `pi_test_${++counter}`;
        answer = {
          id,
          object: 'payment_intent',
          amount: Number(form.get('amount')),
          currency: form.get('currency'),
          status: 'requires_payment_method',
          client_secret: `${id}_secret_${counter}`,
          metadata: { orderId: form.get('metadata[orderId]') },
        };
        intents.set(id, answer);
      } else if (req.method === 'POST' && /^\/v1\/payment_intents\/[^/]+\/cancel$/.test(path)) {
        answer = intents.get(path.split('/')[3]);
        if (!answer)
          return send(404, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } });
        if (answer.status === 'succeeded') {
          return send(400, {
            error: {
              type: 'invalid_request_error',
              code: 'payment_intent_unexpected_state',
              message: 'This PaymentIntent has already succeeded',
            },
          });
        }
        Object.assign(answer, { status: 'canceled', cancellation_reason: form.get('cancellation_reason') });
      } else if (req.method === 'GET' && path.startsWith('/v1/payment_intents/')) {
        answer = intents.get(path.split('/').pop() as string);
        if (!answer)
          return send(404, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } });
      } else if (req.method === 'POST' && path === '/v1/refunds') {
        answer = {
          id: `re_test_${++counter}`,
          object: 'refund',
          payment_intent: form.get('payment_intent'),
          status: 'succeeded',
        };
      } else {
        return send(404, {
          error: { type: 'invalid_request_error', message: `unhandled ${req.method} ${path}` },
        });
      }
      if (key) byKey.set(key, answer);
      send(200, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    intents,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const STRIPE_TEST_ENV = {
  STRIPE_SECRET_KEY: 'sk_test_masques_0123456789',
  STRIPE_WEBHOOK_SECRET: 'whsec_test_masques_0123456789',
};

/** A webhook event signed as Stripe signs it (the SDK's own test helper). */
export function signedEvent(
  event: { id: string; type: string; data: { object: Record<string, unknown> }; created?: number },
  secret = STRIPE_TEST_ENV.STRIPE_WEBHOOK_SECRET,
) {
  const payload = JSON.stringify({
    object: 'event',
    api_version: '2025-01-01',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    ...event,
  });
  const stripe = new Stripe(STRIPE_TEST_ENV.STRIPE_SECRET_KEY);
  return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

export async function postWebhook(
  baseUrl: string,
  body: { payload: string; signature?: string },
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (body.signature) headers['stripe-signature'] = body.signature;
  const response = await fetch(`${baseUrl}/webhooks/stripe`, { method: 'POST', headers, body: body.payload });
  return { status: response.status, json: await response.json() };
}
