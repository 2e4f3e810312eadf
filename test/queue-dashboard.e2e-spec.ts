import { runInNewContext } from 'node:vm';
import { JwtService } from '@nestjs/jwt';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PURPOSE } from '@masks/core';
import { startTestApp, type TestApp } from './harness/app';
import { PASSWORD, codeOf, createDgeOfficer, signUp, type Actor } from './harness/factories';

const SESSION = '/admin/queues/session';

interface Request {
  method?: string;
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

/** A browser-like request: no Authorization header unless `token` is given, only the cookie asked for. */
async function call(app: TestApp, path: string, request: Request = {}): Promise<Response> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.cookie !== undefined) headers.cookie = `${QUEUE_DASHBOARD_COOKIE}=${request.cookie}`;
  return fetch(`${app.url}${path}`, { method: request.method ?? 'GET', headers, redirect: 'manual' });
}

/** The dashboard's Set-Cookie header, parsed into its value and attributes (lower-cased names). */
function dashboardCookie(response: Response): { value: string; attributes: Map<string, string> } | null {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${QUEUE_DASHBOARD_COOKIE}=`));
  if (!header) return null;
  const [pair, ...rest] = header.split(';').map((part) => part.trim());
  const attributes = new Map<string, string>();
  for (const attribute of rest) {
    const eq = attribute.indexOf('=');
    if (eq < 0) attributes.set(attribute.toLowerCase(), '');
    else attributes.set(attribute.slice(0, eq).toLowerCase(), attribute.slice(eq + 1));
  }
  return { value: pair.slice(pair.indexOf('=') + 1), attributes };
}

describe('queue dashboard: browser session (cookie)', () => {
  let app: TestApp;
  let dge: Actor;
  let buyer: Actor;
  let cookie: string;

  beforeAll(async () => {
    app = await startTestApp();
    dge = await createDgeOfficer(app);
    buyer = await signUp(app);
  });
  afterAll(() => app.close());

  it('gives a DGE officer an httpOnly, SameSite=Strict cookie for /admin/queues, 15 minutes at most', async () => {
    const response = await call(app, SESSION, { method: 'POST', token: dge.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { expiresIn: number };
    const set = dashboardCookie(response);
    expect(set).not.toBeNull();
    const { value, attributes } = set!;
    expect(attributes.has('httponly')).toBe(true);
    expect(attributes.get('samesite')).toBe('Strict');
    expect(attributes.get('path')).toBe('/admin/queues');
    expect(attributes.has('secure')).toBe(false); // not production
    const maxAge = Number(attributes.get('max-age'));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(15 * 60);
    expect(body.expiresIn).toBe(maxAge);
    // The token inside is for the dashboard only, and expires with the cookie.
    const claims = JSON.parse(Buffer.from(value.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims.aud).toBe(QUEUE_DASHBOARD_PURPOSE);
    expect((claims.exp as number) - (claims.iat as number)).toBe(maxAge);
    cookie = value;
  });

  it('with only that cookie, a browser loads the page, its assets and its API', async () => {
    const page = await call(app, '/admin/queues', { cookie, headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    const base = /<base href="([^"]+)"/.exec(html)?.[1];
    expect(base).toMatch(/^\/admin\/queues\/?$/);
    const script = /<script defer src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const assetPath = new URL(script!, `${app.url}${base!.endsWith('/') ? base : `${base}/`}`).pathname;
    expect(assetPath.startsWith('/admin/queues/static/')).toBe(true);
    const asset = await call(app, assetPath, { cookie });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    // …and the same asset without the cookie is refused.
    expect((await call(app, assetPath)).status).toBe(401);

    const api = await call(app, '/admin/queues/api/queues', {
      cookie,
      headers: { accept: 'application/json' },
    });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string }[] };
    expect(queues.map((queue) => queue.name)).toEqual(expect.arrayContaining(['notifications']));
  });

  it("accepts the cookie for bull-board's actions from this host only", async () => {
    const clean = '/admin/queues/api/queues/notifications/clean/completed';
    const sameOrigin = await call(app, clean, { method: 'PUT', cookie, headers: { origin: app.url } });
    expect(sameOrigin.status).toBe(200);
    const crossOrigin = await call(app, clean, {
      method: 'PUT',
      cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(crossOrigin.status).toBe(403);
    const sameSite = await call(app, clean, {
      method: 'PUT',
      cookie,
      headers: { 'sec-fetch-site': 'same-site' },
    });
    expect(sameSite.status).toBe(403);
    expect((await call(app, clean, { method: 'PUT', cookie, headers: { origin: 'null' } })).status).toBe(403);
  });

  it("refuses a buyer's session: 403 and no cookie", async () => {
    const response = await call(app, SESSION, { method: 'POST', token: buyer.token });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { errors: unknown[] }).errors[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('opens a session from a Bearer header only: not without one, not from the cookie itself', async () => {
    const none = await call(app, SESSION, { method: 'POST' });
    expect(none.status).toBe(401);
    expect(none.headers.getSetCookie()).toEqual([]);
    const fromCookie = await call(app, SESSION, { method: 'POST', cookie });
    expect(fromCookie.status).toBe(401);
    expect(fromCookie.headers.getSetCookie()).toEqual([]);
    const cookieAsBearer = await call(app, SESSION, { method: 'POST', token: cookie });
    expect(cookieAsBearer.status).toBe(401);
    expect(cookieAsBearer.headers.getSetCookie()).toEqual([]);
  });

  it('without a cookie: 401, and a browser gets a page saying how to log in', async () => {
    const api = await call(app, '/admin/queues/api/queues', { headers: { accept: 'application/json' } });
    expect(api.status).toBe(401);
    expect(((await api.json()) as { errors: unknown[] }).errors[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const page = await call(app, '/admin/queues', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('POST /admin/queues/session');
    expect(html).toContain('<form id="login"');
    const script = /<script src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBe('/admin/queues/session/login.js');
    const js = await call(app, script!);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toContain("fetch('/graphql'");
  });

  it("the login page's script logs a DGE officer in and opens the session; a buyer is told no", async () => {
    const source = await (await call(app, '/admin/queues/session/login.js')).text();
    /** Runs the script against a stand-in page whose fetch goes to the app, as the browser's would. */
    const submitAs = async (email: string) => {
      let onSubmit: ((event: unknown) => Promise<void>) | undefined;
      const message = { textContent: '' };
      const form = { email: { value: email }, password: { value: PASSWORD } };
      const outcome = { reloaded: false, cookie: undefined as string | undefined, message };
      const page = {
        document: {
          getElementById: (id: string) =>
            id === 'login'
              ? { addEventListener: (_: string, listener: typeof onSubmit) => (onSubmit = listener) }
              : message,
        },
        fetch: async (path: string, init: RequestInit) => {
          const response = await fetch(`${app.url}${path}`, init);
          outcome.cookie = dashboardCookie(response)?.value ?? outcome.cookie;
          return response;
        },
        location: { reload: () => (outcome.reloaded = true) },
      };
      runInNewContext(source, page);
      await onSubmit!({ preventDefault: () => undefined, target: form });
      return outcome;
    };
    const officer = await submitAs(dge.email);
    expect(officer.message.textContent).toBe('');
    expect(officer.reloaded).toBe(true);
    expect((await call(app, '/admin/queues/api/queues', { cookie: officer.cookie })).status).toBe(200);
    const buyers = await submitAs(buyer.email);
    expect(buyers.message.textContent).toBe('DGE officers only');
    expect(buyers.reloaded).toBe(false);
    expect(buyers.cookie).toBeUndefined();
    const wrong = await submitAs('nobody@example.test');
    expect(wrong.message.textContent).toMatch(/Wrong e-mail or password/);
  });

  it('refuses a forged, tampered or expired cookie, and an ordinary access token in the cookie: 401', async () => {
    const jwt = app.api.get(JwtService, { strict: false });
    const [header, payload, signature] = cookie.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    const forged = new JwtService({ secret: 'another-secret-another-secret-0123456789' }).sign(claims);
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, exp: now + 3600 })).toString('base64url'),
      signature,
    ].join('.');
    const expired = jwt.sign({ ...claims, iat: now - 120, exp: now - 60 });
    const otherPurpose = jwt.sign({ ...claims, aud: 'masks:something-else' });
    const manyPurposes = jwt.sign({ ...claims, aud: [QUEUE_DASHBOARD_PURPOSE, 'api'] });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    for (const bad of [
      forged,
      tampered,
      expired,
      otherPurpose,
      manyPurposes,
      unsigned,
      dge.token,
      'garbage',
    ]) {
      const response = await call(app, '/admin/queues/api/queues', { cookie: bad });
      expect(response.status).toBe(401);
    }
    // The genuine cookie still works: the refusals above are about the tokens, not the request.
    expect((await call(app, '/admin/queues/api/queues', { cookie })).status).toBe(200);
  });

  it('a dashboard token is not an API token: GraphQL refuses it as a Bearer', async () => {
    const response = await app.gql(`{ me { id } }`, {}, { token: cookie });
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });

  it('a valid dashboard token of someone who is not a DGE officer is refused: 403', async () => {
    const jwt = app.api.get(JwtService, { strict: false });
    const claims = JSON.parse(Buffer.from(cookie.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const buyerSession = jwt.sign({ ...claims, sub: 'x', roles: ['ORG_ADMIN', 'BUYER'] });
    expect((await call(app, '/admin/queues/api/queues', { cookie: buyerSession })).status).toBe(403);
  });

  it('the Bearer header still works on its own (scripts)', async () => {
    expect((await call(app, '/admin/queues/api/queues', { token: dge.token })).status).toBe(200);
    expect((await call(app, '/admin/queues/api/queues', { token: buyer.token })).status).toBe(403);
  });

  it('logout clears the cookie (DELETE, or POST …/logout)', async () => {
    for (const [method, path] of [
      ['DELETE', SESSION],
      ['POST', `${SESSION}/logout`],
    ]) {
      const response = await call(app, path, { method, cookie });
      expect(response.status).toBe(204);
      const cleared = dashboardCookie(response);
      expect(cleared).not.toBeNull();
      expect(cleared!.value).toBe('');
      expect(cleared!.attributes.get('path')).toBe('/admin/queues');
      expect(new Date(cleared!.attributes.get('expires')!).getTime()).toBeLessThan(Date.now());
    }
  });
});

describe('queue dashboard: in production, with short access tokens', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('sets Secure, and the session ends no later than the access token it came from', async () => {
    app = await startTestApp({ env: { NODE_ENV: 'production', ACCESS_TOKEN_TTL_SECONDS: '120' } });
    const dge = await createDgeOfficer(app);
    const response = await call(app, SESSION, { method: 'POST', token: dge.token });
    expect(response.status).toBe(200);
    const { value, attributes } = dashboardCookie(response)!;
    expect(attributes.has('secure')).toBe(true);
    const maxAge = Number(attributes.get('max-age'));
    expect(maxAge).toBeGreaterThan(100);
    expect(maxAge).toBeLessThanOrEqual(120);
    const exp = (token: string) =>
      (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp;
    expect(exp(value)).toBeLessThanOrEqual(exp(dge.token));
  });
});
