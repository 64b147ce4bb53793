import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { figureRow, type Benchmark } from './lib/benchmark';
import { ffmpegVersion, hlsArgs, renditionSizes, runFfmpeg, withMusicAndVeza, RENDITIONS } from './lib/media';
import { multipartUpload } from './lib/multipart';
import { PINNING_OFF_REASON } from './lib/pinning';
import { processCpuMs, reapedChildrenCpuMs } from './lib/proc';
import { LOAD, LOAD_CPU, SERVER_CPU } from './lib/settings';
import { median } from './lib/stats';
import { login, waitForDemoTracks } from './lib/veza-api';
import { errorNote, LogReader } from './lib/veza-log';
import type { VezaServer } from './lib/veza-server';

/**
 * X: one track through Veza's whole processing job (probe, full-decode
 * check, tags, loudness, waveform beside the HLS transcode, thumbnails,
 * publishing to storage, the flip to ready) against the plain ffmpeg CLI
 * producing the same three renditions with the same arguments.
 *
 * Ours is the job's own wall time, `tookMs` from its "track ready" log
 * line: queue pickup (up to JOBS_POLL_INTERVAL) is left out, everything the
 * job does is in. Both sides get the same CPUs: by default both cores, as
 * there is no load generator in X. The job uses them by design: its
 * analysis passes run beside the transcode, and a lone transcode shares the
 * renditions out over an encoder per core (platform/media/encoder-budget.ts),
 * where the CLI encodes them one after another on one core.
 * BENCH_X_CPUS=0 measures a single core, where neither helps: that figure
 * is the job's whole overhead.
 */
const SECONDS = 180;
const CPUS = process.env.BENCH_X_CPUS ?? `${SERVER_CPU}-${LOAD_CPU}`;

interface OursRun {
  trackId: string;
  tookMs: number;
  /** From the first byte of the upload to the log line: upload, sniff, queue pickup, job. */
  endToEndMs: number;
  /** Veza's process and every ffmpeg / ffprobe it ran, from upload to ready. */
  cpuMs: number;
  /** Job start to ffmpeg's first file, first to last file, last file to "track ready" (ms). */
  phases: { beforeFirst: number; writing: number; afterLast: number; files: number };
}

const benchmark: Benchmark = {
  id: 'X',
  title: `transcoding a ${SECONDS / 60}-minute track to every rendition: Veza's processing job vs the ffmpeg CLI`,
  async run() {
    return withMusicAndVeza('X', SECONDS, { cpus: CPUS }, ({ veza, ffmpeg, input, work }) =>
      measure(veza, ffmpeg, input, work),
    );
  },
};

async function measure(veza: VezaServer, ffmpeg: string, input: string, work: string) {
  const log = new LogReader(veza.logFile);
  const token = await login(veza.url);
  await waitForDemoTracks(veza.url, token, log, { processed: true });
  const anchorCpus = PINNING_OFF_REASON ? undefined : CPUS;

  const ours: OursRun[] = [];
  const anchor: { wallMs: number; cpuMs: number }[] = [];
  const outputs: {
    ours?: Awaited<ReturnType<typeof renditionSizes>>;
    anchor?: Awaited<ReturnType<typeof renditionSizes>>;
  } = {};

  for (let round = 0; round < LOAD.rounds; round++) {
    const order = round % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
    for (const side of order) {
      if (side === 'ours') {
        const run = await processOnce(veza, token, log, input, `X run ${round + 1}`);
        ours.push(run);
        outputs.ours ??= await renditionSizes(await publishedHls(veza, run.trackId));
        progress(round, side, run.tookMs, run.cpuMs, `upload → ready ${(run.endToEndMs / 1000).toFixed(1)} s`);
      } else {
        const outDir = path.join(work, `anchor-${round}`);
        for (const r of RENDITIONS) await fs.mkdir(path.join(outDir, r.name), { recursive: true });
        const run = await runFfmpeg(ffmpeg, hlsArgs(input, outDir), anchorCpus);
        anchor.push(run);
        outputs.anchor ??= await renditionSizes(outDir);
        await fs.rm(outDir, { recursive: true, force: true });
        progress(round, side, run.wallMs, run.cpuMs, '');
      }
    }
  }

  const oursWall = median(ours.map((r) => r.tookMs));
  const anchorWall = median(anchor.map((r) => r.wallMs));
  const oursCpu = median(ours.map((r) => r.cpuMs));
  const anchorCpu = median(anchor.map((r) => r.cpuMs));
  const sameSegments = RENDITIONS.every((r) => outputs.ours?.[r.name]?.segments === outputs.anchor?.[r.name]?.segments);
  const sizes = RENDITIONS.map(
    (r) =>
      `${r.name} ${outputs.ours?.[r.name]?.segments} / ${outputs.anchor?.[r.name]?.segments} segments, ` +
      `${kb(outputs.ours?.[r.name]?.bytes)} / ${kb(outputs.anchor?.[r.name]?.bytes)} KB`,
  ).join('; ');
  if (!sameSegments) throw new Error(`ours and the anchor wrote different renditions: ${sizes}`);

  const allowed = PINNING_OFF_REASON ? `every CPU (NOT PINNED: ${PINNING_OFF_REASON})` : `CPU ${CPUS}`;
  return {
    rows: [
      figureRow(
        'X',
        `transcode ${SECONDS / 60}-min FLAC wall`,
        's',
        { ours: oursWall / 1000, anchor: anchorWall / 1000, failed: 0 },
        { kind: 'at-most', must: 1.1, target: 1.03 },
      ),
    ],
    notes: [
      `ours: Veza pid ${veza.pid} on CPU ${veza.cpus} (its Postgres and every ffmpeg it starts inherit that set); ` +
        `anchor: \`taskset -c ${CPUS} ffmpeg\` with hls.ts's arguments (one process, three -f hls outputs). Both sides were allowed ${allowed}.`,
      `input: ${SECONDS} s stereo 44.1 kHz FLAC of pink noise under a moving chord (${mb(input)}); ffmpeg ${ffmpegVersion(ffmpeg)} ` +
        `(${ffmpeg}) on both sides (passed to Veza as FFMPEG_PATH, with its FFPROBE_PATH).`,
      `ours = the job's own tookMs from its "track ready" log line (probe, decode check, tags, loudness and waveform beside the transcode, ` +
        `thumbnails, publishing, flip to ready; queue pickup excluded); anchor = spawn to exit of ffmpeg. ` +
        `${LOAD.rounds} alternations, each "ours" a new upload of the file; medians. No separate warm-up: the demo tracks' processing warmed ours, the input sits in the page cache for both.`,
      `runs (s), ours: ${ours.map((r) => (r.tookMs / 1000).toFixed(2)).join(', ')}; anchor: ${anchor.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')}. ` +
        `upload → ready (upload, sniff, queue pickup, job): median ${(median(ours.map((r) => r.endToEndMs)) / 1000).toFixed(1)} s.`,
      `where ours' time went (medians, from the published files' mtimes, which moving them into storage keeps): ` +
        `${sec(median(ours.map((r) => r.phases.beforeFirst)))} s from the job's start to ffmpeg's first file (claim, probe, start-up, ` +
        `the first 6 s segment), ${sec(median(ours.map((r) => r.phases.writing)))} s writing the ${ours[0]?.phases.files} files (the transcode, ` +
        `beside the analysis), ${sec(median(ours.map((r) => r.phases.afterLast)))} s from the last file to "track ready" ` +
        `(the rest of the analysis, cover, moving the files into storage, the flip, events).`,
      `CPU time (user + sys), medians: ours ${(oursCpu / 1000).toFixed(2)} s (Veza's process plus every child it reaped, from upload to ready), ` +
        `anchor ${(anchorCpu / 1000).toFixed(2)} s: ${(oursCpu / anchorCpu).toFixed(2)}×, about the wall ratio a single core would show.`,
      `same output on both sides (segments ours / anchor): ${sizes}.`,
      ...errorNote(veza.logFile),
    ],
  };
}

async function processOnce(
  veza: VezaServer,
  token: string,
  log: LogReader,
  input: string,
  title: string,
): Promise<OursRun> {
  const cpuBefore = processCpuMs(veza.pid) + reapedChildrenCpuMs(veza.pid);
  const started = performance.now();
  const upload = await multipartUpload({
    url: `${veza.url}/api/v1/tracks`,
    file: input,
    fields: { title },
    filename: 'music-3min.flac',
    contentType: 'audio/flac',
    token,
  });
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${upload.body.slice(0, 500)}`);
  const trackId = (JSON.parse(upload.body) as { id: string }).id;
  const ready = await log.waitFor(
    `processing track ${trackId}`,
    (l) => l.msg === 'track ready' && l.trackId === trackId,
    { failed: (l) => l.trackId === trackId && (l.msg === 'track failed' || (l.level ?? 0) >= 50), timeoutMs: 600_000 },
  );
  const endToEndMs = performance.now() - started;
  const cpuMs = processCpuMs(veza.pid) + reapedChildrenCpuMs(veza.pid) - cpuBefore;
  const tookMs = Number(ready.tookMs);
  return { trackId, tookMs, endToEndMs, cpuMs, phases: await phases(veza, trackId, Number(ready.time), tookMs) };
}

/**
 * Where the job's time went, from the published files' mtimes (ffmpeg's
 * writes: publishing moves the files, which keeps them) and the log line's
 * time: until ffmpeg's first file, the transcode, everything after it.
 */
async function phases(veza: VezaServer, trackId: string, readyAt: number, tookMs: number) {
  const dir = await publishedHls(veza, trackId);
  const mtimes: number[] = [];
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) mtimes.push((await fs.stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  const [first, last] = [Math.min(...mtimes), Math.max(...mtimes)];
  const startedAt = readyAt - tookMs;
  return {
    beforeFirst: first - startedAt,
    writing: last - first,
    afterLast: readyAt - last,
    files: mtimes.length,
  };
}

/** tracks/<id>/hls/<version> in Veza's local blob storage: one version per processed track. */
async function publishedHls(veza: VezaServer, trackId: string): Promise<string> {
  const versions = path.join(veza.dataDir, 'storage/tracks', trackId, 'hls');
  const [version] = await fs.readdir(versions);
  if (!version) throw new Error(`no HLS version under ${versions}`);
  return path.join(versions, version);
}

function progress(round: number, side: string, wallMs: number, cpuMs: number, extra: string): void {
  process.stderr.write(
    `  [X] run ${round + 1}/${LOAD.rounds} ${side.padEnd(6)} wall ${(wallMs / 1000).toFixed(2)} s  ` +
      `CPU ${(cpuMs / 1000).toFixed(2)} s  ${extra}\n`,
  );
}

function sec(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function kb(bytes: number | undefined): string {
  return bytes === undefined ? '?' : (bytes / 1024).toFixed(0);
}

function mb(file: string): string {
  return `${(statSync(file).size / 1e6).toFixed(1)} MB`;
}

export default benchmark;
