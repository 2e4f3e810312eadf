import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findOnPath, freePort, notificationEvent, recordEvents, startRedisServer } from '@masks/core';
import { createWorker } from '../apps/worker/bootstrap';
import { startTestApp, waitFor, type TestApp } from './harness/app';
import { signUp } from './harness/factories';

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`;

/**
 * The outbox delivers each event exactly once in effect with two workers (two relays, two consumers)
 * racing, while the Redis behind the queues is killed and comes back empty.
 */
describe('transactional outbox under concurrency and a Redis outage', () => {
  let app: TestApp;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  const workers: INestApplicationContext[] = [];
  const binary = findOnPath('redis-server');

  beforeAll(async () => {
    if (!binary) throw new Error('redis-server must be on PATH for this suite (.ci/run installs it)');
    redis = await startRedisServer(binary, await freePort());
    app = await startTestApp({ env: { REDIS_URL: redis.url, OUTBOX_REDELIVER_MS: '1500' } });
    workers.push(await createWorker({ shutdownHooks: false }), await createWorker({ shutdownHooks: false }));
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await app.close();
    await redis.stop();
  });

  const count = async (sql: string): Promise<number> => Number((await app.dataSource.query(sql))[0].count);

  const emit = (dataSource: DataSource, from: number, n: number) =>
    dataSource.transaction((manager) =>
      recordEvents(
        manager,
        Array.from({ length: n }, (_, i) =>
          notificationEvent({
            recipient: `r${from + i}@example.test`,
            subject: `message ${from + i}`,
            body: 'test',
          }),
        ),
      ),
    );

  it('processes every event once, Redis stopped and restarted empty mid-way included', async () => {
    const admin = await signUp(app);
    await emit(app.dataSource, 0, 150);
    // Kill Redis while events are in flight: jobs it held are gone with it (no persistence).
    await waitFor(async () => (await count(`SELECT count(*) FROM notification`)) > 0, 10_000);
    redis.process.kill('SIGKILL');
    await new Promise((resolve) => redis.process.once('exit', resolve));

    // The API keeps accepting changes while Redis is down: their events wait in the outbox.
    await emit(app.dataSource, 150, 150);
    const invited = await app.gql(
      INVITE,
      { input: { email: 'colleague@example.test', roles: ['BUYER'] } },
      { token: admin.token },
    );
    expect(invited.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await count(`SELECT count(*) FROM outbox_event WHERE published_at IS NULL`)).toBeGreaterThan(0);

    redis = await startRedisServer(binary as string, redis.port);
    await emit(app.dataSource, 300, 150);

    const total = await count(`SELECT count(*) FROM outbox_event`);
    await waitFor(async () => (await count(`SELECT count(*) FROM notification`)) === total, 45_000);
    // Give duplicates a chance to show up before asserting there are none.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await count(`SELECT count(*) FROM notification`)).toBe(total);
    expect(await count(`SELECT count(DISTINCT event_id) FROM notification`)).toBe(total);
    expect(await count(`SELECT count(*) FROM processed_event`)).toBe(total);
    expect(await count(`SELECT count(*) FROM outbox_event WHERE processed_at IS NULL`)).toBe(0);
    expect(await count(`SELECT count(*) FROM notification WHERE recipient = 'colleague@example.test'`)).toBe(
      1,
    );
  });
});
