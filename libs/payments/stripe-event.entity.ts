import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every Stripe webhook event accepted (signature verified), keyed by Stripe's event id: a redelivery
 * finds its row and is not processed again. The payload is kept for the job and for audits.
 */
@Entity('stripe_event')
export class StripeEventRecord {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  type: string;

  /** When Stripe created the event: its order, which may differ from the order of arrival. */
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
