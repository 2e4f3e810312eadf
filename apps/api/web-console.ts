import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from '@nestjs/common';

/** Paths the API itself answers: never the console's page, even for a browser asking for HTML. */
const API_PREFIXES = [
  '/graphql',
  '/auth/',
  '/admin/',
  '/public/',
  '/documents/',
  '/certifications/',
  '/orders/',
  '/webhooks/',
  '/health',
  '/metrics',
];

/**
 * Serves the built web console (Vite's output) at `/`. Hashed assets (`/assets/*`) never change under
 * a name, so they are cached for a year and marked immutable; index.html is revalidated on every load,
 * so a deployment reaches users at their next navigation. Any other GET asking for HTML is a console
 * route (the router runs in the page) and gets index.html.
 */
export function mountWebConsole(app: NestExpressApplication, webDir: string): void {
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('WebConsole').warn(`No web console in ${webDir}: run npm run build`);
    return;
  }
  const indexHtml = readFileSync(indexFile);
  app.use(
    '/assets',
    express.static(join(webDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  app.use(
    express.static(webDir, {
      index: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      API_PREFIXES.some((prefix) => req.path === prefix.replace(/\/$/, '') || req.path.startsWith(prefix)) ||
      !req.accepts('html')
    ) {
      next();
      return;
    }
    res.set('Cache-Control', 'no-cache').type('html').send(indexHtml);
  });
}
