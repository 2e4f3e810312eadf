import { connect } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, freePort, notificationEvent, recordEvents } from '@masks/core';
import { ALL_ENTITIES } from '../apps/common/entities';
import { createTestDatabase, testEnv, waitFor } from './harness/app';
import { killStartedProcesses, startProcess } from './harness/processes';
import { SIGN_UP, signUpInput } from './harness/factories';

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
  ]);

/** Whether a new TCP connection to the port is accepted. */
const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * SIGTERM on the real processes: they stop taking work, finish what is in flight, and exit 0. Work is
 * held in flight without any test-only code path: the test holds a table lock the request or job
 * needs, and releases it only once the signal has been received.
 */
describe('graceful shutdown on SIGTERM', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let lock: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, ALL_ENTITIES, 2)).initialize();
    lock = new Client({ connectionString: database.url });
    await lock.connect();
  });

  afterEach(async () => {
    // A failed test leaves nothing running or locked behind it.
    killStartedProcesses();
    await lock.query('ROLLBACK');
  });

  afterAll(async () => {
    await lock.end();
    await dataSource.destroy();
    await database.drop();
  });

  const env = (extra: Record<string, string> = {}) => ({ ...testEnv(database), LOG_LEVEL: 'info', ...extra });

  const holdLock = async (table: string) => {
    await lock.query('BEGIN');
    // SHARE mode lets readers through and makes every INSERT into the table wait.
    await lock.query(`LOCK TABLE ${table} IN SHARE MODE`);
  };

  const someoneWaitsForLock = async () =>
    Number(
      (
        await dataSource.query(
          `SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
          [database.name],
        )
      )[0].count,
    ) > 0;

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await dataSource.query(sql, params))[0].count);

  it('API: the request in flight completes, new connections are refused, the process exits 0', async () => {
    const port = await freePort();
    const api = startProcess('api', env({ PORT: String(port) }));
    await api.waitForOutput(/GraphQL API on/, 30_000);

    await holdLock('organisation');
    const input = signUpInput();
    let settled = false;
    const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_UP, variables: { input } }),
    })
      .then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { data?: unknown; errors?: unknown },
      }))
      .finally(() => (settled = true));
    await waitFor(someoneWaitsForLock, 10_000, 'the sign-up waiting for the lock');

    process.kill(api.pid, 'SIGTERM');
    await waitFor(async () => !(await accepts(port)), 5_000, 'new connections refused');
    expect(settled).toBe(false);
    expect(api.running()).toBe(true);

    const released = Date.now();
    await lock.query('ROLLBACK');
    const response = await within(inFlight, 10_000, 'the request in flight');
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toMatchObject({
      signUp: { organisation: { siret: input.organisation.siret } },
    });
    expect(await within(api.exited, 10_000, 'exiting')).toEqual({ code: 0, signal: null });
    console.log(`API exited ${Date.now() - released} ms after the request in flight was unblocked`);
    expect(
      await count(`SELECT count(*) FROM organisation WHERE siret = $1`, [input.organisation.siret]),
    ).toBe(1);
  });

  it('worker: the job in flight completes once, no new job is taken, the process exits 0', async () => {
    const notificationsTo = (recipient: string) =>
      count(`SELECT count(*) FROM notification WHERE recipient = $1`, [recipient]);
    const emit = (recipient: string) =>
      dataSource.transaction((manager) =>
        recordEvents(manager, [notificationEvent({ recipient, subject: 'shutdown', body: 'test' })]),
      );

    await holdLock('notification');
    const [inFlightEvent] = await emit('in-flight@example.test');
    const worker = startProcess('worker', env());
    await worker.waitForOutput(/Worker started/, 30_000);
    await waitFor(someoneWaitsForLock, 10_000, 'the job waiting for the lock');

    process.kill(worker.pid, 'SIGTERM');
    await worker.waitForOutput(/stopping workers/, 5_000);
    // Recorded after the signal: the stopping worker must leave it to the next one.
    const [lateEvent] = await emit('late@example.test');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(worker.running()).toBe(true);

    const released = Date.now();
    await lock.query('ROLLBACK');
    expect(await within(worker.exited, 10_000, 'exiting')).toEqual({ code: 0, signal: null });
    console.log(`worker exited ${Date.now() - released} ms after the job in flight was unblocked`);
    expect(await notificationsTo('in-flight@example.test')).toBe(1);
    expect(
      await count(`SELECT count(*) FROM outbox_event WHERE id = $1 AND processed_at IS NOT NULL`, [
        inFlightEvent,
      ]),
    ).toBe(1);
    expect(await notificationsTo('late@example.test')).toBe(0);

    // The next worker takes the late event over; the finished one is not run again.
    const next = startProcess('worker', env());
    await waitFor(
      async () => (await notificationsTo('late@example.test')) === 1,
      30_000,
      'the late event processed',
    );
    process.kill(next.pid, 'SIGTERM');
    expect(await within(next.exited, 10_000, 'exiting')).toEqual({ code: 0, signal: null });
    expect(await notificationsTo('in-flight@example.test')).toBe(1);
    expect(await notificationsTo('late@example.test')).toBe(1);
    expect(
      await count(`SELECT count(*) FROM processed_event WHERE event_id = ANY($1::bigint[])`, [
        [inFlightEvent, lateEvent],
      ]),
    ).toBe(2);
  });
});
