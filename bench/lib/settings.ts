import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where things are, and how hard and how long every benchmark pushes. */

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const SERVER_DIR = path.join(REPO_ROOT, 'apps/server');
export const ANCHORS_DIR = path.join(BENCH_DIR, 'anchors');
export const RESULTS_FILE = path.join(BENCH_DIR, 'results/latest.json');

/**
 * Servers (ours, the anchor, and the embedded Postgres they share, which
 * inherits Veza's affinity) on one CPU, the load generator on another, so
 * neither steals cycles from the other and both sides see the same machine.
 */
export const SERVER_CPU = 0;
export const LOAD_CPU = 1;

export interface LoadSettings {
  connections: number;
  durationSec: number;
  warmupSec: number;
  /** Measured runs per side, alternating ours / anchor; medians are reported. */
  rounds: number;
}

/** Defaults keep `npm run bench` under five minutes; env vars allow a quick smoke run. */
export const LOAD: LoadSettings = {
  connections: envInt('BENCH_CONNECTIONS', 50),
  durationSec: envInt('BENCH_DURATION_S', 10),
  warmupSec: envInt('BENCH_WARMUP_S', 3),
  rounds: envInt('BENCH_ROUNDS', 3),
};

export const CPU_COUNT = os.availableParallelism();

export function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
