import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

/**
 * autocannon with no set end, in a process of its own (started pinned to
 * the load CPU by lib/open-load.ts). Prints "ready" once loaded; the first
 * line on stdin starts the load ("started"), the next one (or stdin
 * closing) stops it at its next one-second tick, and the same JSON report
 * as the CLI's --json is printed.
 */
const opts = JSON.parse(process.argv[2] ?? '{}') as { url: string; connections: number; rate?: number };

let instance: autocannon.Instance | undefined;
const lines = createInterface({ input: process.stdin });
lines.on('line', () => {
  if (!instance) start();
  else instance.stop();
});
lines.on('close', () => {
  if (instance) instance.stop();
  else process.exit(1);
});
process.stdout.write('ready\n');

function start(): void {
  instance = autocannon(
    {
      url: opts.url,
      connections: opts.connections,
      ...(opts.rate ? { overallRate: opts.rate } : {}),
      duration: 3600,
    },
    (err, result) => {
      if (err) {
        process.stderr.write(`${err.message}\n`);
        process.exit(1);
      }
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
  );
  process.stdout.write('started\n');
}
