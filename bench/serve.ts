import type { NestExpressApplication } from '@nestjs/platform-express';
import { listenApi } from '../libs/core/runtime/listen';

/**
 * Runs in a child process started by the bench runner (lib.ts startServer): starts one app on a free
 * loopback port and reports the port over IPC, so the server never shares an event loop (or the
 * code-first type registry) with the load generator or the other app. The environment
 * (DATABASE_URL, JWT_SECRET...) comes from the parent. Entry points: serve-api.ts, serve-reference.ts.
 */
export function serveInChild(create: () => Promise<NestExpressApplication>): void {
  const main = async (): Promise<void> => {
    if (!process.send) throw new Error('this script must be started by the bench runner (fork with IPC)');
    const app = await create();
    const port = await listenApi(app, 0, '127.0.0.1');
    let closing = false;
    const close = async (): Promise<void> => {
      if (closing) return;
      closing = true;
      await app.close().catch((error: unknown) => console.error(error));
      process.exit(0);
    };
    process.on('message', (message) => {
      if (message === 'stop') void close();
    });
    process.on('disconnect', () => void close());
    process.send({ port });
  };
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
