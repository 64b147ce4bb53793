import autocannon from 'autocannon';
import type { SequenceRequest } from './sequence-load';

/**
 * autocannon sending a fixed sequence of requests (lib/sequence-load.ts
 * starts it pinned to the load CPU): the connections take the next request
 * of one shared sequence in turn, looping, so every side is sent the same
 * requests in the same order. The sequence comes as JSON on stdin; prints
 * autocannon's JSON result.
 */
const opts = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  connections: number;
  durationSec: number;
  rate?: number;
  timeoutSec?: number;
  /** Where in the sequence this run starts. */
  start?: number;
};
let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const sequence = JSON.parse(input) as SequenceRequest[];
let next = opts.start ?? 0;

autocannon(
  {
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationSec,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    ...(opts.timeoutSec ? { timeout: opts.timeoutSec } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const r = sequence[next++ % sequence.length]!;
          return { ...req, method: r.method, path: r.path, headers: { ...req.headers, ...r.headers } };
        },
      },
    ],
  },
  (err, result) => {
    if (err) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
);
