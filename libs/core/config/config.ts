import { randomBytes } from 'node:crypto';
import { basename, join, resolve } from 'node:path';

export type QueueBackendKind = 'redis' | 'postgres';

export interface AppConfig {
  production: boolean;
  port: number;
  databaseUrl: string;
  /** Set when the queue backend is Redis; absent when BullMQ runs on PostgreSQL. */
  redisUrl?: string;
  queueBackend: QueueBackendKind;
  /** Key prefix for every queue: lets several test workers or tenants share one Redis. */
  queuePrefix: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  stripeSecretKey?: string;
  stripeWebhookSecret?: string;
  /** Where the Stripe SDK sends its requests; api.stripe.com unless set (a local stand-in in tests). */
  stripeApiUrl?: string;
  /** The key the buyer's browser gives Stripe.js (pk_…); public by design. */
  stripePublishableKey?: string;
  /** Where the console loads Stripe.js from; js.stripe.com unless set (a local stand-in in tests). */
  stripeJsUrl: string;
  logLevel: string;
  rateLimitPerMinute: number;
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  outboxPollMs: number;
  /** A published event not processed after this long is published again. */
  outboxRedeliverMs: number;
  /**
   * How long a job's lock lasts without renewal: a worker that dies (SIGKILL, lost machine) has its
   * jobs taken over by another after this long. Also the interval of the stalled-job check.
   */
  jobLockMs: number;
  /** A need expires this many days after it was posted or last re-confirmed. */
  needTtlDays: number;
  /** The buyer is asked to re-confirm this many days before the need expires. */
  needReminderDays: number;
  /** Companies of these filières have their needs served first (priority tier 0; others tier 1). */
  priorityFilieres: string[];
  /** Minutes between batch matching runs (0: only on demand). */
  matchingIntervalMinutes: number;
  /** How long stock stays reserved for an order awaiting a card or SEPA payment. */
  paymentReservationMinutes: number;
  /** The same for a bank transfer on invoice. */
  transferReservationHours: number;
  /** Days after shipment before the supplier is reminded to record delivery. */
  deliveryReminderDays: number;
  /** Days after delivery before the buyer is reminded to acknowledge receipt. */
  receiptReminderDays: number;
  /** Absolute directory where the local-disk DocumentStorage keeps certification documents. */
  documentsDir: string;
  /** The built web console the API serves at `/` (absent: the API serves no console). */
  webDir: string;
  /** The worker's /metrics and /health listener; 0 turns it off. */
  workerMetricsPort: number;
  /** Notifications are also e-mailed through this SMTP server (`smtp://` or `smtps://`); unset: inbox only. */
  smtpUrl?: string;
  /** The sender of those e-mails, `Name <address>` or a bare address. */
  mailFrom: string;
  /** Where people reach the console (no trailing slash): the links in e-mails start with it. */
  publicUrl: string;
}

export const DEFAULT_STRIPE_JS_URL = 'https://js.stripe.com/v3/';

export const DEFAULT_MAIL_FROM = 'Masques <no-reply@masques.local>';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, problems: string[], min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    problems.push(`${name} must be an integer ≥ ${min} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function url(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  try {
    const parsed = new URL(raw);
    if (!protocols.includes(parsed.protocol)) {
      problems.push(`${name} must use ${protocols.join(' or ')} (got ${parsed.protocol})`);
    }
    return raw;
  } catch {
    problems.push(`${name} is not a valid URL`);
    return undefined;
  }
}

/** A sender: `address@domain`, or `Display Name <address@domain>` (quotes allowed around the name). */
const MAILBOX = /^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

function mailbox(env: Env, name: string, fallback: string, problems: string[]): string {
  const value = (env[name] || fallback).trim();
  if (!MAILBOX.test(value)) problems.push(`${name} must be an address or "Name <address>" (got "${value}")`);
  return value;
}

/** A directory, resolved against the working directory so every process agrees on it. */
function directory(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name] || fallback;
  if (raw.includes('\0')) problems.push(`${name} must be a directory path`);
  return resolve(raw);
}

/**
 * The console's build beside the running code, wherever the process was started from: `dist/web`
 * next to the compiled `dist/libs`, or the repository's `dist/web` when running from source (tests).
 */
function builtWebDir(): string {
  const root = resolve(__dirname, '../../..');
  return basename(root) === 'dist' ? join(root, 'web') : join(root, 'dist/web');
}

/**
 * Reads and validates the environment once at start-up. In production every secret must be given;
 * in development a missing secret is generated (tokens then do not survive a restart, which is fine
 * locally).
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:'], problems);
  const queueBackend = (env.QUEUE_BACKEND ?? (redisUrl ? 'redis' : 'postgres')) as QueueBackendKind;
  if (queueBackend !== 'redis' && queueBackend !== 'postgres') {
    problems.push(`QUEUE_BACKEND must be "redis" or "postgres" (got "${String(queueBackend)}")`);
  }
  if (!databaseUrl && !problems.some((p) => p.startsWith('DATABASE_URL'))) {
    problems.push('DATABASE_URL is required (npm start provides an embedded PostgreSQL when it is unset)');
  }
  if (queueBackend === 'redis' && !redisUrl) problems.push('REDIS_URL is required when QUEUE_BACKEND=redis');

  let jwtSecret = env.JWT_SECRET;
  if (!jwtSecret) {
    if (production) problems.push('JWT_SECRET is required in production');
    jwtSecret = randomBytes(32).toString('hex');
    // Kept for the rest of this process, so the API and the worker started by `npm start` agree.
    if (env === process.env) process.env.JWT_SECRET = jwtSecret;
  } else if (jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters');
  }
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:'], problems);
  if (smtpUrl && !new URL(smtpUrl).hostname)
    problems.push('SMTP_URL must name a host (smtp://user:pass@host:587)');
  if (production && env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    problems.push('STRIPE_WEBHOOK_SECRET is required in production when STRIPE_SECRET_KEY is set');
  }

  const stripePublishableKey = env.STRIPE_PUBLISHABLE_KEY || undefined;
  const stripeMode = (key: string) => /^[a-z]{2}_(test|live)_/.exec(key)?.[1];
  if (stripePublishableKey && !/^pk_(test|live)_\w+$/.test(stripePublishableKey)) {
    problems.push(
      'STRIPE_PUBLISHABLE_KEY must be a publishable key (pk_test_… or pk_live_…), never a secret one',
    );
  } else if (
    stripePublishableKey &&
    env.STRIPE_SECRET_KEY &&
    stripeMode(env.STRIPE_SECRET_KEY) &&
    stripeMode(env.STRIPE_SECRET_KEY) !== stripeMode(stripePublishableKey)
  ) {
    // A test key beside a live one: every payment would fail at Stripe, with the buyer at the pay button.
    problems.push('STRIPE_PUBLISHABLE_KEY and STRIPE_SECRET_KEY must both be test keys or both live keys');
  }
  if (production && env.STRIPE_SECRET_KEY && !stripePublishableKey) {
    problems.push('STRIPE_PUBLISHABLE_KEY is required in production when STRIPE_SECRET_KEY is set');
  }
  const stripeJsUrl =
    url(env, 'STRIPE_JS_URL', production ? ['https:'] : ['http:', 'https:'], problems) ??
    DEFAULT_STRIPE_JS_URL;

  const port = int(env, 'PORT', 3000, problems);
  const config: AppConfig = {
    production,
    port,
    databaseUrl: databaseUrl ?? '',
    redisUrl,
    queueBackend,
    queuePrefix: env.QUEUE_PREFIX || 'masks',
    jwtSecret,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, problems, 10),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, problems, 60),
    stripeSecretKey: env.STRIPE_SECRET_KEY || undefined,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
    stripeApiUrl: url(env, 'STRIPE_API_URL', ['http:', 'https:'], problems),
    stripePublishableKey,
    stripeJsUrl,
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'debug'),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600, problems, 1),
    graphqlMaxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 8, problems, 2),
    graphqlMaxComplexity: int(env, 'GRAPHQL_MAX_COMPLEXITY', 1000, problems, 10),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 200, problems, 10),
    outboxRedeliverMs: int(env, 'OUTBOX_REDELIVER_MS', 5 * 60_000, problems, 100),
    jobLockMs: int(env, 'JOB_LOCK_MS', 30_000, problems, 1000),
    needTtlDays: int(env, 'NEED_TTL_DAYS', 14, problems, 1),
    needReminderDays: int(env, 'NEED_REMINDER_DAYS', 3, problems, 0),
    priorityFilieres: (env.PRIORITY_FILIERES ?? 'technologies-sante')
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean),
    matchingIntervalMinutes: int(env, 'MATCHING_INTERVAL_MINUTES', 15, problems, 0),
    paymentReservationMinutes: int(env, 'ORDER_PAYMENT_TTL_MINUTES', 30, problems, 1),
    transferReservationHours: int(env, 'ORDER_TRANSFER_TTL_HOURS', 7 * 24, problems, 1),
    deliveryReminderDays: int(env, 'DELIVERY_REMINDER_DAYS', 7, problems, 1),
    receiptReminderDays: int(env, 'RECEIPT_REMINDER_DAYS', 3, problems, 1),
    documentsDir: directory(env, 'DOCUMENTS_DIR', '.data/documents', problems),
    webDir: env.WEB_DIR ? directory(env, 'WEB_DIR', '', problems) : builtWebDir(),
    workerMetricsPort: int(env, 'WORKER_METRICS_PORT', 9464, problems),
    smtpUrl,
    mailFrom: mailbox(env, 'MAIL_FROM', DEFAULT_MAIL_FROM, problems),
    publicUrl: (url(env, 'PUBLIC_URL', ['http:', 'https:'], problems) ?? `http://localhost:${port}`).replace(
      /\/+$/,
      '',
    ),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
