import type { EntityManager } from 'typeorm';
import type { QueueName } from '../queues/queue-registry';

export interface DomainEvent {
  type: string;
  queue: QueueName;
  payload: Record<string, unknown>;
  /** When the job should run; now by default. */
  runAt?: Date;
}

/** The payload every outbox job carries. */
export interface OutboxJob<P = Record<string, unknown>> {
  eventId: string;
  type: string;
  payload: P;
}

/** Records events inside the caller's transaction: they exist if and only if the change committed. */
export async function recordEvents(manager: EntityManager, events: DomainEvent[]): Promise<string[]> {
  if (!events.length) return [];
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO outbox_event (type, queue, payload, run_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[])
     RETURNING id`,
    [
      events.map((e) => e.type),
      events.map((e) => e.queue),
      events.map((e) => JSON.stringify(e.payload)),
      events.map((e) => (e.runAt ?? new Date()).toISOString()),
    ],
  );
  return rows.map((row) => String(row.id));
}

/**
 * The queue job of an event. Its id alone would repeat once a database is restored from a backup or
 * rebuilt (identities restart) while Redis still remembers completed jobs of that id for a day:
 * BullMQ would take the new event for a duplicate and drop it. The creation instant makes it unique.
 */
export const jobIdFor = (eventId: string, createdAt: Date): string =>
  `evt-${eventId}-${createdAt.getTime().toString(36)}`;

/**
 * Each event has one consumer (its queue's processor); marking it processed stops redelivery.
 * Runs a consumer's effect exactly once per (event, consumer), however often the job is delivered:
 * the processed-event row and the effect commit together. A concurrent duplicate blocks on the
 * primary key until the first commits, then sees the row and skips.
 */
export async function runOnce(
  manager: EntityManager,
  eventId: string,
  consumer: string,
  effect: (manager: EntityManager) => Promise<void>,
): Promise<boolean> {
  return manager.transaction(async (tx) => {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO processed_event (event_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
      [eventId, consumer],
    );
    if (!inserted.length) return false;
    await effect(tx);
    await tx.query(`UPDATE outbox_event SET processed_at = now() WHERE id = $1 AND processed_at IS NULL`, [
      eventId,
    ]);
    return true;
  });
}
