import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '@masks/core';
import { PaymentGateway } from '@masks/orders';
import { createStripe, STRIPE, type StripeClient } from './stripe.client';
import { StripePaymentGateway, TransferOnlyGateway } from './payment-gateways';
import { StripeWebhookController } from './stripe-webhook.controller';
import { PaymentSettingsResolver } from './payment-settings.resolver';

/** The payment provider every process uses: Stripe when STRIPE_SECRET_KEY is set, else transfer only. */
@Global()
@Module({
  providers: [
    { provide: STRIPE, inject: [APP_CONFIG], useFactory: createStripe },
    {
      provide: PaymentGateway,
      inject: [STRIPE],
      useFactory: (stripe: StripeClient | null) =>
        stripe ? new StripePaymentGateway(stripe) : new TransferOnlyGateway(),
    },
  ],
  exports: [STRIPE, PaymentGateway],
})
export class PaymentGatewayModule {}

/** The API side: the Stripe webhook, and what the console needs to pay in the browser. */
@Module({ controllers: [StripeWebhookController], providers: [PaymentSettingsResolver] })
export class PaymentsApiModule {}
