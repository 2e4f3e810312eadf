import { Controller, Get, Header, Injectable } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Gauge } from 'prom-client';
import { Public } from '../auth/access.decorators';
import { metricsRegistry } from '../observability/metrics';
import { QueueRegistry } from '../queues/queue-registry';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)),
  ]);

@Injectable()
export class QueueHealth {
  constructor(
    private readonly queues: QueueRegistry,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key: string) {
    const check = this.indicator.check(key);
    try {
      await withTimeout(this.queues.queue('notifications').getJobCounts('waiting'), 1500);
      return check.up({ backend: this.queues.backendDescription });
    } catch (error) {
      return check.down({ backend: this.queues.backendDescription, message: (error as Error).message });
    }
  }
}

/** Liveness/readiness and Prometheus metrics. Both are public: put them behind the ingress in production. */
@Controller()
export class OpsController {
  private readonly depth: Gauge;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queueHealth: QueueHealth,
    queues: QueueRegistry,
  ) {
    this.depth =
      (metricsRegistry.getSingleMetric('queue_jobs') as Gauge | undefined) ??
      new Gauge({
        name: 'queue_jobs',
        help: 'Jobs per queue and state (failed = kept for inspection after the last attempt)',
        labelNames: ['queue', 'state'],
        registers: [metricsRegistry],
        async collect() {
          await Promise.all(
            queues.allQueues().map(async (queue) => {
              const counts = await withTimeout(
                queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
                1000,
              ).catch(() => ({}) as Record<string, number>);
              for (const [state, value] of Object.entries(counts))
                this.set({ queue: queue.name, state }, value);
            }),
          );
        },
      });
  }

  @Get('health')
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.queueHealth.check('queue'),
    ]);
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
