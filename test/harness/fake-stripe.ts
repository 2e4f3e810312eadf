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
 * A stand-in for Stripe.js (served at /v3/, as js.stripe.com serves it): `Stripe(pk)`,
 * `elements({ clientSecret })`, `create('payment').mount(target)` renders a small labelled card or IBAN
 * form (by the PaymentIntent's method), and `confirmPayment({ elements, confirmParams })` confirms the
 * PaymentIntent with this server and sends the browser to return_url with payment_intent and
 * redirect_status, as Stripe.js does; an incomplete form or a refused confirmation answers `{ error }`.
 */
const FAKE_STRIPE_JS = `(function () {
  var base = new URL(document.currentScript.src).origin;
  function api(method, path, form) {
    return fetch(base + path, {
      method: method,
      headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      body: form ? new URLSearchParams(form).toString() : undefined,
    }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); });
  }
  window.Stripe = function (publishableKey) {
    if (!/^pk_test_/.test(publishableKey)) throw new Error('fake Stripe.js wants a pk_test_ key');
    return {
      elements: function (options) {
        var elements = { clientSecret: options.clientSecret, intentId: options.clientSecret.split('_secret_')[0] };
        var intent = api('GET', '/v1/payment_intents/' + elements.intentId + '?client_secret=' +
          encodeURIComponent(options.clientSecret) + '&key=' + publishableKey);
        elements.create = function (type) {
          if (type !== 'payment') throw new Error('fake Stripe.js only has the payment element');
          var container;
          return {
            mount: function (target) {
              container = typeof target === 'string' ? document.querySelector(target) : target;
              intent.then(function (answer) {
                elements.method = (answer.body.payment_method_types || ['card'])[0];
                container.innerHTML = elements.method === 'sepa_debit'
                  ? '<label>IBAN <input name="iban" autocomplete="off"></label> ' +
                    '<label>Titulaire du compte <input name="name"></label>'
                  : '<label>Numéro de carte <input name="number" inputmode="numeric"></label> ' +
                    '<label>Expiration (MM/AA) <input name="exp"></label> ' +
                    '<label>Cryptogramme <input name="cvc"></label>';
                elements.fields = container;
              });
            },
            destroy: function () { if (container) container.innerHTML = ''; },
          };
        };
        return elements;
      },
      confirmPayment: function (options) {
        var elements = options.elements;
        function value(name) {
          var input = elements.fields && elements.fields.querySelector('input[name=' + name + ']');
          return input ? input.value.replace(/\\s/g, '') : '';
        }
        var form = { client_secret: elements.clientSecret, key: publishableKey,
          return_url: options.confirmParams.return_url };
        if (elements.method === 'sepa_debit') {
          if (!value('iban')) return Promise.resolve({ error: { type: 'validation_error', message: 'Votre IBAN est incomplet.' } });
          form['payment_method_data[type]'] = 'sepa_debit';
          form['payment_method_data[sepa_debit][iban]'] = value('iban');
        } else {
          if (!value('number')) return Promise.resolve({ error: { type: 'validation_error', message: 'Votre numéro de carte est incomplet.' } });
          form['payment_method_data[type]'] = 'card';
          form['payment_method_data[card][number]'] = value('number');
        }
        return api('POST', '/v1/payment_intents/' + elements.intentId + '/confirm', form).then(function (answer) {
          if (!answer.ok) return { error: answer.body.error };
          var back = new URL(options.confirmParams.return_url);
          back.searchParams.set('payment_intent', elements.intentId);
          back.searchParams.set('payment_intent_client_secret', elements.clientSecret);
          back.searchParams.set('redirect_status', answer.body.status === 'succeeded' ? 'succeeded' : 'processing');
          window.location.assign(back.toString());
          // The page is leaving, as with Stripe.js: nothing to answer.
          return new Promise(function () {});
        });
      },
    };
  };
})();
`;

/** A card number Stripe's test mode declines. */
export const DECLINED_CARD = '4000000000000002';

/**
 * A local stand-in for api.stripe.com, enough for the official SDK's PaymentIntent (create, retrieve,
 * cancel) and Refund calls, and for the browser's Stripe.js (served at /v3/, confirming a PaymentIntent):
 * it answers a repeated Idempotency-Key with the first answer, as Stripe does. Once told where
 * (`deliverWebhooksTo`), a confirmed PaymentIntent is followed by Stripe's signed
 * payment_intent.succeeded webhook. Stripe is the one external service tests may fake; the SDK itself is real.
 */
export async function startFakeStripe({ delayMs = 0 } = {}) {
  const calls: RecordedCall[] = [];
  const intents = new Map<string, Record<string, unknown>>();
  const byKey = new Map<string, Record<string, unknown>>();
  const webhookFailures: string[] = [];
  let webhookUrl: string | undefined;
  /** Webhooks kept back (a test looks at the page between the payment and Stripe's word on it). */
  let held: (() => void)[] | undefined;
  let counter = 0;
  /** What Stripe sends once a confirmed payment went through, signed with the webhook secret. */
  const announceSuccess = async (intent: Record<string, unknown>) => {
    if (!webhookUrl) return;
    try {
      const answer = await postWebhook(
        webhookUrl,
        signedEvent({
          id: `evt_fake_${++counter}`,
          type: 'payment_intent.succeeded',
          data: { object: intent },
        }),
      );
      if (answer.status !== 200) webhookFailures.push(`${answer.status} ${JSON.stringify(answer.json)}`);
    } catch (error) {
      webhookFailures.push(String(error));
    }
  };
  const server: Server = createServer((req, res) => {
    // Stripe.js calls from the console's origin.
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-headers': 'content-type',
        'access-control-allow-methods': 'GET, POST',
      });
      res.end();
      return;
    }
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/v3/') {
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
      res.end(FAKE_STRIPE_JS);
      return;
    }
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
          payment_method_types: [form.get('allowed_payment_method_types[0]') ?? 'card'],
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
      } else if (req.method === 'POST' && /^\/v1\/payment_intents\/[^/]+\/confirm$/.test(path)) {
        // Stripe.js confirming with the client secret the console was given (never the secret key).
        const intent = intents.get(path.split('/')[3]);
        if (
          !intent ||
          form.get('client_secret') !== intent.client_secret ||
          !form.get('key')?.startsWith('pk_test_')
        )
          return send(404, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } });
        if (intent.status !== 'requires_payment_method')
          return send(400, {
            error: {
              type: 'invalid_request_error',
              code: 'payment_intent_unexpected_state',
              message: `Ce paiement est à l’état ${String(intent.status)}.`,
            },
          });
        if (form.get('payment_method_data[card][number]') === DECLINED_CARD)
          return send(402, {
            error: { type: 'card_error', code: 'card_declined', message: 'Votre carte a été refusée.' },
          });
        const method = form.get('payment_method_data[type]');
        // A SEPA debit is processing until the bank answers; a card succeeds at once.
        Object.assign(intent, {
          status: method === 'sepa_debit' ? 'processing' : 'succeeded',
          payment_method: `pm_${method}_${++counter}`,
        });
        answer = { ...intent };
        const announce = () => void announceSuccess({ ...intent, status: 'succeeded' });
        if (held) held.push(announce);
        else setTimeout(announce, delayMs);
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
    /** Stripe.js for the browser, at the address STRIPE_JS_URL names. */
    jsUrl: `http://127.0.0.1:${port}/v3/`,
    /** Where confirmed payments are announced (the app's base URL), and what went wrong doing so. */
    deliverWebhooksTo: (url: string) => {
      webhookUrl = url;
    },
    webhookFailures,
    holdWebhooks: () => {
      held = [];
    },
    /** Sends the webhooks kept back, or drops them (the bank refused the debit after all). */
    releaseWebhooks: ({ drop = false } = {}) => {
      const queued = held ?? [];
      held = undefined;
      if (!drop) queued.forEach((announce) => announce());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const STRIPE_TEST_ENV = {
  STRIPE_SECRET_KEY: 'sk_test_masques_0123456789',
  STRIPE_WEBHOOK_SECRET: 'whsec_test_masques_0123456789',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_masques_0123456789',
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
