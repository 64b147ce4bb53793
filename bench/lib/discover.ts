import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Benchmark } from './benchmark';
import { BENCH_DIR } from './settings';

/** Every bench/<id>-<name>.bench.ts, by id; a new benchmark is a new file, nothing to register. */
const BENCH_FILE = /^([A-Za-z0-9]+)-[\w-]+\.bench\.ts$/;

export function benchmarkFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(BENCH_DIR).sort()) {
    const id = BENCH_FILE.exec(name)?.[1];
    if (id) files.set(id.toUpperCase(), path.join(BENCH_DIR, name));
  }
  return files;
}

export async function loadBenchmark(file: string): Promise<Benchmark> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: Benchmark };
  if (!mod.default?.run) throw new Error(`${path.basename(file)} has no default export with run()`);
  return mod.default;
}
