import {
  exclusionCodes,
  exclusionMask,
  offerTerms,
  type ExclusionCode,
  type OfferTerms,
  type PairBounds,
} from './candidates';
import { departmentDistance } from '@masks/geography';
import { describeAllocation, type AllocationReason } from './allocation-reason';
import { isMultipleOf, roundDownToIncrement, roundUpToIncrement, tierPrice } from './lots';
import {
  DEFAULT_RANKING_WEIGHTS,
  deliveryDays,
  deliveryScore,
  distanceScore,
  priceScore,
  weightedScore,
  type RankingWeights,
  type ScoreComponents,
} from './ranking';
import type { MatchableOffer, OpenNeed } from './types';

/**
 * Batch allocation of scarce supply across all open needs.
 *
 * Model: a bipartite graph of needs and offers, one pair per candidate (the candidate filter, each
 * need's pairs ordered by the suggestions' ranking score, so cheaper/closer offers come first). A
 * pair's quantity is 0 or a valid lot quantity: a multiple of the offer's increment, at least the
 * pair's minimum (MOQ, first price tier, and the first tier priced within the need's cap).
 *
 * Algorithm: tiers one after the other, highest first; within a tier, discrete water-filling (King
 * County's pro-rata capped at the request, repeated, one lot at a time): a heap hands the next step
 * to the least-filled need (allocated / quantity): one more increment on a pair it holds, or the
 * pair's minimum to open one, from its best offer with stock. When none of its offers has stock,
 * an augmenting path (BFS) moves lots held by other needs to offers that still have some: their
 * totals stay the same, so a higher tier never loses units to a lower one. Failing that, a path may
 * end at a need of the same tier that ends up with less but no less filled than the root was (the
 * total still rises), or the need swaps part of a pair for a larger valid lot elsewhere (rounding
 * repair across increments). A need with none of these is frozen, with the needs its failed search
 * proved stuck (which keeps the run fast once a category runs dry); before a lower tier starts, the
 * frozen needs of the tiers done so far try again until none gets more. With one lot size and no
 * minimums this is a maximum flow in lots, lexicographic by tier and max-min fair within a tier;
 * minimums and mixed increments make it a heuristic: the tests measure it against the exact HiGHS
 * optimum (MIP, tier after tier) and the bench against the LP bound.
 *
 * Needs are ordered by (tier, postedAt, needId) and offers by offerId before anything else, so the
 * result does not depend on input order; ties are broken on that order only. Cost: screening is
 * needs × offers of the same category (offers sorted by delivery date, read up to the needed-by
 * date); the water-filling is a heap step per lot; searches are bounded by the freezing above.
 */

export interface AllocationInput {
  needs: readonly OpenNeed[];
  offers: readonly MatchableOffer[];
  now: Date;
  /** How each need's offers are preferred (defaults to the suggestions' ranking weights). */
  weights?: RankingWeights;
}

export interface Allocation {
  needId: string;
  offerId: string;
  /** A valid lot quantity of the offer. */
  quantity: number;
  /** Tier price for this quantity, within the need's cap. */
  unitPriceMicros: number;
}

export const NEED_OUTCOMES = ['FILLED', 'SUPPLY_EXHAUSTED', 'LOT_ROUNDING', 'NO_ELIGIBLE_OFFER'] as const;
export type NeedOutcome = (typeof NEED_OUTCOMES)[number];

export interface NeedAllocation {
  needId: string;
  priorityTier: number;
  requested: number;
  allocated: number;
  shortfall: number;
  /** allocated / requested. */
  fillRatio: number;
  outcome: NeedOutcome;
  /** Why the need got this much, with the figures. */
  reason: AllocationReason;
  /** The reason in English. */
  explanation: string;
}

export interface TierSummary {
  priorityTier: number;
  needs: number;
  requested: number;
  allocated: number;
  fillRatio: number;
  filled: number;
  unserved: number;
}

export interface AllocationRun {
  /** Per need in (tier, postedAt, needId) order, each need's offers best first. */
  allocations: Allocation[];
  /** Per need in (tier, postedAt, needId) order. */
  needs: NeedAllocation[];
  tiers: TierSummary[];
  requested: number;
  allocated: number;
  fillRatio: number;
}

/** Whether every size of `sizes` is among `searched` (both short). */
const ALL_SIZES: readonly number[] = [];
const covers = (searched: readonly number[], sizes: readonly number[]): boolean =>
  searched === ALL_SIZES || sizes.every((size) => searched.includes(size));

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function assertUniqueIds(ids: string[], what: string): void {
  for (let i = 1; i < ids.length; i++)
    if (ids[i] === ids[i - 1]) throw new RangeError(`duplicate ${what} id "${ids[i]}"`);
}

/** Quantities are kept in 32-bit integer arrays: two billion masks per need or offer is plenty. */
const MAX_UNITS = 2 ** 31 - 1;

function assertUnits(value: number, what: string, positive: boolean): void {
  if (!Number.isSafeInteger(value) || value < (positive ? 1 : 0) || value > MAX_UNITS) {
    throw new RangeError(
      `${what} must be an integer from ${positive ? 1 : 0} to ${MAX_UNITS} (got ${value})`,
    );
  }
}

/**
 * The offers open to any need, by category and own standard / equivalence, each shelf by estimated
 * delivery: a need reads only the shelves it accepts, up to its needed-by date. The filter still
 * decides; this only spares it the pairs it would reject for category, equivalence or lateness.
 */
class OfferShelves {
  private readonly shelves = new Map<string, { offers: number[]; deliveries: Float64Array }>();

  constructor(terms: readonly OfferTerms[]) {
    const lists = new Map<string, number[]>();
    terms.forEach((t, o) => {
      if (t.offerMask !== 0) return;
      const key = `${t.offer.category}/${t.offer.viaEquivalence}`;
      const list = lists.get(key) ?? [];
      list.push(o);
      lists.set(key, list);
    });
    for (const [key, offers] of lists) {
      offers.sort((a, b) => terms[a].estimatedDelivery - terms[b].estimatedDelivery || a - b);
      this.shelves.set(key, {
        offers,
        deliveries: Float64Array.from(offers, (o) => terms[o].estimatedDelivery),
      });
    }
  }

  /** Writes into `offers` the offers of the need's category (and equivalents, if it accepts them) delivered by its date; returns how many. */
  deliveredInTime(need: OpenNeed, offers: Int32Array): number {
    const deadline = need.neededBy.getTime();
    let count = 0;
    for (const equivalent of need.acceptsEquivalents ? [false, true] : [false]) {
      const shelf = this.shelves.get(`${need.category}/${equivalent}`);
      if (!shelf) continue;
      let end = shelf.deliveries.length;
      for (let low = 0; low < end;) {
        const middle = (low + end) >> 1;
        if (shelf.deliveries[middle] <= deadline) low = middle + 1;
        else end = middle;
      }
      for (let i = 0; i < end; i++) offers[count++] = shelf.offers[i];
    }
    return count;
  }
}

/** Distance ranks between the departments of a run, as a matrix over small indices, computed once. */
function distanceRanks(needs: readonly OpenNeed[], offers: readonly MatchableOffer[]) {
  const index = new Map<string, number>();
  const indexOf = (code: string): number => index.get(code) ?? index.set(code, index.size).size - 1;
  const needDepartment = Int32Array.from(needs, (n) => indexOf(n.deliveryDepartmentCode));
  const offerDepartment = Int32Array.from(offers, (o) => indexOf(o.departmentCode));
  const codes = [...index.keys()];
  const ranks = new Int8Array(codes.length * codes.length);
  codes.forEach((from, i) =>
    codes.forEach((to, j) => (ranks[i * codes.length + j] = departmentDistance(from, to).rank)),
  );
  return { needDepartment, offerDepartment, size: codes.length, ranks };
}

/** Where an augmenting path ends: `need` gains `gain` on pair `edge` (−1: it only gives up units). */
interface PathEnd {
  need: number;
  edge: number;
  gain: number;
}

/** How many quantities beyond the next step an augmenting path tries, and how many sizes at most. */
const LARGER_PATH_SIZES = 2;
const MAX_PATH_SIZES = 6;
/** Past this many needs reached by a failed search, the other sizes are not tried. */
const LARGE_REGION = 64;

/** Score resolution when packing (score, offer index) into one sortable float. */
const SCORE_STEPS = 1_000_000;

class Allocator {
  readonly needs: OpenNeed[];
  readonly offers: MatchableOffer[];
  readonly terms: OfferTerms[];
  readonly increment: Float64Array;
  /** Units of each offer not allocated yet. */
  readonly free: Float64Array;
  readonly needAllocated: Float64Array;
  /** Candidate pairs, grouped by need (CSR): pairs of need n are edgeStart[n] … edgeStart[n + 1] − 1, best first. */
  readonly edgeStart: Int32Array;
  edgeOffer: Int32Array;
  edgeNeed: Int32Array;
  /** The pair's smallest valid lot quantity within the need's cap. */
  edgeMin: Int32Array;
  edgeAllocated: Int32Array;
  /** Pairs with an allocation, per offer (an entry may have gone back to 0: skipped). */
  readonly holders: number[][];
  private readonly listed: Uint8Array;
  readonly frozen: Uint8Array;

  // Scratch space of the augmenting-path search, stamped to avoid clearing.
  private stamp = 0;
  private readonly offerSeen: Int32Array;
  private readonly needSeen: Int32Array;
  private readonly viaEdge: Int32Array;
  private readonly viaHolder: Int32Array;
  private readonly gainOn: Float64Array;
  private readonly releaseFrom: Float64Array;
  /** What each need reached by the search gives up on the offer it was reached through. */
  private readonly released: Float64Array;
  /** Each need's last exact path, tried again before a new search. */
  private readonly lastPaths = new Map<number, { amount: number; edges: number[] }>();
  /** Offers crossed by failed searches and given no stock back since, with the step sizes searched. */
  private readonly saturated: (readonly number[] | undefined)[];
  /** Offers crossed by the current need's failed searches. */
  private readonly crossed: number[] = [];
  /** Needs whose allocation a lossy path lowered: back into the tier's heap. */
  readonly lowered: number[] = [];
  private readonly queue: Int32Array;

  constructor(input: AllocationInput) {
    this.offers = [...input.offers].sort((a, b) => compareIds(a.offerId, b.offerId));
    assertUniqueIds(
      this.offers.map((o) => o.offerId),
      'offer',
    );
    this.needs = [...input.needs].sort(
      (a, b) =>
        a.priorityTier - b.priorityTier ||
        a.postedAt.getTime() - b.postedAt.getTime() ||
        compareIds(a.needId, b.needId),
    );
    assertUniqueIds(this.needs.map((n) => n.needId).sort(compareIds), 'need');
    for (const need of this.needs) assertUnits(need.quantity, `quantity of need ${need.needId}`, true);
    for (const offer of this.offers)
      assertUnits(Math.max(0, offer.available), `stock of offer ${offer.offerId}`, false);

    const offerCount = this.offers.length;
    const needCount = this.needs.length;
    this.terms = this.offers.map((offer) => offerTerms(offer, input.now));
    this.increment = Float64Array.from(this.offers, (o) => o.orderIncrement);
    this.free = Float64Array.from(this.offers, (o) => Math.max(0, o.available));
    this.needAllocated = new Float64Array(needCount);
    this.edgeStart = new Int32Array(needCount + 1);
    this.holders = this.offers.map(() => []);
    this.frozen = new Uint8Array(needCount);
    this.offerSeen = new Int32Array(offerCount);
    this.needSeen = new Int32Array(needCount);
    this.viaEdge = new Int32Array(offerCount);
    this.viaHolder = new Int32Array(needCount);
    this.queue = new Int32Array(offerCount);
    this.gainOn = new Float64Array(offerCount);
    this.releaseFrom = new Float64Array(offerCount);
    this.released = new Float64Array(needCount);
    this.saturated = new Array<readonly number[] | undefined>(offerCount).fill(undefined);

    const edges = this.buildCandidatePairs(input.now, input.weights ?? DEFAULT_RANKING_WEIGHTS);
    this.edgeOffer = edges.offer;
    this.edgeNeed = edges.need;
    this.edgeMin = edges.min;
    this.edgeAllocated = new Int32Array(this.edgeOffer.length);
    this.listed = new Uint8Array(this.edgeOffer.length);
  }

  /** Screens each need against the offers of its category and orders its candidates by ranking score. */
  private buildCandidatePairs(
    now: Date,
    weights: RankingWeights,
  ): { offer: Int32Array; need: Int32Array; min: Int32Array } {
    const offerCount = this.offers.length;
    const shelves = new OfferShelves(this.terms);
    const shelved = new Int32Array(offerCount);
    // Sized once for every pair the shelves could yield: no growing and copying of big arrays.
    let capacity = 0;
    for (const need of this.needs) capacity += shelves.deliveredInTime(need, shelved);
    const offer = new Int32Array(capacity);
    const min = new Int32Array(capacity);
    let length = 0;
    const distances = distanceRanks(this.needs, this.offers);
    const days = Float64Array.from(this.terms, (t) => deliveryDays(t.estimatedDelivery, now));
    const madeInFrance = Uint8Array.from(this.offers, (o) => (o.madeInFrance ? 1 : 0));
    const pairMin = new Float64Array(offerCount);
    const pairPrice = new Float64Array(offerCount);
    const bounds: PairBounds = { minQuantity: 0, maxQuantity: 0 };
    const components: ScoreComponents = { price: 0, distance: 0, delivery: 0, madeInFrance: 0 };
    const found = new Int32Array(offerCount);
    // Integer keys sort about twice as fast as floats; they fit in 32 bits unless there are thousands of offers more.
    const keys =
      (SCORE_STEPS + 1) * offerCount < 2 ** 32 ? new Uint32Array(offerCount) : new Float64Array(offerCount);

    const { needs, terms, edgeStart } = this;
    for (let n = 0; n < needs.length; n++) {
      const openNeed = needs[n];
      edgeStart[n] = length;
      let count = 0;
      let bestPrice = Infinity;
      let bestDays = Infinity;
      const shelvedCount = shelves.deliveredInTime(openNeed, shelved);
      for (let s = 0; s < shelvedCount; s++) {
        const o = shelved[s];
        if (exclusionMask(openNeed, terms[o], bounds) !== 0) continue;
        found[count++] = o;
        pairMin[o] = bounds.minQuantity;
        pairPrice[o] = tierPrice(terms[o], bounds.maxQuantity);
        if (pairPrice[o] < bestPrice) bestPrice = pairPrice[o];
        if (days[o] < bestDays) bestDays = days[o];
      }
      for (let i = 0; i < count; i++) {
        const o = found[i];
        components.price = priceScore(pairPrice[o], bestPrice);
        components.distance = distanceScore(
          distances.ranks[distances.needDepartment[n] * distances.size + distances.offerDepartment[o]],
        );
        components.delivery = deliveryScore(days[o], bestDays);
        components.madeInFrance = madeInFrance[o];
        // Higher score first, then offerId order: one numeric sort instead of a comparator per pair.
        keys[i] = Math.round((1 - weightedScore(components, weights)) * SCORE_STEPS) * offerCount + o;
      }
      const sorted = keys.subarray(0, count).sort();
      for (let i = 0; i < count; i++) {
        const o = sorted[i] % offerCount;
        offer[length] = o;
        min[length++] = pairMin[o];
      }
    }
    edgeStart[needs.length] = length;
    const need = new Int32Array(length);
    for (let n = 0; n < this.needs.length; n++) need.fill(n, this.edgeStart[n], this.edgeStart[n + 1]);
    return { offer: offer.subarray(0, length), need, min: min.subarray(0, length) };
  }

  /** The next quantity a need can add on a pair: one increment, or the pair's minimum to open it. */
  private step(edge: number): number {
    return this.edgeAllocated[edge] > 0 ? this.increment[this.edgeOffer[edge]] : this.edgeMin[edge];
  }

  private remaining(n: number): number {
    return this.needs[n].quantity - this.needAllocated[n];
  }

  private exhausted(o: number): boolean {
    return this.free[o] < this.increment[o];
  }

  private addToPair(edge: number, quantity: number): void {
    this.edgeAllocated[edge] += quantity;
    this.free[this.edgeOffer[edge]] -= quantity;
    if (!this.listed[edge]) {
      this.listed[edge] = 1;
      this.holders[this.edgeOffer[edge]].push(edge);
    }
  }

  private canGain(edge: number, amount: number): boolean {
    return (
      isMultipleOf(amount, this.increment[this.edgeOffer[edge]]) &&
      this.edgeAllocated[edge] + amount >= this.edgeMin[edge]
    );
  }

  private canRelease(edge: number, amount: number): boolean {
    const left = this.edgeAllocated[edge] - amount;
    return left === 0 || left >= this.edgeMin[edge];
  }

  /** The best pair on which the need can take a step from free stock, or −1. */
  private directPair(n: number): number {
    const remaining = this.remaining(n);
    for (let edge = this.edgeStart[n]; edge < this.edgeStart[n + 1]; edge++) {
      const step = this.step(edge);
      if (step <= remaining && step <= this.free[this.edgeOffer[edge]]) return edge;
    }
    return -1;
  }

  private directStep(n: number): boolean {
    const edge = this.directPair(n);
    if (edge < 0) return false;
    const step = this.step(edge);
    this.addToPair(edge, step);
    this.needAllocated[n] += step;
    return true;
  }

  /**
   * Step sizes and a few larger valid quantities, smallest first: a path may need to move more than
   * one step when the offers along it have other increments (6 units where lots are 2 and 3).
   */
  private pathSizes(n: number): number[] {
    const remaining = this.remaining(n);
    // The MAX_PATH_SIZES smallest distinct sizes, kept sorted as they come: no set and no sort, as
    // this runs at every step without a direct one, over all of the need's pairs.
    const sizes: number[] = [];
    let largest = Infinity;
    const { edgeOffer, edgeAllocated, edgeMin, increment: increments } = this;
    for (let edge = this.edgeStart[n], end = this.edgeStart[n + 1]; edge < end; edge++) {
      const increment = increments[edgeOffer[edge]];
      // step(edge), inlined.
      const first = edgeAllocated[edge] > 0 ? increment : edgeMin[edge];
      if (first >= largest) continue;
      for (
        let size = first, extra = 0;
        size <= remaining && extra <= LARGER_PATH_SIZES;
        size += increment, extra++
      ) {
        if (size >= largest) break;
        let at = sizes.length;
        while (at > 0 && sizes[at - 1] > size) at--;
        if (at > 0 && sizes[at - 1] === size) continue;
        sizes.splice(at, 0, size);
        if (sizes.length > MAX_PATH_SIZES) sizes.pop();
        if (sizes.length === MAX_PATH_SIZES) largest = sizes[MAX_PATH_SIZES - 1];
      }
    }
    return sizes;
  }

  /**
   * Breadth-first search for an augmenting path adding `amount` units to the root need: it gains them
   * on an offer; what that offer's free stock does not cover (rounded up to the offer's increment) is
   * given up by a need holding it (all it holds there, when giving up less would leave it below the
   * pair's minimum), which gains as much on another of its offers, and so on until an offer whose free
   * stock covers the gain. Failing that, the path may end at a need of the same tier that regains
   * less than it gave up (a lossy end), when the total still rises and that need stays at least as
   * filled as the root was: the tier's lowest fill never drops, and the total comes first; or at a
   * need of a lower tier, which simply gives way.
   * Returns the path's end, or null with every need reached in `reached`.
   */
  private searchPath(root: number, amount: number, tier: number, reached: Set<number>): PathEnd | null {
    const stamp = ++this.stamp;
    const rootNeed = this.needs[root];
    const rootAllocated = this.needAllocated[root];
    let lossy: PathEnd | null = null;
    let head = 0;
    let tail = 0;
    this.needSeen[root] = stamp;
    const visitPairsOf = (n: number, gain: number): PathEnd | null => {
      for (let edge = this.edgeStart[n]; edge < this.edgeStart[n + 1]; edge++) {
        const o = this.edgeOffer[edge];
        if (this.offerSeen[o] === stamp || !this.canGain(edge, gain)) continue;
        this.offerSeen[o] = stamp;
        this.viaEdge[o] = edge;
        this.gainOn[o] = gain;
        if (this.free[o] >= gain) return { need: n, edge, gain };
        this.releaseFrom[o] = roundUpToIncrement(gain - this.free[o], this.increment[o]);
        this.queue[tail++] = o;
      }
      return null;
    };
    const lossyEnd = (m: number, release: number): PathEnd | null => {
      const need = this.needs[m];
      if (need.priorityTier < tier) return null;
      let best: PathEnd = { need: m, edge: -1, gain: 0 };
      for (let edge = this.edgeStart[m]; edge < this.edgeStart[m + 1]; edge++) {
        const o = this.edgeOffer[edge];
        if (this.offerSeen[o] === stamp) continue;
        const gain = this.largestGainWithin(edge, Math.min(release, this.free[o]));
        if (gain > best.gain) best = { need: m, edge, gain };
      }
      // A lower tier gives way to a higher one (only when frozen needs of a higher tier try again).
      if (need.priorityTier > tier) return best;
      const loss = release - best.gain;
      const keepsMinimum =
        (this.needAllocated[m] - loss) * rootNeed.quantity >= rootAllocated * need.quantity;
      return loss < amount && keepsMinimum ? best : null;
    };
    let end = visitPairsOf(root, amount);
    while (!end && head < tail) {
      const o = this.queue[head++];
      for (const holder of this.holders[o]) {
        const m = this.edgeNeed[holder];
        const held = this.edgeAllocated[holder];
        if (this.needSeen[m] === stamp || held < this.releaseFrom[o]) continue;
        const release = this.canRelease(holder, this.releaseFrom[o]) ? this.releaseFrom[o] : held;
        this.needSeen[m] = stamp;
        this.viaHolder[m] = holder;
        this.released[m] = release;
        reached.add(m);
        end = visitPairsOf(m, release);
        if (end) break;
        lossy ??= lossyEnd(m, release);
      }
    }
    if (!end && !lossy) for (let i = 0; i < tail; i++) this.crossed.push(this.queue[i]);
    return end ?? lossy;
  }

  /** The largest quantity not above `limit` that the pair can gain (0 if none). */
  private largestGainWithin(edge: number, limit: number): number {
    const increment = this.increment[this.edgeOffer[edge]];
    const gain = roundDownToIncrement(limit, increment);
    return gain > 0 && this.canGain(edge, gain) ? gain : 0;
  }

  /** The pairs of a path, from the root: the pair it gains on, then for each need after it the pair it gives up and the pair it gains on. */
  private pathEdges(root: number, end: PathEnd): number[] {
    const edges = [end.edge];
    for (let m = end.need; m !== root; m = this.edgeNeed[edges[edges.length - 1]]) {
      const holder = this.viaHolder[m];
      edges.push(holder, this.viaEdge[this.edgeOffer[holder]]);
    }
    return edges.reverse();
  }

  /**
   * Checks the need's previous path again with today's stock (a need short of supply usually takes
   * several lots through the same detour): the same moves, amounts recomputed, or null.
   */
  private retracePath({ amount, edges }: { amount: number; edges: number[] }): PathEnd | null {
    let gain = amount;
    for (let i = 0; ; i += 2) {
      const edge = edges[i];
      const o = this.edgeOffer[edge];
      if (!this.canGain(edge, gain)) return null;
      this.viaEdge[o] = edge;
      this.gainOn[o] = gain;
      if (this.free[o] >= gain) return { need: this.edgeNeed[edge], edge, gain };
      if (i + 1 >= edges.length) return null;
      const holder = edges[i + 1];
      const release = roundUpToIncrement(gain - this.free[o], this.increment[o]);
      const held = this.edgeAllocated[holder];
      if (held < release) return null;
      gain = this.canRelease(holder, release) ? release : held;
      this.viaHolder[this.edgeNeed[holder]] = holder;
      this.released[this.edgeNeed[holder]] = gain;
    }
  }

  /** Applies a path found by `searchPath`, from its end back to the root need. */
  private applyPath(root: number, amount: number, end: PathEnd): void {
    let { need: m, edge, gain } = end;
    for (;;) {
      if (edge >= 0) this.addToPair(edge, gain);
      if (m === root) break;
      // The need gives up on its previous offer what made room for the step before it.
      const holder = this.viaHolder[m];
      const released = this.released[m];
      this.edgeAllocated[holder] -= released;
      this.needAllocated[m] += gain - released;
      const o = this.edgeOffer[holder];
      this.free[o] += released;
      this.saturated[o] = undefined;
      if (gain < released) this.lowered.push(m);
      edge = this.viaEdge[o];
      gain = this.gainOn[o];
      m = this.edgeNeed[edge];
    }
    this.needAllocated[root] += amount;
  }

  /**
   * The next step of the least-filled need: a direct step, else an augmenting path, else a rounding
   * exchange. When none exists, the need is frozen, and so is every need of the tier that the failed
   * searches reached and that has no direct step either and no other step size; the offers they
   * crossed are marked saturated for those sizes until stock is given back on them, and a need whose
   * offers are all saturated for its sizes is frozen without a search. Without this each stuck need
   * would search the whole category again; the price is the rare path such a need would have found
   * on its own (the property tests measure it against HiGHS).
   */
  private advance(n: number, tier: number): boolean {
    if (this.directStep(n)) return true;
    const sizes = this.pathSizes(n);
    if (!this.allPairsSaturated(n, sizes)) {
      const reached = new Set<number>();
      this.crossed.length = 0;
      const previous = this.lastPaths.get(n);
      if (previous && previous.amount <= this.remaining(n)) {
        const end = this.retracePath(previous);
        if (end) {
          this.applyPath(n, previous.amount, end);
          return true;
        }
      }
      for (const amount of sizes) {
        // A larger size rarely opens a path across a large region the smaller ones could not cross.
        if (reached.size > LARGE_REGION) break;
        const end = this.searchPath(n, amount, tier, reached);
        if (end) {
          this.applyPath(n, amount, end);
          if (end.gain > 0) this.lastPaths.set(n, { amount, edges: this.pathEdges(n, end) });
          return true;
        }
      }
      if (this.exchangeStep(n)) return true;
      // Across a large region, sizes are not told apart (as above): the region is saturated for all.
      const searched = reached.size > LARGE_REGION ? ALL_SIZES : sizes;
      for (const o of this.crossed) this.saturated[o] = searched;
      for (const m of reached) {
        // (Sizes computed only when they matter: a need's sizes scan all its pairs.)
        if (
          this.needs[m].priorityTier === tier &&
          this.directPair(m) < 0 &&
          (searched === ALL_SIZES || covers(searched, this.pathSizes(m)))
        )
          this.frozen[m] = 1;
      }
    }
    this.frozen[n] = 1;
    return false;
  }

  private allPairsSaturated(n: number, sizes: readonly number[]): boolean {
    for (let edge = this.edgeStart[n]; edge < this.edgeStart[n + 1]; edge++) {
      const searched = this.saturated[this.edgeOffer[edge]];
      if (!searched || !covers(searched, sizes)) return false;
    }
    return true;
  }

  /**
   * Rounding repair within one need: gives back part of a pair to take a slightly larger valid
   * quantity on another offer (33 in lots of 3 → 21 in lots of 3 + 15 in lots of 5 for a need of 36).
   * Takes the smallest gain, like any other step, so water-filling stays fine-grained.
   */
  private exchangeStep(n: number): boolean {
    const remaining = this.remaining(n);
    let best = { gain: Infinity, from: -1, released: 0, to: -1, added: 0 };
    // The pairs it holds something on, in pair order: a need holds few of its hundreds of pairs.
    const holding: number[] = [];
    for (let edge = this.edgeStart[n]; edge < this.edgeStart[n + 1]; edge++)
      if (this.edgeAllocated[edge] > 0) holding.push(edge);
    for (let to = this.edgeStart[n]; to < this.edgeStart[n + 1]; to++) {
      const target = this.edgeOffer[to];
      if (this.exhausted(target)) continue;
      const targetIncrement = this.increment[target];
      for (const from of holding) {
        const held = this.edgeAllocated[from];
        if (from === to) continue;
        const increment = this.increment[this.edgeOffer[from]];
        // Gains repeat with the least common multiple of the two increments, past the target's minimum.
        const lots = Math.min(
          held / increment,
          targetIncrement / gcd(increment, targetIncrement) + Math.ceil(this.edgeMin[to] / increment),
        );
        for (let lot = 1; lot <= lots; lot++) {
          const released = lot * increment;
          if (!this.canRelease(from, released)) continue;
          const added = Math.max(
            Math.ceil((released + 1) / targetIncrement) * targetIncrement,
            this.edgeMin[to] - this.edgeAllocated[to],
          );
          const gain = added - released;
          if (gain <= remaining && added <= this.free[target] && gain < best.gain)
            best = { gain, from, released, to, added };
        }
      }
    }
    if (best.from < 0) return false;
    this.edgeAllocated[best.from] -= best.released;
    this.free[this.edgeOffer[best.from]] += best.released;
    this.saturated[this.edgeOffer[best.from]] = undefined;
    this.addToPair(best.to, best.added);
    this.needAllocated[n] += best.gain;
    return true;
  }

  /**
   * Tiers in order, each by water-filling. Freezing is a shortcut, not a proof, and later steps can
   * open new paths: after each tier, the needs of that tier and the higher ones that are still short
   * try again, highest tier first, until none of them gets anything more; only then does the next
   * tier start.
   */
  run(): void {
    const tiers: [number, number][] = [];
    for (let first = 0; first < this.needs.length;) {
      let end = first + 1;
      while (end < this.needs.length && this.needs[end].priorityTier === this.needs[first].priorityTier)
        end++;
      tiers.push([first, end]);
      first = end;
    }
    const hasPairs = (n: number): boolean => this.edgeStart[n + 1] > this.edgeStart[n];
    const stillShort = (n: number): boolean => this.frozen[n] === 1 && this.remaining(n) > 0;
    tiers.forEach(([first, end], k) => {
      this.waterFill(first, end, hasPairs);
      // Saturation marks go stale as holders open new pairs: the retry searches afresh.
      do this.saturated.fill(undefined);
      while (tiers.slice(0, k + 1).some(([from, to]) => this.waterFill(from, to, stillShort)));
    });
  }

  /** Water-filling of the admitted needs of one tier (first … end − 1); true when it allocated more. */
  private waterFill(first: number, end: number, admit: (n: number) => boolean): boolean {
    const heap = new NeedHeap(this.needs, this.needAllocated);
    let before = 0;
    for (let n = first; n < end; n++) {
      before += this.needAllocated[n];
      if (!admit(n)) continue;
      this.frozen[n] = 0;
      heap.push(n);
    }
    const tier = this.needs[first].priorityTier;
    while (heap.size > 0) {
      const n = heap.pop();
      if (this.frozen[n]) continue;
      if (this.advance(n, tier) && this.remaining(n) > 0) heap.push(n);
      // A need of a lower tier that gave way waits for its own tier's next round.
      for (const m of this.lowered) {
        if (this.needs[m].priorityTier === tier) heap.push(m);
        else this.frozen[m] = 1;
      }
      this.lowered.length = 0;
    }
    let after = 0;
    for (let n = first; n < end; n++) after += this.needAllocated[n];
    return after > before;
  }

  /** The smallest quantity the need could still add on any of its pairs. */
  smallestStep(n: number): number {
    let smallest = Infinity;
    for (let edge = this.edgeStart[n]; edge < this.edgeStart[n + 1]; edge++)
      smallest = Math.min(smallest, this.step(edge));
    return smallest;
  }
}

/**
 * Binary min-heap of needs by fill ratio (compared exactly, by cross-multiplying), then by order.
 * Knows each need's position, so a need whose allocation went down moves up in place.
 */
class NeedHeap {
  private readonly items: number[] = [];
  private readonly position: Int32Array;

  constructor(
    private readonly needs: OpenNeed[],
    private readonly allocated: Float64Array,
  ) {
    this.position = new Int32Array(needs.length).fill(-1);
  }

  get size(): number {
    return this.items.length;
  }

  private less(a: number, b: number): boolean {
    const difference =
      this.allocated[a] * this.needs[b].quantity - this.allocated[b] * this.needs[a].quantity;
    return difference < 0 || (difference === 0 && a < b);
  }

  private place(n: number, i: number): void {
    this.items[i] = n;
    this.position[n] = i;
  }

  /** Adds the need, or moves it up after its allocation went down. */
  push(n: number): void {
    let i = this.position[n] >= 0 ? this.position[n] : this.items.length;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(n, this.items[parent])) break;
      this.place(this.items[parent], i);
      i = parent;
    }
    this.place(n, i);
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    this.position[top] = -1;
    const last = items.pop() as number;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= items.length) break;
        if (child + 1 < items.length && this.less(items[child + 1], items[child])) child++;
        if (!this.less(items[child], last)) break;
        this.place(items[child], i);
        i = child;
      }
      this.place(last, i);
    }
    return top;
  }
}

export function allocateSupply(input: AllocationInput): AllocationRun {
  const allocator = new Allocator(input);
  allocator.run();
  return new RunReport(allocator).build();
}

/** Turns the allocator's state into allocations, per-need explanations and run figures. */
class RunReport {
  private readonly tiers: number[];
  /** Units of each offer allocated to each tier and the ones before it (cumulative): offer × tier index. */
  private readonly upToTier: Float64Array;

  constructor(private readonly a: Allocator) {
    this.tiers = [...new Set(a.needs.map((n) => n.priorityTier))];
    const count = this.tiers.length;
    this.upToTier = new Float64Array(a.offers.length * count);
    a.needs.forEach((need, n) => {
      const t = this.tiers.indexOf(need.priorityTier);
      for (let edge = a.edgeStart[n]; edge < a.edgeStart[n + 1]; edge++)
        this.upToTier[a.edgeOffer[edge] * count + t] += a.edgeAllocated[edge];
    });
    for (let o = 0; o < a.offers.length; o++)
      for (let t = 1; t < count; t++) this.upToTier[o * count + t] += this.upToTier[o * count + t - 1];
  }

  build(): AllocationRun {
    const { a } = this;
    const allocations: Allocation[] = [];
    a.needs.forEach((need, n) => {
      for (let edge = a.edgeStart[n]; edge < a.edgeStart[n + 1]; edge++) {
        const quantity = a.edgeAllocated[edge];
        if (quantity === 0) continue;
        const offer = a.offers[a.edgeOffer[edge]];
        allocations.push({
          needId: need.needId,
          offerId: offer.offerId,
          quantity,
          unitPriceMicros: tierPrice(a.terms[a.edgeOffer[edge]], quantity),
        });
      }
    });
    const outcomes = a.needs.map((need, n) => this.outcome(need, n));
    const shortRanges = this.shortRanges(outcomes);
    const needs = outcomes.map(({ index, ...o }) => {
      const reason = this.reason(index, o, shortRanges);
      return { ...o, reason, explanation: describeAllocation(reason) };
    });
    const tiers = this.tiers.map((priorityTier) => {
      const members = needs.filter((n) => n.priorityTier === priorityTier);
      const summary = sumUp(members);
      return {
        priorityTier,
        needs: members.length,
        ...summary,
        filled: members.filter((n) => n.outcome === 'FILLED').length,
        unserved: members.filter((n) => n.allocated === 0).length,
      };
    });
    return { allocations, needs, tiers, ...sumUp(needs) };
  }

  private outcome(
    need: OpenNeed,
    n: number,
  ): Omit<NeedAllocation, 'reason' | 'explanation'> & { index: number } {
    const { a } = this;
    const allocated = a.needAllocated[n];
    const shortfall = need.quantity - allocated;
    const pairs = a.edgeStart[n + 1] - a.edgeStart[n];
    const outcome: NeedOutcome =
      shortfall === 0
        ? 'FILLED'
        : pairs === 0
          ? 'NO_ELIGIBLE_OFFER'
          : a.smallestStep(n) > shortfall
            ? 'LOT_ROUNDING'
            : 'SUPPLY_EXHAUSTED';
    return {
      index: n,
      needId: need.needId,
      priorityTier: need.priorityTier,
      requested: need.quantity,
      allocated,
      shortfall,
      fillRatio: allocated / need.quantity,
      outcome,
    };
  }

  /** Fill ratios of the needs short of supply, per tier and category: how far water-filling got. */
  private shortRanges(
    outcomes: ReturnType<RunReport['outcome']>[],
  ): Map<string, { low: number; high: number }> {
    const ranges = new Map<string, { low: number; high: number }>();
    for (const o of outcomes) {
      if (o.outcome !== 'SUPPLY_EXHAUSTED') continue;
      const key = `${o.priorityTier}/${this.a.needs[o.index].category}`;
      const range = ranges.get(key) ?? { low: Infinity, high: -Infinity };
      ranges.set(key, { low: Math.min(range.low, o.fillRatio), high: Math.max(range.high, o.fillRatio) });
    }
    return ranges;
  }

  private reason(
    index: number,
    o: Omit<NeedAllocation, 'reason' | 'explanation'>,
    shortRanges: Map<string, { low: number; high: number }>,
  ): AllocationReason {
    const { a } = this;
    const need = a.needs[index];
    const { priorityTier, requested, allocated, fillRatio } = o;
    switch (o.outcome) {
      case 'FILLED':
        return { outcome: 'FILLED', priorityTier, allocated, offersUsed: this.offersUsed(index) };
      case 'NO_ELIGIBLE_OFFER':
        return this.noEligibleOffer(need);
      case 'LOT_ROUNDING':
        return {
          outcome: 'LOT_ROUNDING',
          priorityTier,
          requested,
          allocated,
          fillRatio,
          lotIncrement: a.smallestStep(index),
        };
      case 'SUPPLY_EXHAUSTED': {
        const { held, higher, same, lower } = this.supplyOf(index);
        const range = shortRanges.get(`${need.priorityTier}/${need.category}`) ?? {
          low: fillRatio,
          high: fillRatio,
        };
        return {
          outcome: 'SUPPLY_EXHAUSTED',
          priorityTier,
          category: need.category,
          requested,
          allocated,
          fillRatio,
          eligibleOffers: a.edgeStart[index + 1] - a.edgeStart[index],
          held,
          toHigherTiers: higher,
          toSameTier: same,
          toLowerTiers: lower,
          tierLowestFill: range.low,
          tierHighestFill: range.high,
        };
      }
    }
  }

  private offersUsed(n: number): number {
    let count = 0;
    for (let edge = this.a.edgeStart[n]; edge < this.a.edgeStart[n + 1]; edge++)
      if (this.a.edgeAllocated[edge] > 0) count++;
    return count;
  }

  /** Stock of the need's candidate offers and where it went, by tier relative to the need's. */
  private supplyOf(n: number): { held: number; higher: number; same: number; lower: number } {
    const { a, upToTier } = this;
    const count = this.tiers.length;
    const own = this.tiers.indexOf(a.needs[n].priorityTier);
    const supply = { held: 0, higher: 0, same: 0, lower: 0 };
    for (let edge = a.edgeStart[n]; edge < a.edgeStart[n + 1]; edge++) {
      const row = a.edgeOffer[edge] * count;
      const before = own > 0 ? upToTier[row + own - 1] : 0;
      supply.held += a.offers[a.edgeOffer[edge]].available;
      supply.higher += before;
      supply.same += upToTier[row + own] - before;
      supply.lower += upToTier[row + count - 1] - upToTier[row + own];
    }
    return supply;
  }

  /** Of the category's offers, how many each exclusion reason ruled out. */
  private noEligibleOffer(need: OpenNeed): AllocationReason {
    const counts = new Map<ExclusionCode, number>();
    let categoryOffers = 0;
    for (const terms of this.a.terms) {
      if (terms.offer.category !== need.category) continue;
      categoryOffers++;
      for (const code of exclusionCodes(exclusionMask(need, terms)))
        counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const exclusions = [...counts]
      .map(([code, offers]) => ({ code, offers }))
      .sort((x, y) => y.offers - x.offers);
    return { outcome: 'NO_ELIGIBLE_OFFER', category: need.category, categoryOffers, exclusions };
  }
}

function sumUp(needs: readonly NeedAllocation[]): {
  requested: number;
  allocated: number;
  fillRatio: number;
} {
  let requested = 0;
  let allocated = 0;
  for (const need of needs) {
    requested += need.requested;
    allocated += need.allocated;
  }
  return { requested, allocated, fillRatio: requested > 0 ? allocated / requested : 0 };
}
