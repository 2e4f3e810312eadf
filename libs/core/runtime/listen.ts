import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/**
 * The kernel's queue of connections not yet accepted. Node's default (511) overflows under a burst
 * of new clients while the event loop is busy, and Linux then resets the connections it cannot
 * queue (seen: 1,000 concurrent orders on a loaded machine, ECONNRESET). The kernel caps it at
 * net.core.somaxconn.
 */
export const LISTEN_BACKLOG = 4096;

/**
 * How long an idle keep-alive connection stays open. Node's 5 s is barely above clients' own idle
 * limits (undici: 4 s), so on a busy machine the server closes a socket just as a client reuses it
 * and that request fails with ECONNRESET (seen: 1,000 concurrent orders, a suite that had been idle
 * a few seconds). Longer than any client's and than a load balancer's usual 60 s: the client always
 * closes first. The header timeout must exceed it (Node's rule).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Starts listening with the larger backlog; resolves with the port (0 picks a free one). */
export async function listenApi(app: INestApplication, port: number, host: string): Promise<number> {
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  // Nest hands arguments after the port to the HTTP server's listen(port, host, backlog).
  const listen = app.listen as (...args: unknown[]) => Promise<unknown>;
  await listen.call(app, port, host, LISTEN_BACKLOG);
  return (server.address() as { port: number }).port;
}
