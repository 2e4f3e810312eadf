import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config';
import { redisOptions } from '../queues/redis-options';
import { RateLimitCounters } from './throttler.storage';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The sliding-window counter of RateLimitCounters, in one Lua script so that concurrent replicas
 * count atomically. KEYS: this window's hits, the previous window's, the block flag.
 * ARGV: window (ms), limit, block duration (ms), ms elapsed in this window.
 * Returns the weighted hit count (rounded up) and the ms left blocked (≤ 0: not blocked).
 */
const HIT_SCRIPT = `
local ttl, limit, blockDuration, elapsed = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local blockedFor = redis.call('PTTL', KEYS[3])
local current
if blockedFor > 0 then
  current = tonumber(redis.call('GET', KEYS[1]) or '0')
else
  current = redis.call('INCR', KEYS[1])
  if current == 1 then redis.call('PEXPIRE', KEYS[1], 2 * ttl) end
end
local total = current + tonumber(redis.call('GET', KEYS[2]) or '0') * (ttl - elapsed) / ttl
if blockedFor <= 0 and total > limit and blockDuration > 0 then
  redis.call('SET', KEYS[3], '1', 'PX', blockDuration)
  blockedFor = blockDuration
end
return { math.ceil(total), blockedFor }
`;

interface HitCommand {
  throttleHit(current: string, previous: string, block: string, ...args: number[]): Promise<[number, number]>;
}

/**
 * Rate-limit counters in Redis, shared by every API replica: one budget per client however many
 * replicas serve it. Windows are aligned on the replicas' clocks (NTP keeps them within a few ms).
 *
 * Fails open: when Redis cannot answer within 500 ms the request goes through, with a warning.
 * Redis is otherwise never on the request path (the outbox keeps events while it is down), and
 * refusing every request during a Redis outage would turn a degraded limiter into a full outage;
 * a few minutes without a shared limit are the lesser risk.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis & HitCommand;
  private failingSince?: number;
  private lastWarning = 0;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis({
      ...redisOptions(redisUrl),
      // Fail fast instead of queueing commands for a Redis that is away.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
    }) as Redis & HitCommand;
    this.redis.defineCommand('throttleHit', { numberOfKeys: 3, lua: HIT_SCRIPT });
    // Connection errors surface on the commands (logged there); ioredis would print each one as unhandled.
    this.redis.on('error', () => undefined);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const window = Math.floor(now / ttl);
    // The braces keep one client's keys in one hash slot (Redis Cluster).
    const base = `${this.prefix}:throttle:{${throttlerName}:${key}}`;
    const timeToExpire = Math.ceil(((window + 1) * ttl - now) / 1000);
    try {
      const [totalHits, blockedFor] = await this.redis.throttleHit(
        `${base}:${window}`,
        `${base}:${window - 1}`,
        `${base}:blocked`,
        ttl,
        limit,
        blockDuration,
        now - window * ttl,
      );
      this.recovered();
      // Without a block duration the client is refused only while over the limit.
      const isBlocked = blockedFor > 0 || totalHits > limit;
      const timeToBlockExpire = blockedFor > 0 ? Math.ceil(blockedFor / 1000) : isBlocked ? timeToExpire : 0;
      return { totalHits, timeToExpire, isBlocked, timeToBlockExpire };
    } catch (error) {
      this.failed(error as Error);
      return { totalHits: 0, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /** One warning when Redis starts failing, then one a minute, and a line when it is back. */
  private failed(error: Error): void {
    const now = Date.now();
    this.failingSince ??= now;
    if (now - this.lastWarning < 60_000) return;
    this.lastWarning = now;
    this.logger.warn(`rate limiter: Redis unavailable, requests let through unlimited (${error.message})`);
  }

  private recovered(): void {
    if (this.failingSince === undefined) return;
    this.logger.log(
      `rate limiter: Redis back after ${Math.round((Date.now() - this.failingSince) / 1000)} s`,
    );
    this.failingSince = undefined;
    this.lastWarning = 0;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Shared counters when the queues run on Redis (several replicas); this process's own otherwise. */
export function rateLimitStorage(config: AppConfig): ThrottlerStorage {
  return config.queueBackend === 'redis' && config.redisUrl
    ? new RedisThrottlerStorage(config.redisUrl, config.queuePrefix)
    : new RateLimitCounters();
}
