import { backoffDelay, ErrorStormDetector, RepeatedErrorLog } from './repeated-errors';

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 100].map((n) => backoffDelay(n, 1000, 60_000))).toEqual([
      0, 1000, 2000, 4000, 8000, 60_000, 60_000, 60_000,
    ]);
  });
});

describe('RepeatedErrorLog', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the first error at once, then one line per interval with the count, never one per error', () => {
    const lines: string[] = [];
    const log = new RepeatedErrorLog((line) => lines.push(line), 30_000);
    for (let i = 0; i < 100_000; i++) log.report('worker orders', `worker orders: boom ${i}`);
    expect(lines).toEqual(['worker orders: boom 0']);
    jest.advanceTimersByTime(30_000);
    expect(lines).toEqual([
      'worker orders: boom 0',
      'worker orders: boom 99999 (repeated 99999 times in the last 30 s)',
    ]);
    // Still failing: the next window is summed up too; a quiet window writes nothing.
    log.report('worker orders', 'worker orders: boom');
    jest.advanceTimersByTime(30_000);
    expect(lines).toHaveLength(3);
    jest.advanceTimersByTime(120_000);
    expect(lines).toHaveLength(3);
    // After a quiet window the next error is written at once again.
    log.report('worker orders', 'worker orders: back');
    expect(lines[3]).toBe('worker orders: back');
  });

  it('keeps keys apart and writes what is pending on flush', () => {
    const lines: string[] = [];
    const log = new RepeatedErrorLog((line) => lines.push(line), 30_000);
    log.report('a', 'a failed');
    log.report('b', 'b failed');
    log.report('a', 'a failed');
    log.flush();
    expect(lines).toEqual(['a failed', 'b failed', 'a failed (repeated 1 time in the last 30 s)']);
    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
  });
});

describe('ErrorStormDetector', () => {
  const options = {
    threshold: 5,
    windowMs: 1000,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    quietResetMs: 60_000,
  };

  it('ignores errors now and then, and pauses longer at each storm up to the cap', () => {
    let now = 0;
    const detector = new ErrorStormDetector(options, () => now);
    // One error a second is not a storm.
    for (let i = 0; i < 20; i++, now += 1000) expect(detector.record()).toBe(0);
    const storm = () => {
      const pauses = Array.from({ length: 5 }, () => detector.record());
      now += pauses[4];
      return pauses;
    };
    expect(storm()).toEqual([0, 0, 0, 0, 1000]);
    expect(storm()[4]).toBe(2000);
    expect(storm()[4]).toBe(4000);
    for (let i = 0; i < 10; i++) storm();
    expect(storm()[4]).toBe(60_000);
  });

  it('starts over after a quiet spell or a success', () => {
    let now = 0;
    const detector = new ErrorStormDetector(options, () => now);
    const storm = () => Array.from({ length: 5 }, () => detector.record())[4];
    expect(storm()).toBe(1000);
    expect(storm()).toBe(2000);
    now += 2000 + 60_001;
    expect(storm()).toBe(1000);
    expect(storm()).toBe(2000);
    detector.succeeded();
    expect(storm()).toBe(1000);
  });
});
