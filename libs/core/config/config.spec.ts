import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  const base = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

  it('defaults to the PostgreSQL queue backend without REDIS_URL and generates a dev secret', () => {
    const config = loadConfig(base);
    expect(config.queueBackend).toBe('postgres');
    expect(config.jwtSecret).toHaveLength(64);
  });

  it('uses Redis when REDIS_URL is given', () => {
    expect(loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' }).queueBackend).toBe('redis');
  });

  it('refuses to start in production without secrets, listing every problem', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PORT: 'abc' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'abc' });
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/DATABASE_URL is required/);
      expect(problems).toMatch(/JWT_SECRET is required in production/);
      expect(problems).toMatch(/PORT must be an integer/);
    }
  });

  it('serves worker metrics on 9464 unless WORKER_METRICS_PORT says otherwise (0: off)', () => {
    expect(loadConfig(base).workerMetricsPort).toBe(9464);
    expect(loadConfig({ ...base, WORKER_METRICS_PORT: '0' }).workerMetricsPort).toBe(0);
    expect(() => loadConfig({ ...base, WORKER_METRICS_PORT: 'metrics' })).toThrow(
      /WORKER_METRICS_PORT must be an integer/,
    );
  });

  it('links e-mails to PUBLIC_URL (no trailing slash), or to this host and port', () => {
    expect(loadConfig({ ...base, PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://masques.example.fr/' }).publicUrl).toBe(
      'https://masques.example.fr',
    );
    expect(() => loadConfig({ ...base, PUBLIC_URL: 'ftp://masques.example.fr' })).toThrow(
      /PUBLIC_URL must use http: or https:/,
    );
  });

  it('gives the console a publishable key and Stripe.js from js.stripe.com unless told otherwise', () => {
    const plain = loadConfig(base);
    expect(plain.stripePublishableKey).toBeUndefined();
    expect(plain.stripeJsUrl).toBe('https://js.stripe.com/v3/');
    const local = loadConfig({
      ...base,
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_abc',
      STRIPE_JS_URL: 'http://127.0.0.1:4242/v3/',
    });
    expect(local.stripePublishableKey).toBe('pk_test_abc');
    expect(local.stripeJsUrl).toBe('http://127.0.0.1:4242/v3/');
  });

  it('refuses a secret key as the publishable one, test and live keys mixed, and Stripe.js over http in production', () => {
    expect(() => loadConfig({ ...base, STRIPE_PUBLISHABLE_KEY: 'sk_test_abc' })).toThrow(
      /STRIPE_PUBLISHABLE_KEY must be a publishable key/,
    );
    expect(() =>
      loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' }),
    ).toThrow(/both be test keys or both live keys/);
    expect(() => loadConfig({ ...base, STRIPE_JS_URL: 'javascript:alert(1)' })).toThrow(
      /STRIPE_JS_URL must use http: or https:/,
    );
    const production = {
      ...base,
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      STRIPE_SECRET_KEY: 'sk_live_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
    };
    expect(() => loadConfig(production)).toThrow(/STRIPE_PUBLISHABLE_KEY is required in production/);
    expect(() =>
      loadConfig({
        ...production,
        STRIPE_PUBLISHABLE_KEY: 'pk_live_abc',
        STRIPE_JS_URL: 'http://js.example/v3/',
      }),
    ).toThrow(/STRIPE_JS_URL must use https:/);
    expect(loadConfig({ ...production, STRIPE_PUBLISHABLE_KEY: 'pk_live_abc' }).stripePublishableKey).toBe(
      'pk_live_abc',
    );
  });

  it('rejects malformed URLs and short secrets', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      /DATABASE_URL must use postgres[\s\S]*JWT_SECRET must be at least 32/,
    );
  });

  it('resolves the documents directory to an absolute path, .data/documents by default', () => {
    expect(loadConfig(base).documentsDir).toBe(`${process.cwd()}/.data/documents`);
    expect(loadConfig({ ...base, DOCUMENTS_DIR: '/srv/masks/documents' }).documentsDir).toBe(
      '/srv/masks/documents',
    );
    expect(() => loadConfig({ ...base, DOCUMENTS_DIR: 'a\0b' })).toThrow(
      /DOCUMENTS_DIR must be a directory path/,
    );
  });

  it('e-mails through SMTP_URL when set, from MAIL_FROM (a sensible sender by default)', () => {
    expect(loadConfig(base)).toMatchObject({
      smtpUrl: undefined,
      mailFrom: 'Masques <no-reply@masques.local>',
    });
    expect(
      loadConfig({ ...base, SMTP_URL: 'smtp://user:pass@mail.example.fr:587', MAIL_FROM: 'ops@example.fr' }),
    ).toMatchObject({ smtpUrl: 'smtp://user:pass@mail.example.fr:587', mailFrom: 'ops@example.fr' });
    expect(loadConfig({ ...base, MAIL_FROM: '"Masques, DGE" <dge@example.fr>' }).mailFrom).toBe(
      '"Masques, DGE" <dge@example.fr>',
    );
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://mail.example.fr' })).toThrow(
      /SMTP_URL must use smtp: or smtps:/,
    );
    expect(() => loadConfig({ ...base, SMTP_URL: 'smtp://' })).toThrow(/SMTP_URL must name a host/);
    expect(() => loadConfig({ ...base, MAIL_FROM: 'Masques' })).toThrow(/MAIL_FROM must be an address/);
    expect(() => loadConfig({ ...base, MAIL_FROM: 'a@b.fr, c@d.fr' })).toThrow(/MAIL_FROM/);
  });
});
