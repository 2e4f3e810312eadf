import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
import { CREDENTIAL_VERIFIER, type CredentialVerifier } from '../auth/credentials';
import { Role, type Principal } from '../auth/roles';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { QueueRegistry } from '../queues/queue-registry';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The dashboard session's cookie: sent by the browser to /admin/queues only. */
export const QUEUE_DASHBOARD_COOKIE = 'masks_queue_dashboard';
/** The audience of the token in that cookie: an access token is not one, and it is not an access token. */
export const QUEUE_DASHBOARD_PURPOSE = 'masks:queue-dashboard';
/** A dashboard session lasts this long at most, and never longer than the access token it came from. */
export const QUEUE_DASHBOARD_SESSION_SECONDS = 15 * 60;

const SESSION_PATH = `${QUEUE_DASHBOARD_PATH}/session`;
const LOGIN_SCRIPT_PATH = `${SESSION_PATH}/login.js`;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Outcome = { principal: Principal; viaCookie: boolean } | { status: 401 | 403; message: string };

/**
 * Mounts the BullMQ dashboard, open to DGE officers only. A request is let in with either
 * - `Authorization: Bearer <access token>` (scripts, curl), or
 * - the dashboard cookie, which is what a browser uses: bull-board's page, assets and API calls carry
 *   no header. `POST /admin/queues/session` with the Bearer header sets it (DGE officers only):
 *   httpOnly, SameSite=Strict, Secure in production, Path=/admin/queues, at most 15 minutes. It holds a
 *   token signed like an access token but with the dashboard as its audience, so neither can stand in
 *   for the other. `DELETE /admin/queues/session` (or `POST /admin/queues/session/logout`) clears it.
 *
 * CSRF: the cookie is only ever created from a Bearer header (a cross-site form cannot send one), it is
 * SameSite=Strict, and a state-changing request authenticated by it must come from this host (its
 * Origin, when the browser sends one, names the same host; Sec-Fetch-Site is not same-site or cross-site).
 * A browser without a session asking for a page gets a 401 page with a login form.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const credentials = app.get<CredentialVerifier>(CREDENTIAL_VERIFIER);
  const config = app.get<AppConfig>(APP_CONFIG);
  const queues = app.get(QueueRegistry);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.allQueues().map((queue) => new BullMQAdapter(queue)), serverAdapter });

  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.production,
    path: QUEUE_DASHBOARD_PATH,
  };

  const authenticate = async (req: Request): Promise<Outcome> => {
    const header = req.headers.authorization;
    const cookie = readCookie(req.headers.cookie, QUEUE_DASHBOARD_COOKIE);
    let principal: Principal;
    let viaCookie = false;
    try {
      if (header?.startsWith('Bearer ')) {
        principal = await credentials.verifyAccessToken(header.slice(7).trim());
      } else if (cookie) {
        principal = await credentials.verifyPurposeToken(cookie, QUEUE_DASHBOARD_PURPOSE);
        viaCookie = true;
      } else {
        return { status: 401, message: 'Authentication required' };
      }
    } catch {
      return { status: 401, message: 'Authentication required' };
    }
    if (!principal.roles.includes(Role.DGE_OFFICER)) return { status: 403, message: 'DGE officers only' };
    return { principal, viaCookie };
  };

  /** POST: opens a dashboard session from a Bearer access token. DELETE / POST logout: ends it. */
  const session = async (req: Request, res: Response, next: NextFunction) => {
    const route = `${req.method} ${req.path}`;
    if (route === 'GET /login.js') {
      res.set('Cache-Control', 'no-cache').type('application/javascript').send(LOGIN_SCRIPT);
      return;
    }
    if (route === 'DELETE /' || route === 'POST /logout') {
      res
        .clearCookie(QUEUE_DASHBOARD_COOKIE, cookieOptions)
        .set('Cache-Control', 'no-store')
        .status(204)
        .end();
      return;
    }
    if (route !== 'POST /') {
      next();
      return;
    }
    res.set('Cache-Control', 'no-store');
    // Only from the header: a cookie (even a valid dashboard one) cannot renew or create a session.
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      refuse(res, 401, 'Send your access token: Authorization: Bearer <token>');
      return;
    }
    const accessToken = header.slice(7).trim();
    let principal: Principal;
    try {
      principal = await credentials.verifyAccessToken(accessToken);
    } catch {
      refuse(res, 401, 'Invalid or expired access token');
      return;
    }
    if (!principal.roles.includes(Role.DGE_OFFICER)) {
      refuse(res, 403, 'DGE officers only');
      return;
    }
    try {
      const { token, expiresInSeconds } = await credentials.issuePurposeToken(
        accessToken,
        QUEUE_DASHBOARD_PURPOSE,
        QUEUE_DASHBOARD_SESSION_SECONDS,
      );
      res.cookie(QUEUE_DASHBOARD_COOKIE, token, { ...cookieOptions, maxAge: expiresInSeconds * 1000 });
      res.status(200).json({ expiresIn: expiresInSeconds, path: QUEUE_DASHBOARD_PATH });
    } catch {
      refuse(res, 401, 'Invalid or expired access token');
    }
  };

  const onlyDge = async (req: Request, res: Response, next: NextFunction) => {
    const outcome = await authenticate(req);
    if ('status' in outcome) {
      if (outcome.status === 401 && SAFE_METHODS.has(req.method) && wantsHtml(req)) {
        res.status(401).set('Cache-Control', 'no-store').type('html').send(LOGIN_PAGE);
        return;
      }
      refuse(res, outcome.status, outcome.message);
      return;
    }
    if (outcome.viaCookie && !SAFE_METHODS.has(req.method) && !fromThisHost(req)) {
      refuse(res, 403, 'Cross-origin request refused');
      return;
    }
    next();
  };

  app.use(SESSION_PATH, session);
  app.use(QUEUE_DASHBOARD_PATH, onlyDge, serverAdapter.getRouter());
}

function refuse(res: Response, status: 401 | 403, message: string): void {
  res.status(status).json({
    errors: [{ message, extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }],
  });
}

/** One cookie's value from a Cookie header (the first of that name: the most specific path). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * A state-changing request sent with the cookie must come from a page of this host. Host names are
 * compared, not ports or schemes: nginx forwards `Host` without the port, and TLS may end before it.
 */
function fromThisHost(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).hostname === req.hostname;
  } catch {
    return false; // "null" (sandboxed frames, some redirects) or garbage
  }
}

function wantsHtml(req: Request): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

const LOGIN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Queue dashboard: log in</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
label{display:block;margin:.75rem 0}input{display:block;width:100%;padding:.4rem;box-sizing:border-box}
button{margin-top:.5rem;padding:.4rem 1rem}code{font-size:.9em}#message{color:#b00020}</style>
</head>
<body>
<h1>Queue dashboard</h1>
<p>401: you are not logged in to the queue dashboard. It is open to DGE officers: log in with your
account, and this browser gets a dashboard session (a cookie for ${QUEUE_DASHBOARD_PATH} only) for 15 minutes
at most.</p>
<form id="login" method="post">
<label>E-mail <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button>
</form>
<p id="message" role="alert"></p>
<p>Without this form: <code>POST ${SESSION_PATH}</code> with the header
<code>Authorization: Bearer &lt;access token&gt;</code> (the <code>login</code> mutation's
<code>accessToken</code>) sets the cookie; <code>DELETE ${SESSION_PATH}</code> clears it. Scripts can also
call the dashboard with that header directly.</p>
<script src="${LOGIN_SCRIPT_PATH}"></script>
</body>
</html>
`;

/** Served as a file, not inline, so the production Content-Security-Policy (script-src 'self') allows it. */
const LOGIN_SCRIPT = `'use strict';
document.getElementById('login').addEventListener('submit', async function (event) {
  event.preventDefault();
  var form = event.target;
  var message = document.getElementById('message');
  message.textContent = '';
  var firstError = function (body, fallback) {
    return (body && body.errors && body.errors[0] && body.errors[0].message) || fallback;
  };
  try {
    var login = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
        variables: { input: { email: form.email.value, password: form.password.value } },
      }),
    });
    var body = await login.json().catch(function () { return null; });
    var token = body && body.data && body.data.login && body.data.login.accessToken;
    if (!token) throw new Error(firstError(body, 'Login failed'));
    var session = await fetch(${JSON.stringify(SESSION_PATH)}, {
      method: 'POST',
      headers: { authorization: 'Bearer ' + token },
      credentials: 'same-origin',
    });
    if (!session.ok) throw new Error(firstError(await session.json().catch(function () { return null; }), 'Refused'));
    form.password.value = '';
    location.reload();
  } catch (error) {
    message.textContent = error.message;
  }
});
`;
