import {
  BadRequestException,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Post,
  Req,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, Public, QUEUES, recordEvents, type AppConfig } from '@masks/core';
import { STRIPE, type StripeClient } from './stripe.client';

export const STRIPE_EVENT_RECEIVED = 'stripe.event-received';

/**
 * Stripe's webhook. The signature is checked on the raw bytes before anything is parsed or read
 * (Vendure parsed and queried first); an event id seen before is acknowledged and ignored; the
 * work is done by a job, so the answer is fast and a failure is retried, never lost.
 */
@Controller('webhooks')
export class StripeWebhookController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(STRIPE) private readonly stripe: StripeClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('stripe')
  @Public()
  @HttpCode(200)
  async receive(
    @Req() req: RawBodyRequest<Request>,
    @Headers('stripe-signature') signature?: string,
  ): Promise<{ received: true; duplicate: boolean }> {
    if (!this.stripe || !this.config.stripeWebhookSecret)
      throw new ServiceUnavailableException('Stripe is not configured');
    let event: ReturnType<StripeClient['webhooks']['constructEvent']>;
    try {
      if (!req.rawBody || !signature) throw new Error('missing body or signature');
      event = this.stripe.webhooks.constructEvent(req.rawBody, signature, this.config.stripeWebhookSecret);
    } catch {
      throw new BadRequestException('Invalid Stripe signature');
    }
    const duplicate = await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO stripe_event (id, type, created_at, payload) VALUES ($1, $2, to_timestamp($3), $4) ON CONFLICT DO NOTHING RETURNING id`,
        [event.id, event.type, event.created, JSON.stringify(event)],
      );
      if (!inserted.length) return true;
      await recordEvents(manager, [
        { queue: QUEUES.payments, type: STRIPE_EVENT_RECEIVED, payload: { stripeEventId: event.id } },
      ]);
      return false;
    });
    return { received: true, duplicate };
  }
}
