import os from 'node:os';
import path from 'node:path';
import type { Row } from './lib/benchmark';
import { benchmarkFiles, loadBenchmark } from './lib/discover';
import { cleanUpAll } from './lib/cleanup';
import { headerLines, writeResults, type Failure } from './lib/report';
import { REPO_ROOT } from './lib/settings';
import { renderTable } from './lib/table';

/**
 * `npm run bench` runs every bench/<id>-*.bench.ts; `npm run bench -- F A`
 * only those. Prints one table and writes bench/results/latest.json.
 * Exits non-zero when a benchmark failed or had failed requests, never
 * because a goal was missed: benchmarks do not gate anything by time.
 */

async function main(argv: string[]): Promise<number> {
  const available = benchmarkFiles();
  const wanted = argv.length ? argv.map((a) => a.toUpperCase()) : [...available.keys()];
  const unknown = wanted.filter((id) => !available.has(id));
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark ${unknown.join(', ')}; available: ${[...available.keys()].join(', ')}\n`);
    return 2;
  }

  const startedAt = new Date();
  console.log(headerLines().join('\n'));
  const rows: Row[] = [];
  const notes: string[] = [];
  const failures: Failure[] = [];

  for (const id of wanted) {
    const file = available.get(id)!;
    try {
      const benchmark = await loadBenchmark(file);
      process.stderr.write(`\n${benchmark.id}: ${benchmark.title} (${path.basename(file)})\n`);
      const result = await benchmark.run();
      rows.push(...result.rows);
      notes.push(...result.notes.map((n) => `${benchmark.id}: ${n}`));
      const failed = result.rows.reduce((n, r) => Math.max(n, r.failed), 0);
      if (failed > 0)
        failures.push({ benchmark: id, error: `${failed} failed requests (errors, timeouts or non-2xx)` });
    } catch (err) {
      failures.push({ benchmark: id, error: err instanceof Error ? err.message : String(err) });
      await cleanUpAll();
    }
  }

  console.log(`\n${rows.length ? renderTable(rows) : '(no rows)'}\n`);
  for (const note of notes) console.log(`- ${note}`);
  console.log(
    '- detail cells read "ours / anchor" (medians). server CPU: the server process alone (Postgres not included);' +
      " load core %: how busy the load generator's CPU was, other tenants included.",
  );
  console.log(`- load average at the end: ${os.loadavg()[0]!.toFixed(2)} on ${os.availableParallelism()} CPUs.`);
  for (const f of failures) console.log(`FAILED ${f.benchmark}: ${f.error}`);
  console.log(`\nwrote ${path.relative(REPO_ROOT, writeResults(rows, failures, startedAt))}`);
  return failures.length ? 1 : 0;
}

// Ctrl-C must not leave servers (or Veza's embedded Postgres) behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the servers we started...\n`);
    void cleanUpAll().finally(() => process.exit(130));
  });
}

process.exitCode = await main(process.argv.slice(2));
