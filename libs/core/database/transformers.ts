import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL bigint comes back from pg as a string (it can exceed 2^53). Amounts in cents never
 * do, so they are read as numbers; anything beyond the safe range is refused rather than rounded.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null || value === undefined) return value;
    const number = Number(value);
    if (!Number.isSafeInteger(number))
      throw new RangeError(`bigint ${value} is beyond the safe integer range`);
    return number;
  },
};
