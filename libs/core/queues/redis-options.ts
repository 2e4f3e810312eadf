import type { RedisOptions } from 'bullmq';

/**
 * ioredis options from a `redis://` or `rediss://` URL, shared by the queues and the rate limiter:
 * reconnects forever with a backoff capped at 2 s, so a Redis that comes back is used again.
 */
export function redisOptions(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}
