import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  createPostgresBackend,
  Queue,
  Worker,
  type BackendFactory,
  type ConnectionOptions,
  type JobsOptions,
  type Processor,
  type RedisQueueBackend,
  type WorkerOptions,
} from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { jobsProcessed } from '../observability/metrics';
import { redisOptions } from './redis-options';

/** One queue per concern. Later capabilities add theirs here so every process sees the same list. */
export const QUEUES = {
  notifications: 'notifications',
  certification: 'certification',
  orders: 'orders',
  payments: 'payments',
  invoices: 'invoices',
  matching: 'matching',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Explicit retries with backoff; completed jobs are cleaned up, failed ones kept for the dashboard. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  // Completed jobs are kept a day so a re-published outbox event (same job id) is still recognised.
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: false,
};

/**
 * Creates BullMQ queues and workers on the backend chosen at start-up: Redis, or BullMQ's own
 * PostgreSQL backend when no Redis is available (embedded runs). Producers fail fast while Redis is
 * unreachable (no offline queue): the outbox keeps the event and retries, so nothing is lost.
 */
@Injectable()
export class QueueRegistry implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(QueueRegistry.name);
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get backendDescription(): string {
    if (this.config.queueBackend === 'postgres') return 'BullMQ on PostgreSQL (schema bullmq)';
    const url = new URL(this.config.redisUrl as string);
    return `Redis ${url.hostname}:${url.port || 6379}`;
  }

  private connection(producer: boolean): { connection: ConnectionOptions; prefix?: string } {
    if (this.config.queueBackend === 'postgres') {
      return {
        connection: {
          connectionString: this.config.databaseUrl,
          schema: 'bullmq',
        } as unknown as ConnectionOptions,
      };
    }
    return {
      prefix: this.config.queuePrefix,
      connection: {
        ...redisOptions(this.config.redisUrl as string),
        ...(producer
          ? { enableOfflineQueue: false, commandTimeout: 5000, maxRetriesPerRequest: 1 }
          : { maxRetriesPerRequest: null }),
      },
    };
  }

  // Typed as the Redis factory so both branches build the same Queue/Worker type; both satisfy the
  // backend interface the classes actually use.
  private backend(): BackendFactory<RedisQueueBackend, ConnectionOptions> | undefined {
    return this.config.queueBackend === 'postgres'
      ? (createPostgresBackend as unknown as BackendFactory<RedisQueueBackend, ConnectionOptions>)
      : undefined;
  }

  queue(name: QueueName): Queue {
    const existing = this.queues.get(name);
    if (existing) return existing;
    const backend = this.backend();
    const opts = { ...this.connection(true), defaultJobOptions: DEFAULT_JOB_OPTIONS };
    const queue = backend ? new Queue(name, opts, backend) : new Queue(name, opts);
    queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
    // A producer whose connection set-up failed (Redis lost between the connection and its first
    // reply) stays failed for good in BullMQ: drop it, so the next use starts a fresh one.
    queue.waitUntilReady().catch((error: Error) => {
      if (this.queues.get(name) !== queue) return;
      this.queues.delete(name);
      this.logger.warn(
        `queue ${name}: connection set-up failed (${error.message}); a new one is made on next use`,
      );
      void queue.close().catch(() => undefined);
    });
    this.queues.set(name, queue);
    return queue;
  }

  allQueues(): Queue[] {
    return Object.values(QUEUES).map((name) => this.queue(name));
  }

  worker<T>(name: QueueName, processor: Processor<T>, options: Partial<WorkerOptions> = {}): Worker<T> {
    const backend = this.backend();
    const lock = { lockDuration: this.config.jobLockMs, stalledInterval: this.config.jobLockMs };
    const opts: WorkerOptions = { concurrency: 10, ...lock, ...options, ...this.connection(false) };
    const worker = backend
      ? new Worker<T>(name, processor, opts, backend)
      : new Worker<T>(name, processor, opts);
    worker.on('error', (error) => this.logger.warn(`worker ${name}: ${error.message}`));
    worker.on('completed', () => jobsProcessed.inc({ queue: name, outcome: 'completed' }));
    worker.on('failed', (job, error) => {
      const dead = job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
      jobsProcessed.inc({ queue: name, outcome: dead ? 'dead' : 'failed' });
      if (dead) this.logger.error(`job ${job?.id} on ${name} failed for good: ${error.message}`);
    });
    this.workers.push(worker);
    return worker;
  }

  /**
   * Graceful shutdown, first step: workers stop taking jobs and finish those in flight. Before any
   * onApplicationShutdown hook, so the database connections those jobs use are still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.workers.length) return;
    this.logger.log('stopping workers: no new jobs, finishing those in flight');
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
  }

  /** Last step: producers close once nothing (HTTP requests, the outbox relay) can enqueue any more. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
