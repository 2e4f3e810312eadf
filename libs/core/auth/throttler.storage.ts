import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Counter {
  windowStart: number;
  current: number;
  previous: number;
  blockedUntil: number;
  /** When the counter says nothing any more and may be dropped. */
  idleAt: number;
}

/**
 * Per-replica rate-limit counters in O(1) time and memory per client. @nestjs/throttler's default
 * storage keeps one timestamp per hit and filters them all on every request (O(limit) per request:
 * it was the API's largest cost under load). This is the sliding-window counter: hits of the current
 * fixed window plus those of the previous one weighted by how much of it the sliding window still
 * covers. Same contract as the default: past `limit` the client is blocked for `blockDuration`.
 */
export class RateLimitCounters implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private nextSweep = 0;

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    this.sweep(now, ttl);
    const id = `${throttlerName}:${key}`;
    let counter = this.counters.get(id);
    if (!counter || (counter.blockedUntil !== 0 && counter.blockedUntil <= now)) {
      // A new client, or one whose block just ended: it starts afresh, as with the default storage.
      counter = { windowStart: now, current: 0, previous: 0, blockedUntil: 0, idleAt: 0 };
      this.counters.set(id, counter);
    }
    const elapsedWindows = Math.floor((now - counter.windowStart) / ttl);
    if (elapsedWindows > 0) {
      counter.previous = elapsedWindows === 1 ? counter.current : 0;
      counter.current = 0;
      counter.windowStart += elapsedWindows * ttl;
    }
    const blocked = counter.blockedUntil > now;
    if (!blocked) counter.current++;
    const totalHits =
      counter.current + Math.floor(counter.previous * (1 - (now - counter.windowStart) / ttl));
    if (!blocked && totalHits > limit) counter.blockedUntil = now + blockDuration;
    counter.idleAt = Math.max(counter.windowStart + 2 * ttl, counter.blockedUntil);
    const isBlocked = counter.blockedUntil > now;
    return {
      totalHits,
      timeToExpire: Math.ceil((counter.windowStart + ttl - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((counter.blockedUntil - now) / 1000) : 0,
    };
  }

  /** Drops idle clients' counters, at most once per window, so memory follows the active clients. */
  private sweep(now: number, ttl: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + ttl;
    for (const [id, counter] of this.counters) if (counter.idleAt <= now) this.counters.delete(id);
  }
}
