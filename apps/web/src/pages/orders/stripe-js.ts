/**
 * The little of Stripe.js the payment step uses, typed here rather than by a package: Stripe.js is
 * loaded from STRIPE_JS_URL at run time, never bundled (https://docs.stripe.com/js).
 */
export interface StripeError {
  type: string;
  message?: string;
}

export interface StripePaymentElement {
  mount(selector: string | HTMLElement): void;
  destroy(): void;
}

export interface StripeElements {
  create(type: 'payment', options?: Record<string, unknown>): StripePaymentElement;
}

export interface StripeInstance {
  elements(options: { clientSecret: string; locale?: string }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    confirmParams: { return_url: string };
  }): Promise<{ error?: StripeError }>;
}

type StripeConstructor = (publishableKey: string) => StripeInstance;

declare global {
  interface Window {
    Stripe?: StripeConstructor;
  }
}

const loading = new Map<string, Promise<StripeConstructor>>();

/** Adds Stripe.js's script tag once per page (Stripe asks for it to be loaded from its own host). */
export function loadStripeJs(url: string): Promise<StripeConstructor> {
  const known = loading.get(url);
  if (known) return known;
  const promise = new Promise<StripeConstructor>((resolve, reject) => {
    if (window.Stripe) {
      resolve(window.Stripe);
      return;
    }
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.onload = () =>
      window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not define Stripe'));
    script.onerror = () => reject(new Error(`Stripe.js could not be loaded from ${url}`));
    document.head.appendChild(script);
  });
  // A failed load (network down) is tried again on the next visit to the step, not cached forever.
  promise.catch(() => loading.delete(url));
  loading.set(url, promise);
  return promise;
}
