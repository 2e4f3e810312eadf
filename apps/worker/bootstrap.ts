import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { enableGracefulShutdown } from '@masks/core';
import { WorkerModule } from './worker.module';

export async function createWorker({ shutdownHooks = true } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM: workers stop taking jobs and finish the ones in flight (QueueRegistry.beforeApplicationShutdown).
  if (shutdownHooks) enableGracefulShutdown(app);
  return app;
}
