import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Params } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config/config';

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/**
 * Structured JSON logs; every line of a request carries its id (taken from X-Request-Id or made).
 * A request's line says who asked what and how it went, not its headers: pino-http's default
 * serializers copied every request and response header (credentials to redact, a 400-byte CSP) into
 * every line, and serializing them was a sixth of the API's CPU time. The service name is bound once
 * to the root logger rather than recomputed per request.
 */
export function loggerParams(config: Pick<AppConfig, 'logLevel'>): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      base: { pid: process.pid, hostname: hostname(), service: process.env.SERVICE_NAME ?? 'masks' },
      genReqId: (req: IncomingMessage) => {
        const header = req.headers['x-request-id'];
        return typeof header === 'string' && header.length <= 100 ? header : randomUUID();
      },
      wrapSerializers: false,
      serializers: {
        req: (req: LoggedRequest) => ({
          id: req.id,
          method: req.method,
          url: req.originalUrl ?? req.url,
          remoteAddress: req.socket?.remoteAddress,
          userAgent: req.headers['user-agent'],
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
        err: stdSerializers.err,
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
    },
  };
}
