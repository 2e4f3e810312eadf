import { assessShortage, byPressure, type ShortageFigures } from './shortage';

const NOW = new Date('2026-03-01T12:00:00Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
const figures = (overrides: Partial<ShortageFigures> = {}): ShortageFigures => ({
  openNeeds: 1,
  shortfall: 10_000,
  stockAvailable: 0,
  dailyCapacity: 0,
  earliestNeededBy: inDays(10),
  ...overrides,
});

describe('shortage assessment', () => {
  it('needs no day when the stock covers the shortfall', () => {
    expect(assessShortage(figures({ stockAvailable: 12_000 }), NOW)).toEqual({
      uncoveredByStock: 0,
      daysOfCover: 0,
      atRisk: false,
    });
  });

  it('counts whole days of production for what the stock leaves', () => {
    expect(assessShortage(figures({ stockAvailable: 4_000, dailyCapacity: 2_500 }), NOW)).toEqual({
      uncoveredByStock: 6_000,
      daysOfCover: 3,
      atRisk: false,
    });
  });

  it('is at risk when production is slower than the soonest needed-by date', () => {
    const slow = assessShortage(figures({ dailyCapacity: 500, earliestNeededBy: inDays(10) }), NOW);
    expect(slow).toEqual({ uncoveredByStock: 10_000, daysOfCover: 20, atRisk: true });
    // Exactly on time is not at risk; one day short is.
    expect(assessShortage(figures({ dailyCapacity: 1_000 }), NOW).atRisk).toBe(false);
    expect(assessShortage(figures({ dailyCapacity: 999 }), NOW).atRisk).toBe(true);
  });

  it('has no days of cover when nothing is made in the department and the stock falls short', () => {
    expect(assessShortage(figures({ stockAvailable: 3_000 }), NOW)).toEqual({
      uncoveredByStock: 7_000,
      daysOfCover: null,
      atRisk: true,
    });
  });

  it('a past needed-by date leaves no day: any production still to come is late', () => {
    expect(
      assessShortage(figures({ dailyCapacity: 50_000, earliestNeededBy: inDays(-2) }), NOW),
    ).toMatchObject({ daysOfCover: 1, atRisk: true });
  });

  it('stock or production without any open need is no shortage', () => {
    expect(
      assessShortage(
        figures({
          openNeeds: 0,
          shortfall: 0,
          stockAvailable: 500,
          dailyCapacity: 10,
          earliestNeededBy: null,
        }),
        NOW,
      ),
    ).toEqual({ uncoveredByStock: 0, daysOfCover: 0, atRisk: false });
  });

  it('sorts the most pressing first', () => {
    const row = (departmentCode: string, uncoveredByStock: number, atRisk: boolean) => ({
      departmentCode,
      category: 'FFP2',
      uncoveredByStock,
      daysOfCover: null,
      atRisk,
    });
    const sorted = [row('75', 100, false), row('13', 50, true), row('67', 900, false), row('01', 100, false)]
      .sort(byPressure)
      .map((r) => r.departmentCode);
    expect(sorted).toEqual(['13', '67', '01', '75']);
  });
});
