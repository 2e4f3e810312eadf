import { connect } from 'node:net';
import { freePort, notificationEvent, recordEvents } from '@masks/core';
import { startTestApp, waitFor, type TestApp } from './harness/app';

/** The worker's own listener: Prometheus metrics and liveness, nothing else. */
describe('worker /metrics and /health', () => {
  let app: TestApp;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTestApp({ worker: true, env: { WORKER_METRICS_PORT: String(port) } });
  });
  afterAll(() => app.close());

  it('answers liveness', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('counts processed jobs and exposes the process metrics in the Prometheus format', async () => {
    const completed = async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return Number(
        /^jobs_processed_total\{queue="notifications",outcome="completed"\} (\d+)$/m.exec(text)?.[1] ?? 0,
      );
    };
    await app.dataSource.transaction((manager) =>
      recordEvents(
        manager,
        [1, 2, 3].map((i) =>
          notificationEvent({ recipient: `m${i}@example.test`, subject: 'metrics', body: 'test' }),
        ),
      ),
    );
    await waitFor(async () => (await completed()) === 3, 10_000, 'three jobs counted');
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('serves nothing else', async () => {
    expect((await fetch(`${base}/graphql`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('answers 400 to a request target that is no URL, and keeps serving', async () => {
    const statusLine = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1', () =>
        socket.write('GET //[ HTTP/1.1\r\nHost: worker\r\nConnection: close\r\n\r\n'),
      );
      let received = '';
      socket.on('data', (chunk) => (received += String(chunk)));
      socket.on('end', () => resolve(received.split('\r\n')[0]));
      socket.on('error', reject);
    });
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('stops listening when the worker shuts down', async () => {
    await app.worker?.close();
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });
});
