import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { REPO_ROOT } from '@/config';

const WEB_DIR = path.join(REPO_ROOT, 'apps/web');
const STAMP = path.join(WEB_DIR, 'dist/.build-stamp');
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

/** `npm start` serves a build; rebuild it when any web source is newer than the last build. */
export async function ensureWebBuild(log: Logger): Promise<void> {
  if (!existsSync(WEB_DIR)) return;
  const built = await fs.stat(STAMP).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const newest = Math.max(...(await Promise.all(INPUTS.map((p) => newestMtime(path.join(WEB_DIR, p))))));
  if (built >= newest) return;
  const started = Date.now();
  log.info(built ? 'web sources changed: rebuilding the web app' : 'building the web app (first start)');
  await run('npx', ['vite', 'build', '--logLevel', 'warn'], WEB_DIR);
  await fs.writeFile(STAMP, new Date().toISOString());
  log.info({ ms: Date.now() - started }, 'web app built');
}

async function newestMtime(target: string): Promise<number> {
  const stat = await fs.stat(target).catch(() => undefined);
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  const entries = await fs.readdir(target);
  const times = await Promise.all(entries.map((e) => newestMtime(path.join(target, e))));
  return Math.max(stat.mtimeMs, ...times);
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Always a production bundle: a NODE_ENV=development inherited from the server's
    // environment would make Vite emit React's development build, source paths included.
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}
