import { RateLimitCounters } from './throttler.storage';

describe('RateLimitCounters', () => {
  const minute = 60_000;
  let now: number;
  let counters: RateLimitCounters;
  const hit = (key = 'client') => counters.increment(key, minute, 3, minute, 'default');

  beforeEach(() => {
    now = Date.UTC(2026, 0, 1);
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    counters = new RateLimitCounters();
  });
  afterEach(() => jest.restoreAllMocks());

  it('allows `limit` hits per window, then blocks for the block duration', async () => {
    for (let i = 1; i <= 3; i++)
      expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false, timeToBlockExpire: 0 });
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    now += minute - 1000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    now += 1000;
    expect((await hit()).isBlocked).toBe(false);
  });

  it('counts each client separately', async () => {
    for (let i = 0; i < 4; i++) await hit('a');
    expect((await hit('b')).isBlocked).toBe(false);
  });

  it('slides: the previous window still counts for the part the sliding window covers', async () => {
    for (let i = 0; i < 3; i++) await hit();
    now += minute + minute / 2; // half of the previous window is still covered: 1 of its 3 hits
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false });
    expect((await hit()).isBlocked).toBe(true);
  });

  it('forgets idle clients', async () => {
    await hit('idle');
    now += 2 * minute;
    await hit('active');
    expect((counters as unknown as { counters: Map<string, unknown> }).counters.size).toBe(1);
  });
});
