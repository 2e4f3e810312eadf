import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  bodyErrorsMiddleware,
  enableGracefulShutdown,
  loadConfig,
  metricsMiddleware,
  mountQueueDashboard,
} from '@masks/core';
import { stripeCspDirectives } from '@masks/payments';
import { ApiModule } from './api.module';
import { mountWebConsole } from './web-console';

/** Builds the API application (not yet listening): used by main.ts, `npm start`, tests and benchmarks. */
export async function createApiApp({ shutdownHooks = true } = {}): Promise<NestExpressApplication> {
  const config = loadConfig();
  // rawBody: the Stripe webhook's signature is checked on the exact bytes received.
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 1);
  // The sandbox page loads scripts from a CDN; only production gets the strict default CSP, opened
  // just enough for the console's payment step (Stripe.js and its iframes).
  app.use(
    helmet({
      contentSecurityPolicy: config.production ? { directives: stripeCspDirectives(config) } : false,
    }),
  );
  app.useBodyParser('json', { limit: '1mb' });
  // Nest's own default, registered here so that the handler below also sees its errors.
  app.useBodyParser('urlencoded', { extended: true });
  // A body the parsers refuse (too large, malformed) is the client's mistake: 413/400, typed, no stack.
  app.use(bodyErrorsMiddleware);
  app.use(metricsMiddleware);
  mountQueueDashboard(app);
  mountWebConsole(app, config.webDir);
  if (shutdownHooks) enableGracefulShutdown(app);
  return app;
}
