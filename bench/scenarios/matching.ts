import { loadavg } from 'node:os';
import { allocateSupply } from '../../libs/matching';
import { MARKET_NOW, randomMarket } from '../../libs/matching/testing/market';
import { optimalTotal } from '../../libs/matching/testing/optimum';
import type { StandaloneOutcome } from '../lib';

/**
 * matching: the batch allocation of 20,000 open needs against 2,000 offers (a seeded national
 * market, the same every run), timed three times in this process; peak memory is the process's
 * peak resident set. The allocated fraction of the optimum is measured on the same market at a
 * tenth of the size (2,000 needs, 200 offers: the same scarcity), against HiGHS's LP relaxation
 * solved tier after tier: an upper bound of the lexicographic optimum, so the fraction errs low.
 */
const SEED = 2020;
const RUNS = 3;

export async function matching(): Promise<StandaloneOutcome> {
  const market = randomMarket(SEED, 20_000, 2_000);
  const times: number[] = [];
  const cpu: number[] = [];
  let run = allocateSupply({ ...market, now: MARKET_NOW });
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    run = allocateSupply({ ...market, now: MARKET_NOW });
    const used = process.cpuUsage(cpuStarted);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const peakMb = process.resourceUsage().maxRSS / 1024;

  const reduced = randomMarket(SEED, 2_000, 200);
  const reducedRun = allocateSupply({ ...reduced, now: MARKET_NOW });
  const bound = await optimalTotal(reduced.needs, reduced.offers, MARKET_NOW, { relaxed: true, timeLimitS: 300 });
  const fraction = bound.total > 0 ? reducedRun.allocated / bound.total : 1;

  const ms = Math.round(median(times));
  const figures = {
    ms,
    peak_mb: Math.round(peakMb),
    fraction_of_optimum: Number(fraction.toFixed(4)),
    cpu_ms: Math.round(median(cpu)),
    runs_ms: times.map(Math.round),
    load_average: Number(loadavg()[0].toFixed(2)),
    needs: market.needs.length,
    offers: market.offers.length,
    requested: run.requested,
    allocated: run.allocated,
    fill_ratio_by_tier: Object.fromEntries(run.tiers.map((t) => [t.priorityTier, Number(t.fillRatio.toFixed(4))])),
    optimum_instance: '2,000 needs x 200 offers, LP relaxation by tier (upper bound)',
    optimum_allocated: reducedRun.allocated,
    optimum_bound: bound.total,
  };
  const verdict = (ok: boolean): string => (ok ? 'meets' : 'below');
  return {
    figures,
    lines: [
      `batch allocation of ${market.needs.length.toLocaleString('en-US')} needs x ${market.offers.length.toLocaleString('en-US')} offers`,
      `time: median ${ms} ms of ${RUNS} runs (${figures.runs_ms.join(', ')}), CPU ${figures.cpu_ms} ms, load average ${figures.load_average} (goal < 2,000 ms: ${verdict(ms < 2000)})`,
      `peak memory: ${figures.peak_mb} MB (resident, whole process)`,
      `allocated fraction of the optimum: ${figures.fraction_of_optimum} on the 1/10 market (${reducedRun.allocated.toLocaleString('en-US')} of at most ${bound.total.toLocaleString('en-US')} units; goal >= 0.99: ${verdict(fraction >= 0.99)})`,
      `allocated ${run.allocated.toLocaleString('en-US')} of ${run.requested.toLocaleString('en-US')} units requested; fill by tier ${JSON.stringify(figures.fill_ratio_by_tier)}`,
    ],
  };
}
