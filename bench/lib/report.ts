import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row } from './benchmark';
import { PINNING_OFF_REASON } from './pinning';
import { LOAD, LOAD_CPU, RESULTS_FILE, SERVER_CPU } from './settings';
import { VEZA_LOG_LEVEL } from './veza-server';

/** The run's header (machine, pinning, logging) and bench/results/latest.json. */

export interface Failure {
  benchmark: string;
  error: string;
}

export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    kernel: os.release(),
    /** Other tenants of the machine: a load average near the CPU count means both sides were crowded. */
    loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)),
  };
}

export function headerLines(): string[] {
  const m = machine();
  const pinning = PINNING_OFF_REASON
    ? [`NOT PINNED (${PINNING_OFF_REASON}): ratios are noisier than usual`]
    : [
        `servers (ours, anchor, and the embedded Postgres Veza spawns) pinned to CPU ${SERVER_CPU} (taskset -c ${SERVER_CPU})`,
        `load generator (autocannon CLI, own process) pinned to CPU ${LOAD_CPU} (taskset -c ${LOAD_CPU})`,
      ];
  return [
    `machine: ${m.cpu}, ${m.cpus} CPUs, ${m.memoryGb} GB, Node ${m.node}, Linux ${m.kernel}; load average ${m.loadAverage1m} before the run`,
    ...pinning,
    `load: ${LOAD.connections} connections, warm-up ${LOAD.warmupSec} s per side, then ${LOAD.rounds} alternations of ${LOAD.durationSec} s per side; medians reported`,
    `Veza logging: LOG_LEVEL=${VEZA_LOG_LEVEL} as in production, stdout/stderr to bench/results/logs/<id>-veza.log`,
  ];
}

export function writeResults(rows: Row[], failures: Failure[], startedAt: Date): string {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const json = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(), // load average here is the one at the end of the run
    pinning: PINNING_OFF_REASON ? { off: PINNING_OFF_REASON } : { serverCpu: SERVER_CPU, loadCpu: LOAD_CPU },
    load: LOAD,
    vezaLogLevel: VEZA_LOG_LEVEL,
    rows,
    failures,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`);
  return RESULTS_FILE;
}
