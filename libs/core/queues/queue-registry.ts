import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Client, Pool } from 'pg';
import {
  createPostgresBackend,
  runMigrations as migrateBullmqSchema,
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
import { ErrorStormDetector, RepeatedErrorLog } from '../observability/repeated-errors';
import { redisOptions } from './redis-options';

/** One queue per concern. Later capabilities add theirs here so every process sees the same list. */
export const QUEUES = {
  notifications: 'notifications',
  certification: 'certification',
  orders: 'orders',
  payments: 'payments',
  invoices: 'invoices',
  matching: 'matching',
  clickCollect: 'click-collect',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** BullMQ's PostgreSQL backend keeps its tables in this schema of the application's database. */
export const BULLMQ_SCHEMA = 'bullmq';

/**
 * Creates (or upgrades) BullMQ's own schema in the application's database. BullMQ runs its migrations
 * in one transaction under an advisory lock: processes starting together apply them once.
 */
export async function migrateQueueSchema(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await migrateBullmqSchema(client, BULLMQ_SCHEMA);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Explicit retries with backoff; completed jobs are cleaned up, failed ones kept for the dashboard. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  // Completed jobs are kept a day so a re-published outbox event (same job id) is still recognised.
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: false,
};

/**
 * Where a queue's jobs need other terms. A notification's e-mail waits out an SMTP outage of about an
 * hour (13 attempts: retried after 1 s, 2 s, 4 s… 68 min in all) before its job is given up; its inbox
 * row is stored on the first attempt whatever happens to the e-mail.
 */
export const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, JobsOptions>> = {
  notifications: { attempts: 13 },
};

export const jobOptionsFor = (name: QueueName): JobsOptions => ({
  ...DEFAULT_JOB_OPTIONS,
  ...QUEUE_JOB_OPTIONS[name],
});

/** Connections for BullMQ's statements on PostgreSQL, besides one LISTEN client per worker. */
const POSTGRES_QUEUE_STATEMENT_CONNECTIONS = 10;

/** Five errors within a second is a loop, not bad luck: pause 1 s, then 2, 4… at most a minute. */
const WORKER_ERROR_STORM = {
  threshold: 5,
  windowMs: 1000,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  quietResetMs: 60_000,
};

/**
 * Creates BullMQ queues and workers on the backend chosen at start-up: Redis, or BullMQ's own
 * PostgreSQL backend when no Redis is available (embedded runs). Producers fail fast while Redis is
 * unreachable (no offline queue): the outbox keeps the event and retries, so nothing is lost.
 */
@Injectable()
export class QueueRegistry implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(QueueRegistry.name);
  private readonly errors = new RepeatedErrorLog((message) => this.logger.warn(message));
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Set<Worker>();
  /** Workers being replaced, still finishing their jobs. */
  private readonly retiring = new Set<Promise<unknown>>();
  private readonly restartTimers = new Set<NodeJS.Timeout>();
  private stopping = false;
  private pgPool?: Pool;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * On PostgreSQL, BullMQ's schema must exist before the first queue or worker is made (without it
   * every worker fails in a loop). Module init runs before any processor creates its worker
   * (onApplicationBootstrap), and a database that cannot be reached fails the start-up plainly.
   */
  async onModuleInit(): Promise<void> {
    if (this.config.queueBackend === 'postgres') await migrateQueueSchema(this.config.databaseUrl);
  }

  get backendDescription(): string {
    if (this.config.queueBackend === 'postgres') return `BullMQ on PostgreSQL (schema ${BULLMQ_SCHEMA})`;
    const url = new URL(this.config.redisUrl as string);
    return `Redis ${url.hostname}:${url.port || 6379}`;
  }

  private connection(producer: boolean): { connection: ConnectionOptions; prefix?: string } {
    if (this.config.queueBackend === 'postgres') {
      return { connection: this.postgresPool() as unknown as ConnectionOptions };
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

  /**
   * One pool for every queue and worker of this process. Given connection options instead, BullMQ
   * opens a pool of up to 10 per queue and two per worker (plus a LISTEN client each): over a
   * hundred connections per process, past PostgreSQL's default max_connections. Each worker holds
   * one client of this pool for its LISTEN; the rest serve the queue statements, waiting their turn.
   */
  private postgresPool(): Pool {
    if (this.pgPool) return this.pgPool;
    const pool = new Pool({
      connectionString: this.config.databaseUrl,
      max: Object.keys(QUEUES).length + POSTGRES_QUEUE_STATEMENT_CONNECTIONS,
      // BullMQ's statements name its tables unqualified.
      options: `-c search_path=${BULLMQ_SCHEMA}`,
      keepAlive: true,
    });
    // Every queue and worker listens for the pool's errors too.
    pool.setMaxListeners(0);
    pool.on('error', (error) => this.errors.report('queue pool', `queue pool: ${error.message}`));
    this.pgPool = pool;
    return pool;
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
    const opts = { ...this.connection(true), defaultJobOptions: jobOptionsFor(name) };
    const queue = backend ? new Queue(name, opts, backend) : new Queue(name, opts);
    queue.on('error', (error) => this.errors.report(`queue ${name}`, `queue ${name}: ${error.message}`));
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

  /** Starts consuming a queue; the registry keeps the worker running (and replaces it) until shutdown. */
  worker<T>(name: QueueName, processor: Processor<T>, options: Partial<WorkerOptions> = {}): void {
    const backend = this.backend();
    const lock = { lockDuration: this.config.jobLockMs, stalledInterval: this.config.jobLockMs };
    const opts: WorkerOptions = { concurrency: 10, ...lock, ...options, ...this.connection(false) };
    const storms = new ErrorStormDetector(WORKER_ERROR_STORM);
    const start = () => {
      const worker = backend
        ? new Worker<T>(name, processor, opts, backend)
        : new Worker<T>(name, processor, opts);
      worker.on('error', (error) => {
        this.errors.report(`worker ${name}`, `worker ${name}: ${error.message}`);
        const pause = storms.record();
        if (pause) this.replaceLater(worker, pause, start);
      });
      worker.on('completed', () => {
        storms.succeeded();
        jobsProcessed.inc({ queue: name, outcome: 'completed' });
      });
      worker.on('failed', (job, error) => {
        const dead = job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
        jobsProcessed.inc({ queue: name, outcome: dead ? 'dead' : 'failed' });
        if (dead) this.logger.error(`job ${job?.id} on ${name} failed for good: ${error.message}`);
      });
      this.workers.add(worker);
    };
    start();
  }

  /**
   * A worker failing in a loop (BullMQ retries at once the errors it does not take for a lost
   * connection) is closed, its jobs in flight finishing, and a fresh one starts after the pause:
   * new connections, and no readiness check that BullMQ keeps failed for good once it has failed.
   */
  private replaceLater(worker: Worker, ms: number, start: () => void): void {
    // Shutting down: the worker is being closed anyway, and none must start again.
    if (this.stopping || !this.workers.delete(worker)) return;
    this.errors.report(
      `restart ${worker.name}`,
      `worker ${worker.name}: failing repeatedly, restarted in ${ms} ms`,
    );
    const closed = worker.close().catch(() => undefined);
    this.retiring.add(closed);
    void closed.then(() => this.retiring.delete(closed));
    const timer = setTimeout(() => {
      this.restartTimers.delete(timer);
      start();
    }, ms);
    this.restartTimers.add(timer);
  }

  /**
   * Graceful shutdown, first step: workers stop taking jobs and finish those in flight. Before any
   * onApplicationShutdown hook, so the database connections those jobs use are still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.restartTimers) clearTimeout(timer);
    this.restartTimers.clear();
    if (!this.workers.size && !this.retiring.size) return;
    this.logger.log('stopping workers: no new jobs, finishing those in flight');
    await Promise.allSettled([...[...this.workers].map((worker) => worker.close()), ...this.retiring]);
    this.workers.clear();
  }

  /** Last step: producers close once nothing (HTTP requests, the outbox relay) can enqueue any more. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    await this.pgPool?.end().catch(() => undefined);
    this.pgPool = undefined;
    this.errors.flush();
  }
}
