import type { AppConfig } from '@masks/core';

/**
 * The Content-Security-Policy directives the console needs to pay with Stripe, per Stripe's CSP guide
 * (https://docs.stripe.com/security/guide#content-security-policy): Stripe.js and its iframes from
 * js.stripe.com, 3-D Secure pages from hooks.stripe.com, its calls to api.stripe.com. STRIPE_JS_URL's
 * origin is allowed as well when it points elsewhere (a local stand-in). Helmet adds its own defaults.
 */
export function stripeCspDirectives(config: Pick<AppConfig, 'stripeJsUrl'>): Record<string, string[]> {
  const jsOrigin = new URL(config.stripeJsUrl).origin;
  const extra = (list: string[]) => (list.includes(jsOrigin) ? list : [...list, jsOrigin]);
  return {
    'script-src': extra(["'self'", 'https://js.stripe.com', 'https://*.js.stripe.com']),
    'frame-src': extra([
      "'self'",
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://hooks.stripe.com',
    ]),
    'connect-src': extra(["'self'", 'https://api.stripe.com']),
    'img-src': ["'self'", 'data:', 'https://*.stripe.com'],
  };
}
