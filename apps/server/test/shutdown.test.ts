import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@/config';
import { freePort } from '@/platform/db/embedded';
import { createTestDatabase } from './database';

/** The real process, as `npm start` runs it, stopped with SIGTERM mid-request. */
describe('graceful shutdown', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const fn of cleanup) await fn();
  });

  it('finishes the in-flight request, then exits 0 within 30 s', async () => {
    const database = await createTestDatabase();
    cleanup.push(database.drop);
    const port = await freePort();
    const child = spawn(
      process.execPath,
      // As `npm start` runs it: one process, TypeScript loaded in-process (a tsx CLI parent would not relay the drain).
      ['--import', 'tsx', path.join(REPO_ROOT, 'apps/server/src/main.ts'), 'start'],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH,
          TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'apps/server/tsconfig.json'),
          NODE_ENV: 'test',
          PORT: String(port),
          DATABASE_URL: database.url,
          VEZA_DATA_DIR: `/tmp/veza-shutdown-test-${process.pid}`,
          WEB_BUILD: 'off',
          DEMO_CONTENT: 'false',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    cleanup.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;

    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => (await fetch(`${base}/healthz`)).ok,
      30_000,
      () => output,
    );

    const slow = fetch(`${base}/api/v1/dev/sleep?ms=2500`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    await new Promise((r) => setTimeout(r, 500));
    const signalledAt = Date.now();
    child.kill('SIGTERM');

    expect(await slow).toEqual({ status: 200, body: { sleptMs: 2500 } });
    const [code, signal] = await exited;
    expect({ code, signal }, output).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(30_000);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 60_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy:\n${context()}`);
}
