import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry per process: API and worker each expose their own /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by method, route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

export const graphqlOperations = new Counter({
  name: 'graphql_operations_total',
  help: 'GraphQL operations by name, type and outcome',
  labelNames: ['operation', 'type', 'outcome'],
  registers: [metricsRegistry],
});

export const jobsProcessed = new Counter({
  name: 'jobs_processed_total',
  help: 'Jobs finished by queue and outcome (completed, failed = will retry, dead = no attempts left)',
  labelNames: ['queue', 'outcome'],
  registers: [metricsRegistry],
});
