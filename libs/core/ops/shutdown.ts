import type { INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM (orchestrators) and SIGINT (Ctrl-C) run Nest's shutdown sequence: queue workers stop taking
 * jobs and finish theirs (beforeApplicationShutdown), the HTTP server stops accepting connections and
 * lets in-flight requests finish, then connections close (onApplicationShutdown). Then exit 0: by
 * default Nest re-raises the signal and the process dies with 143, which reads as a crash, and pino
 * gets no chance to flush.
 */
export function enableGracefulShutdown(app: INestApplicationContext): void {
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
}
