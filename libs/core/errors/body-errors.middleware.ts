import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorCode } from './errors';

/** What body-parser's errors carry (http-errors objects; `type` is documented by body-parser). */
interface BodyParserError {
  status?: unknown;
  expose?: unknown;
  type?: unknown;
  limit?: unknown;
  message?: unknown;
}

const logger = new Logger('Http');

/**
 * Express error handler for what the body parsers refuse: a body over the limit (413,
 * PAYLOAD_TOO_LARGE), malformed JSON (400, BAD_USER_INPUT), an unsupported charset or encoding (415).
 * The parsers run as Express middleware, before Nest's routes and exception filter, which took such an
 * error for a crash (logged with its stack, 500). Register it right after the parsers. Only errors
 * http-errors marks as the client's (`expose`, a 4xx status) are answered here; anything else goes
 * on to Nest's handler. The answer has the shape of every other error: `{ errors: [{ message,
 * extensions: { code } }] }`.
 */
export function bodyErrorsMiddleware(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const { status, expose, type, limit, message } = (error ?? {}) as BodyParserError;
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true || res.headersSent) {
    next(error);
    return;
  }
  const code: ErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT';
  const text =
    status === 413
      ? `Request body too large${typeof limit === 'number' ? ` (at most ${limit} bytes)` : ''}`
      : type === 'entity.parse.failed'
        ? `Malformed request body: not valid ${req.is('json') ? 'JSON' : 'for its content type'}`
        : typeof message === 'string'
          ? message
          : 'Bad request';
  logger.warn(`${req.method} ${req.path}: ${status} ${typeof type === 'string' ? type : code}`);
  res.status(status).json({ errors: [{ message: text, extensions: { code } }] });
}
