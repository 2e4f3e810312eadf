import Stripe from 'stripe';
import type { AppConfig } from '@masks/core';

export const STRIPE = Symbol('STRIPE');
export type StripeClient = InstanceType<typeof Stripe>;

/** The official SDK; STRIPE_API_URL points it at another host (a local stand-in in tests). */
export function createStripe(config: AppConfig): StripeClient | null {
  if (!config.stripeSecretKey) return null;
  const target = config.stripeApiUrl ? new URL(config.stripeApiUrl) : null;
  return new Stripe(config.stripeSecretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(target
      ? {
          host: target.hostname,
          port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
          protocol: target.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
}
