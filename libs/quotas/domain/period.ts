import { dateOfDayNumber, dayNumberOf, parisDayNumber, parisMidnight } from './paris-time';

/** Fixed windows of `lengthDays` Paris calendar days, counted from `anchorDate` (a Paris date). */
export interface PeriodRule {
  lengthDays: number;
  /** YYYY-MM-DD: the first day of one window; every window starts a whole number of lengths away. */
  anchorDate: string;
}

export interface QuotaPeriod {
  /** First Paris day of the window (YYYY-MM-DD): the key under which consumption is counted. */
  startDate: string;
  /** First Paris day of the next window. */
  nextStartDate: string;
  /** The instants bounding the window: [startsAt, endsAt). */
  startsAt: Date;
  endsAt: Date;
}

export function periodProblem(rule: PeriodRule): string | null {
  if (!Number.isInteger(rule.lengthDays) || rule.lengthDays < 1 || rule.lengthDays > 366)
    return 'the period length must be a whole number of days between 1 and 366';
  try {
    dayNumberOf(rule.anchorDate);
  } catch {
    return `the period's anchor date must be a calendar date (YYYY-MM-DD), got ${rule.anchorDate}`;
  }
  return null;
}

/**
 * The window an instant belongs to. Windows are counted in Paris calendar days, not in 24-hour
 * blocks, so a fortnight holding a clock change lasts 335 or 337 hours and still begins at midnight:
 * 23:59:59 on its last day is inside it, 00:00:00 the next day is in the next one. Instants before
 * the anchor fall in earlier windows (floor division).
 */
export function periodOf(rule: PeriodRule, instant: Date): QuotaPeriod {
  const anchor = dayNumberOf(rule.anchorDate);
  const index = Math.floor((parisDayNumber(instant) - anchor) / rule.lengthDays);
  const start = anchor + index * rule.lengthDays;
  const next = start + rule.lengthDays;
  return {
    startDate: dateOfDayNumber(start),
    nextStartDate: dateOfDayNumber(next),
    startsAt: parisMidnight(start),
    endsAt: parisMidnight(next),
  };
}
