/**
 * Guards a process against error storms: a failing dependency (a queue backend down, a schema not
 * migrated) can raise the same error thousands of times a second, and logging each one starves the
 * event loop (seen: 100 % CPU, memory past 4 GB, SIGTERM ignored).
 */

/** Exponential delay for the n-th consecutive failure (n ≥ 1), capped. */
export function backoffDelay(failures: number, baseMs: number, capMs: number): number {
  if (failures <= 0) return 0;
  return Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 30));
}

/**
 * Logs an error the first time it is seen, then at most once per interval per key, with how many
 * times it happened meanwhile. The summary timer is unref'd: it never keeps a process alive.
 */
export class RepeatedErrorLog {
  private readonly pending = new Map<string, { count: number; message: string; timer: NodeJS.Timeout }>();

  constructor(
    private readonly write: (message: string) => void,
    private readonly intervalMs = 30_000,
  ) {}

  report(key: string, message: string): void {
    const entry = this.pending.get(key);
    if (entry) {
      entry.count++;
      entry.message = message;
      return;
    }
    this.write(message);
    this.openWindow(key, message);
  }

  /** Writes what is still counted (at shutdown). */
  flush(): void {
    for (const [key, entry] of this.pending) {
      clearTimeout(entry.timer);
      if (entry.count) this.write(this.summary(entry.message, entry.count));
      this.pending.delete(key);
    }
  }

  private openWindow(key: string, message: string): void {
    const timer = setTimeout(() => {
      const entry = this.pending.get(key);
      this.pending.delete(key);
      // Still failing: say so once for the whole window, and keep counting in a new one.
      if (entry?.count) {
        this.write(this.summary(entry.message, entry.count));
        this.openWindow(key, entry.message);
      }
    }, this.intervalMs);
    timer.unref();
    this.pending.set(key, { count: 0, message, timer });
  }

  private summary(message: string, count: number): string {
    return `${message} (repeated ${count} time${count > 1 ? 's' : ''} in the last ${Math.round(this.intervalMs / 1000)} s)`;
  }
}

/**
 * Decides when a source of errors is looping rather than failing now and then: `threshold` errors
 * within `windowMs`. Each storm lengthens the pause (exponential, capped); a quiet spell as long as
 * `quietResetMs` starts over from the base delay.
 */
export class ErrorStormDetector {
  private recent: number[] = [];
  private storms = 0;
  private lastStormAt = 0;

  constructor(
    private readonly options: {
      threshold: number;
      windowMs: number;
      baseDelayMs: number;
      maxDelayMs: number;
      quietResetMs: number;
    },
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one error; returns the pause to take when this error completes a storm, else 0. */
  record(): number {
    const now = this.now();
    const { threshold, windowMs, baseDelayMs, maxDelayMs, quietResetMs } = this.options;
    this.recent = this.recent.filter((at) => now - at < windowMs);
    this.recent.push(now);
    if (this.recent.length < threshold) return 0;
    this.recent = [];
    if (now - this.lastStormAt > quietResetMs + backoffDelay(this.storms, baseDelayMs, maxDelayMs))
      this.storms = 0;
    this.storms++;
    this.lastStormAt = now;
    return backoffDelay(this.storms, baseDelayMs, maxDelayMs);
  }

  /** Work went through: the next storm starts from the base delay again. */
  succeeded(): void {
    this.storms = 0;
    this.recent = [];
  }
}
