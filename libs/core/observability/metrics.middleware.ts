import type { NextFunction, Request, Response } from 'express';
import { httpDuration } from './metrics';

export function metricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const stop = httpDuration.startTimer();
  res.on('finish', () => {
    // The route pattern, not the raw URL: unbounded label values would blow up the series count.
    const route = (req.route?.path as string | undefined) ?? req.baseUrl ?? 'unmatched';
    stop({
      method: req.method,
      route: route || req.path.split('/').slice(0, 2).join('/'),
      status: res.statusCode,
    });
  });
  next();
}
