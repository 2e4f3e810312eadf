/**
 * The DGE's shortage view, per department and category: what open needs still lack against the stock
 * buyers can see in the department's warehouses and the declared daily production of certified
 * products made there. Pure: the service aggregates in SQL and hands the figures here.
 */
export interface ShortageFigures {
  /** Open needs with something still missing. */
  openNeeds: number;
  /** Units still missing on those needs (quantity − ordered for them). */
  shortfall: number;
  /** on_hand − reserved of offers buyers can see, warehouses in the department. */
  stockAvailable: number;
  /** Declared masks per day of certified products made in the department. */
  dailyCapacity: number;
  /** The soonest needed-by date of those needs; null when none is open. */
  earliestNeededBy: Date | null;
}

export interface ShortageAssessment {
  /** Units the stock leaves uncovered. */
  uncoveredByStock: number;
  /**
   * Days of declared production needed, after the stock, to cover the open needs: 0 when the stock
   * suffices, null when it does not and nothing certified is made in the department.
   */
  daysOfCover: number | null;
  /** Whether the needs would not be covered by their soonest needed-by date this way. */
  atRisk: boolean;
}

const DAY_MS = 86_400_000;

export function assessShortage(figures: ShortageFigures, now: Date): ShortageAssessment {
  const uncoveredByStock = Math.max(0, figures.shortfall - Math.max(0, figures.stockAvailable));
  const daysOfCover =
    uncoveredByStock === 0
      ? 0
      : figures.dailyCapacity > 0
        ? Math.ceil(uncoveredByStock / figures.dailyCapacity)
        : null;
  const daysLeft =
    figures.earliestNeededBy === null
      ? Infinity
      : Math.max(0, Math.floor((figures.earliestNeededBy.getTime() - now.getTime()) / DAY_MS));
  const atRisk = uncoveredByStock > 0 && (daysOfCover === null || daysOfCover > daysLeft);
  return { uncoveredByStock, daysOfCover, atRisk };
}

/** Most pressing first: at risk, then the most units uncovered, then by department and category. */
export function byPressure<Row extends ShortageAssessment & { departmentCode: string; category: string }>(
  a: Row,
  b: Row,
): number {
  return (
    Number(b.atRisk) - Number(a.atRisk) ||
    b.uncoveredByStock - a.uncoveredByStock ||
    a.departmentCode.localeCompare(b.departmentCode) ||
    a.category.localeCompare(b.category)
  );
}
