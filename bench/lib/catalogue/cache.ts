import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, SERVER_DIR } from '../settings';
import { startVeza, type VezaOptions, type VezaServer } from '../veza-server';
import { generate, type Generated } from './generate';
import { catalogue, type Catalogue } from './rows';

/**
 * A generated catalogue is kept as a stopped Postgres data directory, made
 * once per (size, seed, migrations, generator) and copied in under every
 * Veza that needs it: S and A2 share it, and a second run skips the
 * generation. BENCH_CATALOGUE_DIR moves the cache (bench/results/catalogues).
 */

const CACHE_DIR = process.env.BENCH_CATALOGUE_DIR ?? path.join(BENCH_DIR, 'results/catalogues');
const GENERATOR_DIR = path.dirname(fileURLToPath(import.meta.url));
/** The files the generated rows depend on (not this one, nor the queries or notes). */
const GENERATOR_FILES = ['copy.ts', 'generate.ts', 'random.ts', 'rows.ts', 'vocabulary.ts'];
const MIGRATIONS_DIR = path.join(SERVER_DIR, 'migrations');
/** The default seed; BENCH_SEED changes it. */
export const SEED = Number(process.env.BENCH_SEED ?? 20261129);

/** Veza for benchmarks on generated data: no demo content (its ffmpegs would share the measured CPU). */
export const CATALOGUE_ENV = { DEMO_CONTENT: 'false' } as const;

export interface CachedCatalogue {
  catalogue: Catalogue;
  /** The stopped cluster to hand startVeza as `pgFrom`. */
  pgDir: string;
  /** What it took to generate it, this run; undefined when it came from the cache. */
  generated?: Generated & { totalMs: number };
}

export async function cachedCatalogue(tracks: number, benchId: string): Promise<CachedCatalogue> {
  const cat = catalogue({ tracks, seed: SEED });
  const dir = catalogueDir(tracks);
  const pgDir = path.join(dir, 'pg');
  const done = path.join(dir, 'generated.json');
  if (existsSync(done)) return { catalogue: cat, pgDir };

  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  process.stderr.write(`  [${benchId}] generating a catalogue of ${tracks.toLocaleString('en-US')} tracks in ${dir}\n`);
  const started = performance.now();
  // Both CPUs: nothing is measured while it is made.
  const veza = await startVeza(`${benchId}-catalogue`, { env: CATALOGUE_ENV, cpus: '0-1' });
  let generated: Generated;
  try {
    generated = await generate(veza.databaseUrl, cat, (line) => process.stderr.write(`  [${benchId}]   ${line}\n`));
  } catch (err) {
    await veza.stop();
    throw err;
  }
  await veza.stop({ keepPgAt: pgDir });
  const totalMs = Math.round(performance.now() - started);
  writeFileSync(done, JSON.stringify({ ...generated, totalMs }, null, 2));
  process.stderr.write(`  [${benchId}] catalogue ready in ${(totalMs / 1000).toFixed(0)} s\n`);
  return { catalogue: cat, pgDir, generated: { ...generated, totalMs } };
}

/** Veza on a copy of the catalogue (the cache itself is never written to). */
export function startVezaOn(benchId: string, cached: CachedCatalogue, opts: VezaOptions = {}): Promise<VezaServer> {
  return startVeza(benchId, { ...opts, pgFrom: cached.pgDir, env: { ...CATALOGUE_ENV, ...opts.env } });
}

/** Where the catalogue of this size is kept. */
export function catalogueDir(tracks: number): string {
  return path.join(CACHE_DIR, `${tracks}-seed${SEED}-${fingerprint()}`);
}

/** What the generated data depends on: a new migration or a changed generator makes a new catalogue. */
function fingerprint(): string {
  const sha = createHash('sha256');
  const files = [
    ...readdirSync(MIGRATIONS_DIR)
      .sort()
      .map((name) => path.join(MIGRATIONS_DIR, name)),
    ...GENERATOR_FILES.map((name) => path.join(GENERATOR_DIR, name)),
  ];
  for (const file of files) {
    sha.update(path.basename(file));
    sha.update(readFileSync(file));
  }
  return sha.digest('hex').slice(0, 12);
}
