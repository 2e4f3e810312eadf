import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findOnPath } from '@masks/core';
import { DEMO_PASSWORD } from '@masks/organisations';
import { waitFor } from './harness/app';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

/**
 * The README's first promise, on a machine with nothing but Node.js: `npm start` (the built apps/dev
 * main) in a network namespace of its own, where no Redis and no PostgreSQL answer on loopback, with a
 * PATH without redis-server. It must choose the embedded PostgreSQL and
 * BullMQ's PostgreSQL backend, print the GraphQL URL, answer, run jobs, and stop whole on SIGINT.
 */
describe('npm start with no Redis anywhere', () => {
  const unshare = findOnPath('unshare');
  const nsenter = findOnPath('nsenter');
  const ip = findOnPath('ip');
  let workDir: string;
  let child: ChildProcess;
  let output = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  beforeAll(async () => {
    if (!unshare || !nsenter || !ip)
      throw new Error('this suite needs unshare, nsenter and ip (util-linux, iproute2) and root');
    // Exactly what `npm start` runs before the main: the build into dist/.
    await run('npm', ['run', 'build'], { cwd: ROOT, timeout: 300_000 });
    workDir = mkdtempSync(join(tmpdir(), 'masks-npm-start-'));
    // As root, the embedded server runs as the postgres user, which must be able to enter it.
    chmodSync(workDir, 0o755);
    // This machine's PATH, without redis-server: every other program stays (embedded PostgreSQL
    // creates its system user with groupadd/useradd when run as root).
    const bin = join(workDir, 'bin');
    mkdirSync(bin);
    for (const dir of (process.env.PATH ?? '').split(':')) {
      if (!dir || !existsSync(dir)) continue;
      for (const name of readdirSync(dir)) {
        if (name === 'redis-server' || existsSync(join(bin, name))) continue;
        symlinkSync(join(dir, name), join(bin, name));
      }
    }
    child = spawn(unshare, ['--net', '--', '/bin/sh', '-c', `${ip} link set lo up && exec node "$MAIN"`], {
      cwd: workDir,
      // Nothing configured: no DATABASE_URL, REDIS_URL, QUEUE_BACKEND, LOG_LEVEL or NODE_ENV.
      env: { PATH: bin, HOME: workDir, MAIN: join(ROOT, 'dist/apps/dev/main.js') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }, 400_000);

  afterAll(() => {
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /** An HTTP request made from inside the app's network namespace. */
  async function request(
    path: string,
    init: { method?: string; body?: unknown; token?: string } = {},
  ): Promise<{ status: number; body: string }> {
    const script = `fetch('http://127.0.0.1:3000' + process.argv[1], JSON.parse(process.argv[2]))
      .then(async (r) => process.stdout.write(JSON.stringify({ status: r.status, body: await r.text() })))
      .catch((e) => { console.error(e); process.exit(1); });`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const fetchInit = {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers,
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    };
    const { stdout } = await run(
      nsenter as string,
      ['-t', String(child.pid), '-n', '--', process.execPath, '-e', script, path, JSON.stringify(fetchInit)],
      { timeout: 30_000 },
    );
    return JSON.parse(stdout) as { status: number; body: string };
  }

  async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const response = await request('/graphql', { body: { query, variables }, token });
    const body = JSON.parse(response.body) as { data?: T; errors?: unknown[] };
    if (!body.data || body.errors) throw new Error(`${response.status} ${response.body}`);
    return body.data;
  }

  /** Every process descended from `pid`, read from /proc. */
  function descendants(pid: number): number[] {
    const parents = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // Gone between the listing and the read.
      }
    }
    const found: number[] = [];
    const visit = (parent: number) => {
      for (const [child, ppid] of parents) {
        if (ppid === parent) {
          found.push(child);
          visit(child);
        }
      }
    };
    visit(pid);
    return found;
  }

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('comes up on the embedded PostgreSQL and BullMQ on PostgreSQL, answers, runs jobs and stops whole on SIGINT', async () => {
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
        return /GraphQL:\s+http:\/\/localhost:3000\/graphql/.test(output);
      },
      180_000,
      'the GraphQL URL',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; output so far:\n${output}`);
    });
    expect(output).toMatch(/Database:\s+embedded PostgreSQL 18/);
    expect(output).toMatch(/Queue backend:\s+BullMQ on PostgreSQL/);
    expect(output).toMatch(/Console:\s+http:\/\/localhost:3000\//);
    // `npm run build` built the web console, and the API serves it.
    const consolePage = await request('/');
    expect(consolePage.status).toBe(200);
    expect(consolePage.body).toContain('<div id="root"></div>');

    const health = await request('/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, queue: { status: 'up' } },
    });

    const { login } = await gql<{ login: { accessToken: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { email: 'achats@pme-decolletage.test', password: DEMO_PASSWORD } },
    );
    const { offers } = await gql<{
      offers: { edges: { node: { id: string; minimumOrderQuantity: number; available: number } }[] };
    }>(
      `{ offers(category: FFP2, first: 5) { edges { node { id minimumOrderQuantity available } } } }`,
      {},
      login.accessToken,
    );
    const offer = offers.edges
      .map((edge) => edge.node)
      .find((node) => node.available >= node.minimumOrderQuantity);
    expect(offer).toBeDefined();
    const { placeOrder } = await gql<{ placeOrder: { id: string; status: string } }>(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
      {
        input: {
          lines: [{ offerId: offer!.id, quantity: offer!.minimumOrderQuantity }],
          paymentMethod: 'BANK_TRANSFER',
          deliveryDepartmentCode: '44',
        },
      },
      login.accessToken,
    );
    expect(placeOrder.status).toBe('PLACED');
    // The payment set-up job (outbox → BullMQ on PostgreSQL → worker) issues the invoice.
    await waitFor(
      async () =>
        (
          await gql<{ order: { status: string } }>(
            `query($id: ID!) { order(id: $id) { status } }`,
            { id: placeOrder.id },
            login.accessToken,
          )
        ).order.status === 'INVOICED',
      60_000,
      'the order invoiced by its job',
    );

    // No error loop: the whole run printed a screenful, not a flood.
    expect(output).not.toMatch(/SchemaMigrationRequiredError|not initialized/);
    expect(output.split('\n').length).toBeLessThan(2_000);

    const started = descendants(child.pid as number);
    expect(started.length).toBeGreaterThan(0); // the embedded PostgreSQL's processes
    child.kill('SIGINT');
    const { code } = await exited;
    expect(code).toBe(0);
    await waitFor(() => started.every((pid) => !alive(pid)), 10_000, 'every started process gone');
  }, 400_000);
});
