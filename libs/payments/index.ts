export * from './stripe.client';
export * from './payment-gateways';
export * from './stripe-webhook.controller';
export * from './payments.module';
export * from './payments.processor';
export * from './stripe-event.entity';
export * from './payment-settings.resolver';
export * from './stripe-csp';

import { StripeEventRecord } from './stripe-event.entity';

export const paymentEntities = [StripeEventRecord];
