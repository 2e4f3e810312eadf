/**
 * Calendar arithmetic in Europe/Paris with the platform's Intl time-zone data (Node ships full ICU),
 * so no hand-written DST table: business periods start at a Paris midnight, whatever the UTC offset
 * that day (+01:00 in winter, +02:00 in summer).
 */
export const PARIS = 'Europe/Paris';

const DAY_MS = 86_400_000;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallOf(instant: Date): Wall {
  const parts: Record<string, number> = {};
  for (const part of wallClock.formatToParts(instant))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Paris's offset from UTC at an instant, in milliseconds (3,600,000 or 7,200,000). */
export function parisOffsetMs(instant: Date): number {
  const wall = wallOf(instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** A calendar date as days since 1970-01-01 (no time zone: a day number). */
export function dayNumberOf(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    throw new RangeError(`not a calendar date: ${date}`);
  return time / DAY_MS;
}

/** The YYYY-MM-DD of a day number. */
export function dateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The Paris calendar day an instant falls on, as a day number. */
export function parisDayNumber(instant: Date): number {
  const wall = wallOf(instant);
  return Date.UTC(wall.year, wall.month - 1, wall.day) / DAY_MS;
}

/**
 * The instant at which a Paris calendar day begins. Paris changes its clocks at 02:00/03:00, never at
 * midnight, so midnight always exists once; the offset is read at the candidate instant and checked.
 */
export function parisMidnight(dayNumber: number): Date {
  const wallMidnightAsUtc = dayNumber * DAY_MS;
  let instant = wallMidnightAsUtc - parisOffsetMs(new Date(wallMidnightAsUtc));
  // The offset at local midnight can differ from the one at UTC midnight (a change on the day before).
  instant = wallMidnightAsUtc - parisOffsetMs(new Date(instant));
  return new Date(instant);
}
