import { promises as fs, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAnchor } from './lib/anchor-server';
import { figureRow, type Benchmark } from './lib/benchmark';
import { deferCleanup } from './lib/cleanup';
import { noiseWav } from './lib/media';
import type { UploadRequest, UploadResult } from './lib/multipart';
import { PINNING_OFF_REASON } from './lib/pinning';
import { processCpuMs, rssKb } from './lib/proc';
import { LOAD, LOAD_CPU } from './lib/settings';
import { max, median } from './lib/stats';
import { pinnedUpload } from './lib/upload';
import { deleteTrack, login, waitForDemoTracks } from './lib/veza-api';
import { errorNote, LogReader } from './lib/veza-log';
import { startVeza } from './lib/veza-server';

/**
 * U: one 1 GiB upload, POST /api/v1/tracks (multipart, streamed to
 * storage), against bare node:http piping the same request body to a file.
 * MiB/s is bytes over the wall time from the first byte sent to the last
 * byte of the answer: ours answers after its ffprobe sniff of the stored
 * file, the anchor as soon as the file is closed. RSS growth is the server
 * process's peak VmRSS during the upload minus its VmRSS just before.
 */
const SIZE = 1024 ** 3;
const MIN_FREE = 5 * 1024 ** 3;
const MiB = 1024 * 1024;

interface UploadRun extends UploadResult {
  mibPerSec: number;
  rssGrowthMb: number;
  /** CPU time of the server process over the upload, in ms. */
  serverCpuMs: number;
}

const benchmark: Benchmark = {
  id: 'U',
  title: 'upload of a 1 GiB file: POST /api/v1/tracks vs bare node:http piping to disk',
  async run() {
    const tmp = os.tmpdir();
    const stats = statfsSync(tmp);
    const free = stats.bavail * stats.bsize;
    if (free < MIN_FREE) {
      const why = `only ${(free / 1024 ** 3).toFixed(1)} GiB free in ${tmp}; U needs 5 GiB (the file, Veza's copy, the anchor's copy)`;
      process.stderr.write(`  U skipped: ${why}\n`);
      return { rows: [], notes: [`SKIPPED: ${why}`] };
    }
    const work = await fs.mkdtemp(path.join(tmp, 'veza-bench-u-'));
    const workRemoved = deferCleanup(() => fs.rm(work, { recursive: true, force: true }));
    try {
      const input = path.join(work, 'noise-1GiB.wav');
      await noiseWav(input, SIZE);
      const anchorDir = path.join(work, 'anchor-uploads');
      await fs.mkdir(anchorDir);
      return await measure(input, anchorDir);
    } finally {
      workRemoved();
      await fs.rm(work, { recursive: true, force: true });
    }
  },
};

async function measure(input: string, anchorDir: string) {
  // No worker role: an accepted upload is queued and left there, so the processing of a
  // 100-minute WAV never runs beside the next upload. The upload path itself is the same.
  // The daily upload quotas would stop the runs after a few GiB: the benchmark measures the path, not the budget.
  const veza = await startVeza('U', {
    env: {
      TRACK_MAX_UPLOAD_MB: '2048',
      VEZA_ROLES: 'api,stream',
      UPLOAD_DAILY_BYTES: '1024gb',
      UPLOAD_DAILY_COUNT: '10000',
    },
  });
  try {
    const token = await login(veza.url);
    await waitForDemoTracks(veza.url, token, new LogReader(veza.logFile), { processed: false });
    const anchor = await startAnchor('U', 'http-upload-to-disk.ts', {
      env: { UPLOAD_DIR: anchorDir },
      readyPath: '/healthz',
    });
    try {
      const request = (url: string, title: string, auth?: string): UploadRequest => ({
        url,
        file: input,
        fields: { title },
        filename: 'noise-1GiB.wav',
        contentType: 'audio/wav',
        ...(auth ? { token: auth } : {}),
      });
      const sides = {
        ours: async (n: number) => {
          const run = await uploadOnce(veza.pid, request(`${veza.url}/api/v1/tracks`, `U run ${n}`, token), 201);
          // Gone at once: 1 GiB per run would fill the disk, and the track is of no further use.
          await deleteTrack(veza.url, token, (JSON.parse(run.body) as { id: string }).id);
          return run;
        },
        anchor: async () => {
          const run = await uploadOnce(anchor.pid, request(`${anchor.url}/upload`, 'anchor'), 201);
          for (const f of await fs.readdir(anchorDir)) await fs.rm(path.join(anchorDir, f), { force: true });
          return run;
        },
      };

      const runs: Record<'ours' | 'anchor', UploadRun[]> = { ours: [], anchor: [] };
      const warmups = {} as Record<'ours' | 'anchor', UploadRun>;
      for (const side of ['ours', 'anchor'] as const) {
        warmups[side] = await sides[side](0);
        progress('warm-up', side, warmups[side]);
      }
      for (let round = 0; round < LOAD.rounds; round++) {
        const order = round % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
        for (const side of order) {
          const run = await sides[side](round + 1);
          runs[side].push(run);
          progress(`run ${round + 1}/${LOAD.rounds}`, side, run);
        }
      }

      const speed = {
        ours: median(runs.ours.map((r) => r.mibPerSec)),
        anchor: median(runs.anchor.map((r) => r.mibPerSec)),
      };
      // The first upload into a fresh process counts too: that is when buffers get allocated.
      const growth = {
        ours: max([warmups.ours, ...runs.ours].map((r) => r.rssGrowthMb)),
        anchor: max([warmups.anchor, ...runs.anchor].map((r) => r.rssGrowthMb)),
      };
      const cpuPerGib = (rs: UploadRun[]) =>
        (median(rs.map((r) => r.serverCpuMs / (r.bytesSent / SIZE))) / 1000).toFixed(2);
      const list = (rs: UploadRun[], f: (r: UploadRun) => number) => rs.map((r) => f(r).toFixed(0)).join(', ');
      return {
        rows: [
          figureRow(
            'U',
            'upload 1 GiB',
            'MiB/s',
            { ours: speed.ours, anchor: speed.anchor, failed: 0 },
            { kind: 'at-least', must: 0.7, target: 0.9 },
          ),
          figureRow(
            'U',
            'upload 1 GiB server RSS growth',
            'MB',
            { ours: growth.ours, anchor: growth.anchor, failed: 0 },
            { kind: 'at-most', must: 64, absolute: 'MB' },
          ),
        ],
        notes: [
          `ours: Veza pid ${veza.pid} on CPU ${veza.cpus} with TRACK_MAX_UPLOAD_MB=2048 and VEZA_ROLES=api,stream (no worker: the ` +
            `accepted 100-minute WAV is queued, never processed, and deleted after each run); anchor: bench/anchors/http-upload-to-disk.ts ` +
            `pid ${anchor.pid} on CPU ${anchor.cpus}; client: lib/upload-child.ts (node:http, body streamed from disk in 1 MiB reads, ` +
            `Content-Length set) in its own process on CPU ${PINNING_OFF_REASON ? '(not pinned)' : LOAD_CPU}.`,
          `the file: a valid 16-bit stereo 44.1 kHz WAV of noise, ${SIZE / MiB} MiB; the same multipart body (a title field, then the file) ` +
            `to both sides. Wall time runs to the end of the answer, so ours includes Veza's ffprobe sniff of the stored file and the row ` +
            `updates before its 201; the anchor answers once its file is closed. Both write to ${os.tmpdir()} (same filesystem, page cache).`,
          `MiB/s per run, ours: ${list(runs.ours, (r) => r.mibPerSec)}; anchor: ${list(runs.anchor, (r) => r.mibPerSec)} ` +
            `(${LOAD.rounds} alternations after one warm-up upload per side; the row has the medians). Server CPU time per GiB, ` +
            `ours / anchor: ${cpuPerGib(runs.ours)} / ${cpuPerGib(runs.anchor)} s (median).`,
          `RSS growth (peak VmRSS polled every 50 ms minus VmRSS just before), warm-up first, ours: ` +
            `${list([warmups.ours, ...runs.ours], (r) => r.rssGrowthMb)} MB; anchor: ` +
            `${list([warmups.anchor, ...runs.anchor], (r) => r.rssGrowthMb)} MB; the row shows the largest, warm-up included.`,
          ...errorNote(veza.logFile),
        ],
      };
    } finally {
      await anchor.stop();
    }
  } finally {
    await veza.stop();
  }
}

async function uploadOnce(pid: number, req: UploadRequest, expected: number): Promise<UploadRun> {
  const before = rssKb(pid);
  const cpuBefore = processCpuMs(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 50);
  let result: UploadResult;
  try {
    result = await pinnedUpload(req);
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, rssKb(pid));
  if (result.status !== expected) {
    throw new Error(`upload to ${req.url} answered ${result.status} (not ${expected}): ${result.body.slice(0, 500)}`);
  }
  return {
    ...result,
    mibPerSec: result.bytesSent / MiB / (result.wallMs / 1000),
    rssGrowthMb: (peak - before) / 1024,
    serverCpuMs: processCpuMs(pid) - cpuBefore,
  };
}

function progress(phase: string, side: string, run: UploadRun): void {
  process.stderr.write(
    `  [U] ${phase.padEnd(9)} ${side.padEnd(6)} ${run.mibPerSec.toFixed(0).padStart(5)} MiB/s  ` +
      `${(run.wallMs / 1000).toFixed(2)} s  RSS +${run.rssGrowthMb.toFixed(1)} MB\n`,
  );
}

export default benchmark;
