import { fork } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

/** What one load run gives: mean requests per second, latency percentiles, failed requests. */
export interface Figures {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
}

export interface BenchSettings {
  connections: number;
  durationS: number;
  warmupS: number;
}

export interface ScenarioOutcome {
  subject: Figures;
  reference: Figures;
  /** The subject must reach at least this share of the reference's requests per second. */
  goal: number;
  /** Scenario-specific figures, recorded in the JSON next to the table's (e.g. `ms` for pipeline). */
  figures?: Record<string, unknown>;
}

/** A scenario measured without HTTP (a pure computation): it reports its own figures. */
export interface StandaloneOutcome {
  /** Recorded in bench/results/<scenario>.json next to `scenario` and `date`. */
  figures: Record<string, unknown>;
  /** Printed after the run. */
  lines: string[];
}

export interface ScenarioResult extends ScenarioOutcome {
  scenario: string;
  ratio: number;
  connections: number;
  duration_s: number;
  date: string;
}

export interface LoadTarget {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** When set, a response whose body differs counts as an error. */
  expectBody?: string;
  /** Bodies sent in turn on each connection (instead of `body`), e.g. orders spread over many lots. */
  bodies?: string[];
  /** When set, a response it rejects counts as an error (GraphQL errors come back as 200). */
  verifyBody?: (body: string) => boolean;
}

const RESULTS_DIR = join(__dirname, '../../bench/results');

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/**
 * A warm-up run (discarded), then the measured run. The load generator runs in a worker thread.
 * Errors are connection errors, timeouts, non-2xx responses and unexpected bodies.
 */
export async function measure(target: LoadTarget, settings: BenchSettings): Promise<Figures> {
  const method = target.method ?? 'GET';
  const options = {
    url: target.url,
    method,
    headers: target.headers,
    connections: settings.connections,
    ...(target.bodies
      ? { requests: target.bodies.map((body) => ({ method, body })) }
      : { body: target.body }),
    // A body check given as a function runs in this thread (worker threads take only file paths).
    ...(target.verifyBody
      ? { verifyBody: target.verifyBody }
      : { expectBody: target.expectBody, workers: 1 }),
  };
  if (settings.warmupS > 0) await autocannon({ ...options, duration: settings.warmupS });
  const result = await autocannon({ ...options, duration: settings.durationS });
  return {
    rps: round(result.requests.average, 1),
    p50_ms: round(result.latency.p50),
    p99_ms: round(result.latency.p99),
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
  };
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `dist/bench/serve-<kind>.js` in a child process (inheriting process.env) and waits for its port.
 * Its stdout (the JSON logs, one line per request) goes to `bench/results/<kind>.log`, as production
 * sends it to a log collector rather than to a terminal.
 */
export async function startServer(kind: 'reference' | 'api'): Promise<RunningServer> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const log = openSync(join(RESULTS_DIR, `${kind}.log`), 'w');
  const child = fork(join(__dirname, `serve-${kind}.js`), [], { stdio: ['ignore', log, 'inherit', 'ipc'] });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${kind} app exited with code ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string }[];
}

export async function gql<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** A GraphQL POST as autocannon needs it; the expected body is fetched once so every reply is checked. */
export async function graphqlTarget(baseUrl: string, query: string, token?: string): Promise<LoadTarget> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = JSON.stringify({ query });
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body });
  const text = await response.text();
  const parsed = JSON.parse(text) as GraphQLResponse<unknown>;
  if (!response.ok || parsed.errors?.length || !parsed.data) {
    throw new Error(`${baseUrl}: the benchmark query fails (${response.status}): ${text}`);
  }
  return { url: `${baseUrl}/graphql`, method: 'POST', headers, body, expectBody: text };
}

export function summarise(
  scenario: string,
  outcome: ScenarioOutcome,
  settings: BenchSettings,
): ScenarioResult {
  return {
    scenario,
    subject: outcome.subject,
    reference: outcome.reference,
    ratio: outcome.reference.rps > 0 ? round(outcome.subject.rps / outcome.reference.rps, 3) : 0,
    goal: outcome.goal,
    connections: settings.connections,
    duration_s: settings.durationS,
    ...outcome.figures,
    date: new Date().toISOString(),
  };
}

export function printTable(result: ScenarioResult): void {
  const columns = ['', 'req/s', 'p50 ms', 'p99 ms', 'errors'];
  const rows = (['reference', 'subject'] as const).map((name) => {
    const f = result[name];
    return [name, f.rps.toFixed(1), f.p50_ms.toFixed(2), f.p99_ms.toFixed(2), String(f.errors)];
  });
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const verdict = result.ratio >= result.goal ? 'meets' : 'below';
  console.log(`\n${result.scenario} (${result.connections} connections, ${result.duration_s} s)`);
  console.log(line(columns));
  for (const row of rows) console.log(line(row));
  console.log(`ratio subject/reference req/s: ${result.ratio.toFixed(3)} (goal ${result.goal}: ${verdict})`);
}

export function writeResult(result: { scenario: string }, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.scenario}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
