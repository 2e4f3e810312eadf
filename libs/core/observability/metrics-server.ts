import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { metricsRegistry } from './metrics';

/**
 * The worker serves no API, so a bare node:http listener (no Express) on WORKER_METRICS_PORT (0: off)
 * gives Prometheus `/metrics` (jobs processed, process metrics) and the orchestrator `/health`.
 * `/health` is liveness only: a worker that cannot reach PostgreSQL or Redis keeps retrying on its
 * own, and restarting it would not bring them back. It stays up while jobs drain on SIGTERM.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server?: Server;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerMetricsPort) return;
    // The handler is async: a rejection it did not expect would otherwise be unhandled (the worker exits).
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.logger.warn(`metrics listener: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.workerMetricsPort, '0.0.0.0', resolve);
    });
    this.server = server;
    this.logger.log(`metrics on :${(server.address() as AddressInfo).port}/metrics, liveness on /health`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!URL.canParse(req.url ?? '/', 'http://worker')) {
      res.writeHead(400).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://worker').pathname;
    if (req.method !== 'GET' || (path !== '/metrics' && path !== '/health')) {
      res.writeHead(404).end();
      return;
    }
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    try {
      const body = await metricsRegistry.metrics();
      res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body);
    } catch (error) {
      this.logger.warn(`metrics collection failed: ${(error as Error).message}`);
      res.writeHead(500).end();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
