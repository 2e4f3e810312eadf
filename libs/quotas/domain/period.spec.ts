import fc from 'fast-check';
import { periodOf, periodProblem } from './period';
import { dayNumberOf, parisDayNumber, parisMidnight, parisOffsetMs } from './paris-time';

const fortnight = (anchorDate: string) => ({ lengthDays: 14, anchorDate });
const at = (iso: string) => new Date(iso);

describe('periods in Europe/Paris', () => {
  it('a fortnight from its anchor: first and last instants', () => {
    const rule = fortnight('2020-05-04');
    const period = periodOf(rule, at('2020-05-10T12:00:00Z'));
    expect(period.startDate).toBe('2020-05-04');
    expect(period.nextStartDate).toBe('2020-05-18');
    // Summer time: Paris midnight is 22:00 UTC the day before.
    expect(period.startsAt.toISOString()).toBe('2020-05-03T22:00:00.000Z');
    expect(period.endsAt.toISOString()).toBe('2020-05-17T22:00:00.000Z');
    // 23:59:59 Paris on the last day is still in it; 00:00:00 the next day is in the next one.
    expect(periodOf(rule, at('2020-05-17T21:59:59Z')).startDate).toBe('2020-05-04');
    expect(periodOf(rule, at('2020-05-17T21:59:59.999Z')).startDate).toBe('2020-05-04');
    expect(periodOf(rule, at('2020-05-17T22:00:00Z')).startDate).toBe('2020-05-18');
  });

  it('spring forward on the last day (29 March 2020): 23:59:59 CEST is old, 00:00:00 is new', () => {
    const rule = fortnight('2020-03-16');
    expect(periodOf(rule, at('2020-03-29T21:59:59Z')).startDate).toBe('2020-03-16');
    expect(periodOf(rule, at('2020-03-29T22:00:00Z')).startDate).toBe('2020-03-30');
    const period = periodOf(rule, at('2020-03-20T10:00:00Z'));
    // Starts in winter time (UTC+1), ends in summer time (UTC+2): 14 days less one hour.
    expect(period.startsAt.toISOString()).toBe('2020-03-15T23:00:00.000Z');
    expect(period.endsAt.toISOString()).toBe('2020-03-29T22:00:00.000Z');
    expect((period.endsAt.getTime() - period.startsAt.getTime()) / 3_600_000).toBe(14 * 24 - 1);
  });

  it('fall back on the last day (25 October 2020): 23:59:59 CET is old, 00:00:00 is new', () => {
    const rule = fortnight('2020-10-12');
    expect(periodOf(rule, at('2020-10-25T22:59:59Z')).startDate).toBe('2020-10-12');
    expect(periodOf(rule, at('2020-10-25T23:00:00Z')).startDate).toBe('2020-10-26');
    const period = periodOf(rule, at('2020-10-20T10:00:00Z'));
    expect((period.endsAt.getTime() - period.startsAt.getTime()) / 3_600_000).toBe(14 * 24 + 1);
    // The hour lived twice (02:00–03:00) belongs to the same day and window.
    expect(periodOf(rule, at('2020-10-25T00:30:00Z')).startDate).toBe('2020-10-12');
    expect(periodOf(rule, at('2020-10-25T01:30:00Z')).startDate).toBe('2020-10-12');
  });

  it('a window starting on a clock-change day starts at that day’s midnight', () => {
    expect(periodOf(fortnight('2020-03-29'), at('2020-03-29T05:00:00Z')).startsAt.toISOString()).toBe(
      '2020-03-28T23:00:00.000Z',
    );
    expect(periodOf(fortnight('2020-10-25'), at('2020-10-25T05:00:00Z')).startsAt.toISOString()).toBe(
      '2020-10-24T22:00:00.000Z',
    );
  });

  it('weeks for the pharmacies, and instants before the anchor', () => {
    const week = { lengthDays: 7, anchorDate: '2020-04-06' };
    expect(periodOf(week, at('2020-04-12T21:59:59Z')).startDate).toBe('2020-04-06');
    expect(periodOf(week, at('2020-04-12T22:00:00Z')).startDate).toBe('2020-04-13');
    expect(periodOf(week, at('2020-04-05T12:00:00Z')).startDate).toBe('2020-03-30');
  });

  it('refuses a rule it cannot count with', () => {
    expect(periodProblem({ lengthDays: 0, anchorDate: '2020-05-04' })).toMatch(/length/);
    expect(periodProblem({ lengthDays: 14, anchorDate: '2020-02-30' })).toMatch(/anchor/);
    expect(periodProblem({ lengthDays: 14, anchorDate: '2020-05-04' })).toBeNull();
  });

  // 2000–2040: clock changes of every year, both directions.
  const instant = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
    .map((t) => new Date(t));
  const rule = fc.record({
    lengthDays: fc.integer({ min: 1, max: 31 }),
    anchorDate: fc
      .integer({ min: dayNumberOf('2000-01-01'), max: dayNumberOf('2040-01-01') })
      .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10)),
  });

  it('property: an instant lies in its window, which starts and ends at Paris midnights', () => {
    fc.assert(
      fc.property(rule, instant, (r, t) => {
        const period = periodOf(r, t);
        expect(period.startsAt.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThan(period.endsAt.getTime());
        for (const bound of [period.startsAt, period.endsAt]) {
          const wall = new Intl.DateTimeFormat('en-GB', {
            timeZone: 'Europe/Paris',
            hourCycle: 'h23',
            timeStyle: 'medium',
          }).format(bound);
          expect(wall).toBe('00:00:00');
        }
        expect(parisDayNumber(period.startsAt)).toBe(dayNumberOf(period.startDate));
        expect(dayNumberOf(period.nextStartDate) - dayNumberOf(period.startDate)).toBe(r.lengthDays);
        expect(Math.abs((dayNumberOf(period.startDate) - dayNumberOf(r.anchorDate)) % r.lengthDays)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the last second of a window and the next window’s first instant fall either side', () => {
    fc.assert(
      fc.property(rule, instant, (r, t) => {
        const period = periodOf(r, t);
        expect(periodOf(r, new Date(period.endsAt.getTime() - 1000)).startDate).toBe(period.startDate);
        const next = periodOf(r, period.endsAt);
        expect(next.startDate).toBe(period.nextStartDate);
        expect(next.startsAt.getTime()).toBe(period.endsAt.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('property: Paris is UTC+1 or UTC+2 and its midnight maps back to its day', () => {
    fc.assert(
      fc.property(instant, (t) => {
        expect([3_600_000, 7_200_000]).toContain(parisOffsetMs(t));
        const day = parisDayNumber(t);
        expect(parisDayNumber(parisMidnight(day))).toBe(day);
        expect(parisDayNumber(new Date(parisMidnight(day).getTime() - 1))).toBe(day - 1);
      }),
      { numRuns: 2000 },
    );
  });
});
