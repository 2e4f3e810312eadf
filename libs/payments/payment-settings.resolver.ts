import { Inject } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, Public, type AppConfig } from '@masks/core';

@ObjectType({ description: 'What the console needs to take a card or SEPA payment in the buyer’s browser' })
export class PaymentSettings {
  @Field(() => String, {
    nullable: true,
    description: 'Stripe’s publishable key (pk_…); null when card and SEPA payments are not available',
  })
  stripePublishableKey!: string | null;

  @Field({ description: 'Where the console loads Stripe.js from' })
  stripeJsUrl!: string;
}

/**
 * Public: a publishable key is meant to be in every buyer's page (it can only create tokens and confirm
 * a payment whose client secret the buyer already holds), and the login page may need it too.
 */
@Resolver(() => PaymentSettings)
export class PaymentSettingsResolver {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Query(() => PaymentSettings)
  @Public()
  paymentSettings(): PaymentSettings {
    // Without the secret key no PaymentIntent is ever made: the console must not offer card or SEPA.
    const enabled = Boolean(this.config.stripeSecretKey && this.config.stripePublishableKey);
    return {
      stripePublishableKey: enabled ? (this.config.stripePublishableKey ?? null) : null,
      stripeJsUrl: this.config.stripeJsUrl,
    };
  }
}
