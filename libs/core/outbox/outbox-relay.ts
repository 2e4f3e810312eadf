import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { QueueRegistry, type QueueName } from '../queues/queue-registry';
import { jobIdFor, type OutboxJob } from './outbox';

const BATCH = 500;
export const OUTBOX_CHANNEL = 'outbox_event';

interface Row {
  id: string;
  type: string;
  queue: QueueName;
  payload: Record<string, unknown>;
  run_at: Date;
  created_at: Date;
}

/**
 * Publishes committed outbox events to their queues. Safe with any number of workers: each batch is
 * claimed with FOR UPDATE SKIP LOCKED and marked published in the same transaction, after the queue
 * accepted the jobs. If the queue is down the transaction rolls back and the events wait; if the
 * commit is lost after the enqueue, the re-publish reuses the same job id and BullMQ ignores it.
 * Woken by NOTIFY on insert, with polling as a fallback.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: Client;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.OUTBOX_RELAY === 'off') return;
    this.start();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  private async listen(): Promise<void> {
    try {
      const client = new Client({ connectionString: this.config.databaseUrl });
      client.on('error', () => undefined);
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      client.on('notification', () => this.wake?.());
      this.listener = client;
    } catch (error) {
      this.logger.warn(`LISTEN unavailable, polling only: ${(error as Error).message}`);
    }
  }

  private async run(): Promise<void> {
    let lastSweep = Date.now();
    while (this.running) {
      let published = 0;
      try {
        if (Date.now() - lastSweep > this.config.outboxRedeliverMs / 2) {
          lastSweep = Date.now();
          await this.redeliverStale();
        }
        published = await this.publishBatch();
        this.failures = 0;
      } catch (error) {
        this.failures++;
        if (this.failures === 1 || this.failures % 50 === 0) {
          this.logger.warn(`outbox relay: queue unavailable, events kept (${(error as Error).message})`);
        }
      }
      if (published < BATCH && this.running) {
        const delay = this.failures
          ? Math.min(this.config.outboxPollMs * 2 ** this.failures, 5000)
          : this.config.outboxPollMs;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /**
   * A queue that lost jobs (a Redis restarted without persistence, a flushed key space) must not lose
   * events: those published long ago and still unprocessed go back to the outbox. Re-publishing is
   * harmless: BullMQ ignores a job id it still holds, and consumers run each event once.
   */
  async redeliverStale(): Promise<number> {
    const [, count] = await this.dataSource.query(
      `UPDATE outbox_event SET published_at = NULL
       WHERE processed_at IS NULL AND published_at IS NOT NULL
         AND published_at < now() - make_interval(secs => $1::float / 1000)
         AND run_at < now() - make_interval(secs => $1::float / 1000)`,
      [this.config.outboxRedeliverMs],
    );
    return Number(count);
  }

  /** Publishes one batch of due events; returns how many. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Row[] = await manager.query(
        `SELECT id, type, queue, payload, run_at, created_at FROM outbox_event
         WHERE published_at IS NULL AND run_at <= now() + interval '1 hour'
         ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (!rows.length) return 0;
      const byQueue = new Map<QueueName, Row[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      const now = Date.now();
      for (const [queue, events] of byQueue) {
        await this.queues.queue(queue).addBulk(
          events.map((event) => ({
            name: event.type,
            data: { eventId: String(event.id), type: event.type, payload: event.payload } satisfies OutboxJob,
            opts: {
              jobId: jobIdFor(String(event.id), new Date(event.created_at)),
              delay: Math.max(0, new Date(event.run_at).getTime() - now),
            },
          })),
        );
      }
      await manager.query(
        `UPDATE outbox_event SET published_at = now(), publish_attempts = publish_attempts + 1 WHERE id = ANY($1::bigint[])`,
        [rows.map((row) => row.id)],
      );
      return rows.length;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }
}
