import { promises as fs } from 'node:fs';
import path from 'node:path';
import { figureRow, type Benchmark } from './lib/benchmark';
import { withMusicAndVeza } from './lib/media';
import { multipartUpload } from './lib/multipart';
import { prepareOpenLoad, type OpenLoad } from './lib/open-load';
import { PINNING_OFF_REASON } from './lib/pinning';
import { runQueueWaitMs } from './lib/proc';
import { LOAD, LOAD_CPU } from './lib/settings';
import { measureWith, progress, summarize, type Run } from './lib/side-by-side';
import { median } from './lib/stats';
import { getJson, login, waitForDemoTracks } from './lib/veza-api';
import { errorNote, linesBetween, logSize, LogReader } from './lib/veza-log';
import type { VezaServer } from './lib/veza-server';

/**
 * X2: the p99 of an API read (A's endpoint) while a track is being
 * processed, against the same API idle, on the same server in the same
 * minute. Everything Veza runs (Node, Postgres, every ffmpeg of the job) is
 * on the server CPU, as in every benchmark: the load generator has the other
 * one. So the transcode competes with the API for one core, the case of a
 * small server whose cores are all busy.
 *
 * A fixed request rate, well under what the endpoint sustains (A measures
 * thousands of req/s on one core), so idle latency is service time rather
 * than a queue at saturation, and the busy figure shows what the job's CPU
 * takes from the API.
 */
const PROFILE = '/api/v1/users/demo_artist';
const SECONDS = 180;
const CONNECTIONS = envInt('BENCH_X2_CONNECTIONS', 10);
const RATE = envInt('BENCH_X2_RATE', 300);

const benchmark: Benchmark = {
  id: 'X2',
  title: `API p99 while a track transcodes: GET ${PROFILE} at ${RATE} req/s, busy vs idle`,
  async run() {
    return withMusicAndVeza('X2', SECONDS, {}, ({ veza, input }) => measure(veza, input));
  },
};

interface BusyWindow {
  /** The job's own wall time from its log line, in ms. */
  tookMs: number;
  /** When the load started, in ms after the job did (from the log line's time and tookMs). */
  loadStartedAfterMs: number;
}

/** One load run and what Veza's process went through meanwhile. */
interface Window {
  run: Run;
  /** How long the load ran, in s. */
  loadSec: number;
  /** ms per second the main thread spent runnable but waiting for the CPU (/proc schedstat). */
  waitedMsPerSec: number;
  /** p99 of the elapsed time Veza logged for the profile requests of the run. */
  serverP99Ms: number;
}

async function measure(veza: VezaServer, input: string) {
  const log = new LogReader(veza.logFile);
  const token = await login(veza.url);
  await waitForDemoTracks(veza.url, token, log, { processed: true });
  const url = veza.url + PROFILE;
  await getJson(url);

  const prepare = () => prepareOpenLoad({ url, connections: CONNECTIONS, rate: RATE });
  /** Starts the prepared load, runs `during`, stops the load. */
  const loadWhile = async (load: OpenLoad, during: () => Promise<void>): Promise<Window> => {
    const logFrom = logSize(veza.logFile);
    let [waitBefore, started] = [0, 0];
    const run = await measureWith(veza.pid, async () => {
      await load.start();
      [waitBefore, started] = [runQueueWaitMs(veza.pid), performance.now()];
      try {
        await during();
      } catch (err) {
        await load.stop().catch(() => undefined);
        throw err;
      }
      return load.stop();
    });
    const elapsed = performance.now() - started;
    const waitedMsPerSec = ((runQueueWaitMs(veza.pid) - waitBefore) / elapsed) * 1000;
    await sleep(300); // pino writes asynchronously: let the run's last lines land
    return { run, loadSec: elapsed / 1000, waitedMsPerSec, serverP99Ms: serverSideP99(veza.logFile, logFrom) };
  };
  const idleFor = async (seconds: number) => loadWhile(await prepare(), () => sleep(seconds * 1000));

  const warmup = await idleFor(LOAD.warmupSec);
  progress('X2', 'warm-up', 'idle', warmup.run);

  const windows: Record<'busy' | 'idle', Window[]> = { busy: [], idle: [] };
  const jobs: BusyWindow[] = [];
  for (let round = 0; round < LOAD.rounds; round++) {
    // busy first in round 1: the idle run that follows lasts as long as it did.
    const order = round % 2 === 0 ? (['busy', 'idle'] as const) : (['idle', 'busy'] as const);
    for (const side of order) {
      let window: Window;
      if (side === 'busy') {
        const job = await whileProcessing(veza, token, log, input, `X2 run ${round + 1}`, prepare, loadWhile);
        window = job.window;
        jobs.push(job);
      } else {
        window = await idleFor(Math.max(1, Math.round(windows.busy.at(-1)!.loadSec)));
      }
      windows[side].push(window);
      progress('X2', `run ${round + 1}/${LOAD.rounds}`, side, window.run);
    }
  }

  // The busy side has no warm-up of its own: the idle warm-up warmed the server for both.
  const busy = summarize(
    windows.busy.map((w) => w.run),
    NO_RUN,
  );
  const idle = summarize(
    windows.idle.map((w) => w.run),
    warmup.run,
  );
  const failed = busy.failed + idle.failed;
  const core = PINNING_OFF_REASON ? `every CPU (NOT PINNED: ${PINNING_OFF_REASON})` : `CPU ${veza.cpus}`;
  const med = (side: 'busy' | 'idle', f: (w: Window) => number) => median(windows[side].map(f));
  const serverP99 = { busy: med('busy', (w) => w.serverP99Ms), idle: med('idle', (w) => w.serverP99Ms) };
  return {
    rows: [
      figureRow(
        'X2',
        'GET /users/:username p99 while transcoding',
        'ms',
        { ours: busy.p99Ms, anchor: idle.p99Ms, failed },
        { kind: 'at-most', must: 1.5, target: 1.2 },
        { ours: busy, anchor: idle },
      ),
    ],
    notes: [
      `"ours" = busy (a ${SECONDS / 60}-minute FLAC being processed), "anchor" = the same server idle, in the detail cells too. ` +
        `Veza pid ${veza.pid}, its Postgres and every ffmpeg the job starts share ${core}; autocannon on CPU ${LOAD_CPU}.`,
      `load: ${CONNECTIONS} connections at -R ${RATE} req/s in all (BENCH_X2_RATE, BENCH_X2_CONNECTIONS); idle, Veza spends ` +
        `${idle.serverCpuUsPerRequest.toFixed(0)} µs of CPU per request, so one core would serve ~${Math.round(1e6 / idle.serverCpuUsPerRequest).toLocaleString('en-US')} req/s: ` +
        'the rate is a small fraction of that, and idle p99 is service time rather than a queue. autocannon hands each connection its ' +
        `share at the top of every second, so requests come in bursts of up to ${CONNECTIONS} at once; both sides alike. ` +
        'Latencies have 1 ms resolution.',
      "busy runs start as soon as the job's scratch folder appears (the transcode is starting; watched on disk, no request) and stop at " +
        'its "track ready" log line (autocannon stops at its next 1 s tick, so up to 1 s of each busy run falls after the job); the idle ' +
        `run after each busy one lasts as long. ${LOAD.rounds} alternations, medians; an idle warm-up of ${LOAD.warmupSec} s first.`,
      `busy windows: ${windows.busy
        .map(
          (w, i) =>
            `${w.loadSec.toFixed(1)} s of load from ${(jobs[i]!.loadStartedAfterMs / 1000).toFixed(1)} s into a ` +
            `${(jobs[i]!.tookMs / 1000).toFixed(1)} s job`,
        )
        .join('; ')}. ` +
        `req/s achieved busy / idle: ${busy.reqPerSec.toFixed(0)} / ${idle.reqPerSec.toFixed(0)}; ` +
        `p99 per run, busy: ${windows.busy.map((w) => w.run.p99Ms).join(', ')} ms, idle: ${windows.idle.map((w) => w.run.p99Ms).join(', ')} ms.`,
      `Veza's main thread waited on the run queue (runnable, CPU taken by others) ${med('busy', (w) => w.waitedMsPerSec).toFixed(0)} ms ` +
        `per second busy, ${med('idle', (w) => w.waitedMsPerSec).toFixed(0)} ms idle (/proc schedstat); its CPU per request busy / idle: ` +
        `${busy.serverCpuUsPerRequest.toFixed(0)} / ${idle.serverCpuUsPerRequest.toFixed(0)} µs. When its share of the core falls ` +
        "under rate × CPU per request, requests queue in the socket backlog, where Fastify's timer (below) does not see them.",
      `server-side p99 (Fastify's elapsed time in Veza's access log, 0.1 ms resolution, no client or network in it), busy / idle: ` +
        `${serverP99.busy.toFixed(1)} / ${serverP99.idle.toFixed(1)} ms (${(serverP99.busy / serverP99.idle).toFixed(2)}×).`,
      ...errorNote(veza.logFile),
    ],
  };
}

/**
 * Uploads the file, waits until the job's scratch folder appears (the
 * transcode is about to start), and loads the API until the job logs "track ready".
 */
async function whileProcessing(
  veza: VezaServer,
  token: string,
  log: LogReader,
  input: string,
  title: string,
  prepare: () => Promise<OpenLoad>,
  loadWhile: (load: OpenLoad, during: () => Promise<void>) => Promise<Window>,
): Promise<BusyWindow & { window: Window }> {
  const load = await prepare();
  const upload = await multipartUpload({
    url: `${veza.url}/api/v1/tracks`,
    file: input,
    fields: { title },
    filename: 'music-3min.flac',
    contentType: 'audio/flac',
    token,
  }).catch(async (err: unknown) => {
    await load.stop().catch(() => undefined);
    throw err;
  });
  if (upload.status !== 201) {
    await load.stop().catch(() => undefined);
    throw new Error(`upload answered ${upload.status}: ${upload.body.slice(0, 500)}`);
  }
  const trackId = (JSON.parse(upload.body) as { id: string }).id;
  await waitForScratch(path.join(veza.dataDir, 'work'), trackId).catch(async (err: unknown) => {
    await load.stop().catch(() => undefined);
    throw err;
  });

  let tookMs = 0;
  let loadStartedAt = 0;
  const window = await loadWhile(load, async () => {
    loadStartedAt = Date.now();
    const ready = await log.waitFor(
      `processing track ${trackId}`,
      (l) => l.msg === 'track ready' && l.trackId === trackId,
      {
        failed: (l) => l.trackId === trackId && (l.msg === 'track failed' || (l.level ?? 0) >= 50),
        timeoutMs: 600_000,
      },
    );
    tookMs = Number(ready.tookMs);
    loadStartedAt -= Number(ready.time) - tookMs;
  });
  return { window, tookMs, loadStartedAfterMs: loadStartedAt };
}

/** <data dir>/work/<trackId>-<attempt>: processTrack's scratch folder, made when the transcode starts. */
async function waitForScratch(workDir: string, trackId: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const entries = await fs.readdir(workDir).catch(() => [] as string[]);
    if (entries.some((e) => e.startsWith(`${trackId}-`))) return;
    if (Date.now() > deadline) throw new Error(`no scratch folder for track ${trackId} in ${workDir} after 120 s`);
    await sleep(20);
  }
}

/** p99 of the `ms` Veza logged for the profile requests of one run. */
function serverSideP99(logFile: string, from: number): number {
  const ms = linesBetween(logFile, from, logSize(logFile))
    .filter((l) => l.msg === 'request' && l.url === PROFILE && typeof l.ms === 'number')
    .map((l) => l.ms as number)
    .sort((a, b) => a - b);
  return ms.length ? ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))]! : Number.NaN;
}

const NO_RUN: Run = {
  reqPerSec: 0,
  p50Ms: 0,
  p99Ms: 0,
  requests: 0,
  failed: 0,
  serverCoreBusy: 0,
  loadCoreBusy: 0,
  peakRssMb: 0,
  serverCpuUsPerRequest: 0,
  serverProcessCpu: 0,
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export default benchmark;
