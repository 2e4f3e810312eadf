import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './app';

const ROOT = join(__dirname, '../..');

export interface AppProcess {
  pid: number;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
}

const started: AppProcess[] = [];

/** Runs apps/<app>/main.ts as a real process (TypeScript loaded by the SWC require hook, no build). */
export function startProcess(app: 'api' | 'worker', env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['-r', './test/harness/register-ts.cjs', `apps/${app}/main.ts`], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const appProcess: AppProcess = {
    pid: child.pid as number,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    waitForOutput: (pattern, timeoutMs) =>
      waitFor(() => pattern.test(output), timeoutMs, `${app} printing ${pattern}`).catch((error: Error) => {
        throw new Error(`${error.message}; output so far:\n${output}`);
      }),
  };
  started.push(appProcess);
  return appProcess;
}

/** A failed test leaves no process of its own running. */
export function killStartedProcesses(): void {
  for (const app of started) if (app.running()) process.kill(app.pid, 'SIGKILL');
}
