import type { NestExpressApplication } from '@nestjs/platform-express';
import { findOnPath, freePort, startRedisServer } from '@masks/core';
import { createApiApp } from '../apps/api/bootstrap';
import { listenApi } from '@masks/core';
import { startTestApp, waitFor, type TestApp } from './harness/app';
import { codeOf } from './harness/factories';

const QUERY = JSON.stringify({ query: `{ filieres { code } }` });

/** One request to one replica; the GraphQL error code, if any. */
async function ask(url: string): Promise<string | undefined> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: QUERY,
  });
  return codeOf((await response.json()) as { errors?: { extensions?: { code?: string } }[] });
}

/** With the queues on Redis, the rate-limit counters are there too: one budget across replicas. */
describe('rate limiting across API replicas', () => {
  let app: TestApp;
  let replica: NestExpressApplication;
  let replicaUrl: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '10' } });
    // A second replica of the same deployment: same database, same Redis, same configuration.
    replica = await createApiApp({ shutdownHooks: false });
    replicaUrl = `http://127.0.0.1:${await listenApi(replica, 0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await replica.close();
    await app.close();
  });

  it('counts the requests of both replicas against one budget', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 14; i++) codes.push(await ask(i % 2 ? replicaUrl : app.url));
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(undefined));
    expect(codes.slice(10)).toEqual(Array(4).fill('TOO_MANY_REQUESTS'));
  });
});

describe('rate limiting while Redis is down', () => {
  let app: TestApp;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  const binary = findOnPath('redis-server');

  beforeAll(async () => {
    if (!binary) throw new Error('redis-server must be on PATH for this suite (.ci/run installs it)');
    redis = await startRedisServer(binary, await freePort());
    app = await startTestApp({ env: { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await app.close();
    await redis.stop();
  });

  it('lets requests through (fails open), then limits again once Redis is back', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) codes.push(await ask(app.url));
    expect(codes).toEqual([undefined, undefined, undefined, 'TOO_MANY_REQUESTS']);

    redis.process.kill('SIGKILL');
    await new Promise((resolve) => redis.process.once('exit', resolve));
    const started = Date.now();
    const whileDown: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++) whileDown.push(await ask(app.url));
    expect(whileDown).toEqual(Array(10).fill(undefined));
    expect(Date.now() - started).toBeLessThan(5_000);

    // A restarted Redis starts empty: a fresh budget, enforced again once the client has reconnected.
    redis = await startRedisServer(binary as string, redis.port);
    await waitFor(
      async () => (await ask(app.url)) === 'TOO_MANY_REQUESTS',
      15_000,
      'the limit enforced again',
    );
  });
});
