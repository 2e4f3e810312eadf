import { startTestApp, type TestApp } from './harness/app';
import { STRIPE_TEST_ENV } from './harness/fake-stripe';

const QUERY = `{ paymentSettings { stripePublishableKey stripeJsUrl } }`;

describe('paymentSettings: what the console needs to pay by card or SEPA', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('gives anyone, signed in or not, the publishable key and where Stripe.js is', async () => {
    app = await startTestApp({
      env: {
        ...STRIPE_TEST_ENV,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_masques_0123456789',
        STRIPE_JS_URL: 'http://127.0.0.1:9/v3/',
      },
    });
    const answer = await app.gql<{ paymentSettings: { stripePublishableKey: string; stripeJsUrl: string } }>(
      QUERY,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.paymentSettings).toEqual({
      stripePublishableKey: 'pk_test_masques_0123456789',
      stripeJsUrl: 'http://127.0.0.1:9/v3/',
    });
  });

  it('has no key when Stripe is not configured (card and SEPA are not offered), Stripe.js at js.stripe.com', async () => {
    // A publishable key alone: no PaymentIntent could ever be made without the secret one.
    app = await startTestApp({ env: { STRIPE_PUBLISHABLE_KEY: 'pk_test_masques_0123456789' } });
    const answer = await app.gql<{ paymentSettings: unknown }>(QUERY);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.paymentSettings).toEqual({
      stripePublishableKey: null,
      stripeJsUrl: 'https://js.stripe.com/v3/',
    });
  });
});
