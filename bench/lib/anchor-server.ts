import path from 'node:path';
import { cleanEnv } from './env';
import { freePort } from './ports';
import { startPinned } from './process';
import { ANCHORS_DIR, SERVER_CPU } from './settings';
import { logPath } from './veza-server';

/** An anchor from bench/anchors/, on the same CPU as our server, through the same tsx loader. */

export interface AnchorServer {
  url: string;
  pid: number;
  cpus: string;
  stop(): Promise<void>;
}

export async function startAnchor(
  benchId: string,
  file: string,
  opts: {
    env?: Record<string, string>;
    readyPath: string;
    /** bench/results/logs/<id>-<logName>.log, for a benchmark with more than one anchor. */
    logName?: string;
  },
): Promise<AnchorServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = await startPinned({
    name: `anchor ${file}`,
    cpu: SERVER_CPU,
    command: process.execPath,
    args: ['--import', 'tsx', path.join(ANCHORS_DIR, file)],
    cwd: ANCHORS_DIR,
    env: cleanEnv({ NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', ...opts.env }),
    logFile: logPath(benchId, opts.logName ?? 'anchor'),
    readyUrl: url + opts.readyPath,
  });
  return { url, pid: proc.pid, cpus: proc.cpus, stop: () => proc.stop() };
}
