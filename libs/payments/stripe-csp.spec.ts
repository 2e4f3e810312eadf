import { stripeCspDirectives } from './stripe-csp';

describe('stripeCspDirectives', () => {
  it('lets the console load Stripe.js, frame Stripe’s iframes and 3-D Secure pages, and call Stripe', () => {
    const directives = stripeCspDirectives({ stripeJsUrl: 'https://js.stripe.com/v3/' });
    expect(directives['script-src']).toEqual(["'self'", 'https://js.stripe.com', 'https://*.js.stripe.com']);
    expect(directives['frame-src']).toEqual(
      expect.arrayContaining(['https://js.stripe.com', 'https://hooks.stripe.com']),
    );
    expect(directives['connect-src']).toContain('https://api.stripe.com');
  });

  it('adds STRIPE_JS_URL’s origin when Stripe.js comes from elsewhere', () => {
    const directives = stripeCspDirectives({ stripeJsUrl: 'http://127.0.0.1:4242/v3/' });
    for (const name of ['script-src', 'frame-src', 'connect-src']) {
      expect(directives[name]).toContain('http://127.0.0.1:4242');
    }
  });
});
