import loadHighs from 'highs';
import { exclusionMask, offerTerms, type PairBounds } from '../domain/candidates';
import type { MatchableOffer, OpenNeed } from '../domain/types';

/**
 * The exact optimum of the allocation's first objective, from HiGHS, as a yardstick for the engine
 * (tests and bench only: the engine itself never calls a solver). The MIP, in CPLEX LP format, has
 * for each candidate pair an integer k (lots of the offer's increment) and a binary y that opens the
 * pair: minQuantity·y ≤ increment·k ≤ maxQuantity·y. Needs and offers cap the sums; the objective is
 * the quantity of one tier, with each higher tier held at its own optimum: solved tier after tier,
 * this is the lexicographic optimum the engine aims at (a lower tier never gains at a higher tier's
 * expense, even when that would raise the grand total). Fairness within a tier is left out.
 */
export interface Optimum {
  /** Optimal quantity per tier, keyed by priority tier. */
  tiers: Map<number, number>;
  total: number;
}

type Solver = Awaited<ReturnType<typeof loadHighs>>;
let solver: Promise<Solver> | undefined;

/** The model maximising tier `tier`'s quantity with each higher tier's quantity at least `floors.get(t)`. */
export function allocationModel(
  needs: readonly OpenNeed[],
  offers: readonly MatchableOffer[],
  now: Date,
  { tier, floors, relaxed }: { tier: number; floors: Map<number, number>; relaxed: boolean },
): string {
  const terms = offers.map((offer) => offerTerms(offer, now));
  const bounds: PairBounds = { minQuantity: 0, maxQuantity: 0 };
  const objective: string[] = [];
  const rows: string[] = [];
  const needRows: string[][] = needs.map(() => []);
  const tierRows = new Map<number, string[]>([...floors.keys()].map((t) => [t, []]));
  const offerRows: string[][] = offers.map(() => []);
  const integers: string[] = [];
  const binaries: string[] = [];
  const boundLines: string[] = [];
  needs.forEach((need, n) =>
    terms.forEach((t, o) => {
      if (exclusionMask(need, t, bounds) !== 0) return;
      const increment = t.offer.orderIncrement;
      const [k, y] = [`k_${n}_${o}`, `y_${n}_${o}`];
      if (need.priorityTier === tier) objective.push(`${increment} ${k}`);
      tierRows.get(need.priorityTier)?.push(`${increment} ${k}`);
      needRows[n].push(`${increment} ${k}`);
      offerRows[o].push(`${increment} ${k}`);
      if (relaxed) {
        // The relaxation drops the minimums: any quantity up to the pair's largest lot.
        boundLines.push(` ${k} <= ${bounds.maxQuantity / increment}`);
        return;
      }
      rows.push(
        ` lo_${n}_${o}: ${increment} ${k} - ${bounds.minQuantity} ${y} >= 0`,
        ` hi_${n}_${o}: ${increment} ${k} - ${bounds.maxQuantity} ${y} <= 0`,
      );
      integers.push(k);
      binaries.push(y);
      boundLines.push(` ${y} <= 1`);
    }),
  );
  if (objective.length === 0) return '';
  tierRows.forEach(
    (parts, t) => parts.length && rows.push(` tier_${t}: ${parts.join(' + ')} >= ${floors.get(t)}`),
  );
  needRows.forEach(
    (parts, n) => parts.length && rows.push(` need_${n}: ${parts.join(' + ')} <= ${needs[n].quantity}`),
  );
  offerRows.forEach(
    (parts, o) =>
      parts.length && rows.push(` offer_${o}: ${parts.join(' + ')} <= ${Math.max(0, offers[o].available)}`),
  );
  return [
    'Maximize',
    ` total: ${objective.join(' + ')}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...boundLines,
    ...(relaxed ? [] : ['General', ` ${integers.join(' ')}`, 'Binary', ` ${binaries.join(' ')}`]),
    'End',
  ].join('\n');
}

/** Solves the MIP (or its LP relaxation, an upper bound) tier after tier; throws unless each solve is optimal. */
export async function optimalTotal(
  needs: readonly OpenNeed[],
  offers: readonly MatchableOffer[],
  now: Date,
  { relaxed = false, timeLimitS = 60 } = {},
): Promise<Optimum> {
  solver ??= loadHighs();
  const highs = await solver;
  const floors = new Map<number, number>();
  for (const tier of [...new Set(needs.map((n) => n.priorityTier))].sort((a, b) => a - b)) {
    const model = allocationModel(needs, offers, now, { tier, floors, relaxed });
    if (!model) {
      floors.set(tier, 0);
      continue;
    }
    const result = highs.solve(model, { output_flag: false, time_limit: timeLimitS, mip_rel_gap: 0 });
    if (result.Status !== 'Optimal') throw new Error(`HiGHS, tier ${tier}: ${result.Status}`);
    // An LP optimum may be fractional: its floor is still an upper bound on whole units.
    floors.set(tier, Math.floor(result.ObjectiveValue + 1e-6));
  }
  const total = [...floors.values()].reduce((sum, units) => sum + units, 0);
  return { tiers: floors, total };
}
