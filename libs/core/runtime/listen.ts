import type { INestApplication } from '@nestjs/common';

/**
 * The kernel's queue of connections not yet accepted. Node's default (511) overflows under a burst
 * of new clients while the event loop is busy, and Linux then resets the connections it cannot
 * queue (seen: 1,000 concurrent orders on a loaded machine, ECONNRESET). The kernel caps it at
 * net.core.somaxconn.
 */
export const LISTEN_BACKLOG = 4096;

/** Starts listening with the larger backlog; resolves with the port (0 picks a free one). */
export async function listenApi(app: INestApplication, port: number, host: string): Promise<number> {
  // Nest hands arguments after the port to the HTTP server's listen(port, host, backlog).
  const listen = app.listen as (...args: unknown[]) => Promise<unknown>;
  await listen.call(app, port, host, LISTEN_BACKLOG);
  return (app.getHttpServer().address() as { port: number }).port;
}
