import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event written in the same transaction as the change it reports. The relay publishes it to
 * its queue after commit; the BullMQ job id is derived from `id`, so a re-publish is a no-op.
 */
@Entity('outbox_event')
@Index('outbox_event_unpublished_idx', ['id'], { where: 'published_at IS NULL' })
@Index('outbox_event_unprocessed_idx', ['publishedAt'], {
  where: 'processed_at IS NULL AND published_at IS NOT NULL',
})
export class OutboxEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Delay before the job may run (reservation expiry, reminders). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  runAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  publishAttempts: number;

  /** Set by the consumer with its effect. A published event still unprocessed long after is re-published. */
  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}

/** What a consumer records, in the same transaction as its effect, so that effect happens once. */
@Entity('processed_event')
export class ProcessedEvent {
  @Column({ type: 'bigint', primary: true })
  eventId: string;

  @Column({ type: 'text', primary: true })
  consumer: string;

  @CreateDateColumn({ type: 'timestamptz' })
  processedAt: Date;
}
