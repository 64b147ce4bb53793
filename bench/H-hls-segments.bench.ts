import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { figureRow, throughputRow, type Benchmark } from './lib/benchmark';
import { ensureNginx, startNginx } from './lib/nginx';
import type { LoadRequest, LoadResult } from './lib/load';
import { LOAD, LOAD_CPU } from './lib/settings';
import { sideBySide, type SideBySide } from './lib/side-by-side';
import { getJson, login, waitForDemoTracks } from './lib/veza-api';
import { errorNote, LogReader } from './lib/veza-log';
import { startVeza, type VezaServer } from './lib/veza-server';
import { ensureWrk, wrkRunner } from './lib/wrk';

/**
 * H: HLS segment delivery. Ours: GET /stream/<track>/128k/seg_00000.ts?token=…
 * on the real server (HMAC token check without the database, the segment
 * from the stream role's memory after the first request, ETag and
 * Cache-Control; see segment-fast-path.ts) against nginx (`sendfile on`,
 * one worker) serving the very same file at the very same path and query
 * (nginx ignores the token). Same connections and durations as F and A.
 */
const RENDITION = '128k';
/**
 * wrk by default: autocannon, on one CPU, tops out near 2,500 segments/s of
 * 42 KB on this kind of machine, below what either server can serve, so
 * its ratio would measure autocannon. BENCH_H_LOAD=autocannon to compare.
 */
const LOAD_TOOL = process.env.BENCH_H_LOAD === 'autocannon' ? 'autocannon' : 'wrk';

const benchmark: Benchmark = {
  id: 'H',
  title: `HLS segment delivery with token check vs nginx (sendfile, 1 worker)`,
  async run() {
    const nginx = ensureNginx();
    if ('missing' in nginx) {
      process.stderr.write(`  H skipped: ${nginx.missing}\n`);
      return { rows: [], notes: [`SKIPPED: ${nginx.missing}`] };
    }
    let runner: ((req: LoadRequest) => Promise<LoadResult>) | undefined;
    let tool = 'autocannon';
    if (LOAD_TOOL === 'wrk') {
      const wrk = ensureWrk();
      if ('binary' in wrk) [runner, tool] = [wrkRunner(wrk.binary), `wrk (${wrk.binary}, 1 thread)`];
      else process.stderr.write(`  ${wrk.missing}; H falls back to autocannon\n`);
    }
    const veza = await startVeza('H');
    try {
      const segment = await findSegment(veza);
      const anchor = await startNginx('H', nginx.binary, {
        location: `/stream/${segment.trackId}/`,
        alias: segment.versionDir,
      });
      try {
        const oursUrl = veza.url + segment.pathAndQuery;
        const anchorUrl = anchor.url + segment.pathAndQuery;
        const [ours, theirs] = await Promise.all([fetchBytes(oursUrl), fetchBytes(anchorUrl)]);
        if (!ours.equals(theirs) || ours.length !== segment.bytes) {
          throw new Error(
            `ours and nginx serve different bytes (${ours.length} / ${theirs.length}, file ${segment.bytes})`,
          );
        }
        const sides = await sideBySide(
          'H',
          { ours: { url: oursUrl, pid: veza.pid }, anchor: { url: anchorUrl, pid: anchor.workerPid } },
          LOAD,
          runner,
        );
        const mbPerSec = (rps: number) => ((rps * segment.bytes) / 1e6).toFixed(0);
        return {
          rows: [
            throughputRow('H', `GET ${RENDITION} segment`, sides, { kind: 'at-least', must: 0.5, target: 0.7 }),
            figureRow(
              'H',
              `GET ${RENDITION} segment req/s floor`,
              'req/s',
              { ours: sides.ours.reqPerSec, anchor: sides.anchor.reqPerSec, failed: 0 },
              { kind: 'at-least', must: 1300, absolute: 'req/s' },
            ),
          ],
          notes: [
            `ours: Veza pid ${veza.pid} on CPU ${veza.cpus}; anchor: ${anchor.version} (Debian), master pid ${anchor.pid} and its one worker ` +
              `pid ${anchor.workerPid} on CPU ${anchor.cpus}; the worker's RSS and CPU are the anchor's columns.`,
            `the file: ${path.relative(veza.dataDir, segment.file)} in Veza's storage (${(segment.bytes / 1024).toFixed(1)} KB, ` +
              `a demo track's first 6 s at ${RENDITION}); both answer 200 with identical bytes. URL path and ?token=… are the same on both ` +
              `sides (nginx: location /stream/<track>/ aliased to the version's folder, the token ignored).`,
            `load generator: ${tool}, ${LOAD.connections} keep-alive connections, pinned to CPU ${LOAD_CPU}` +
              `${LOAD_TOOL === 'wrk' && tool === 'autocannon' ? ' (wrk was wanted but could not be installed)' : ''}.`,
            `nginx config: worker_processes 1; sendfile on; access_log off; keepalive_requests 1000000 (Node never closes keep-alive ` +
              `connections by count); everything else Debian's compiled defaults (no tcp_nopush, etag on).`,
            `bytes served at the medians, ours / nginx: ${mbPerSec(sides.ours.reqPerSec)} / ${mbPerSec(sides.anchor.reqPerSec)} MB/s. ` +
              `Segment requests are quietLog in Veza: no access-log line per successful segment.`,
            ...bottleneckNote(sides),
            `CPU per segment, ours / nginx: ${sides.ours.serverCpuUsPerRequest.toFixed(0)} / ` +
              `${sides.anchor.serverCpuUsPerRequest.toFixed(0)} µs (${(sides.ours.serverCpuUsPerRequest / sides.anchor.serverCpuUsPerRequest).toFixed(1)}×): ` +
              `a core of its own would serve about ${capacity(sides.ours.serverCpuUsPerRequest)} / ` +
              `${capacity(sides.anchor.serverCpuUsPerRequest)} segments/s.`,
            ...errorNote(veza.logFile),
          ],
        };
      } finally {
        await anchor.stop();
      }
    } finally {
      await veza.stop();
    }
  },
};

/** When a side's server process was far from busy, the load generator (or other tenants of the CPU) set the pace. */
function bottleneckNote(sides: SideBySide): string[] {
  const idle = (['ours', 'anchor'] as const)
    .filter((side) => sides[side].serverProcessCpu < 80)
    .map(
      (side) =>
        `${side === 'ours' ? 'Veza' : 'nginx'} used ${sides[side].serverProcessCpu.toFixed(0)}% of its CPU ` +
        `with the load CPU ${sides[side].loadCoreBusy.toFixed(0)}% busy`,
    );
  if (idle.length === 0) return [];
  return [
    `not saturated: ${idle.join('; ')}. The load generator (or other tenants of the machine) set the pace there, so that ` +
      'req/s is a floor of what the server can do, and the ratio flatters the other side.',
  ];
}

function capacity(usPerRequest: number): string {
  return Math.round(1e6 / usPerRequest).toLocaleString('en-US');
}

interface Segment {
  trackId: string;
  /** /stream/<id>/128k/seg_00000.ts?token=… */
  pathAndQuery: string;
  /** <data dir>/storage/tracks/<id>/hls/<version> */
  versionDir: string;
  file: string;
  bytes: number;
}

/** The first segment of a processed demo track, found the way a player finds it: link, master, variant playlist. */
async function findSegment(veza: VezaServer): Promise<Segment> {
  const token = await login(veza.url);
  const tracks = await waitForDemoTracks(veza.url, token, new LogReader(veza.logFile), { processed: true });
  const track = tracks[0]!;
  const link = await getJson<{ url: string }>(`${veza.url}/api/v1/tracks/${track.id}/stream`);
  const master = await getText(veza.url + link.url);
  const variant = master.split('\n').find((l) => l.startsWith(`${RENDITION}/`));
  if (!variant) throw new Error(`no ${RENDITION} rendition in the master playlist:\n${master}`);
  const base = new URL(veza.url + link.url);
  const playlistUrl = new URL(variant, base);
  const playlist = await getText(playlistUrl.href);
  const first = playlist.split('\n').find((l) => l && !l.startsWith('#'));
  if (!first) throw new Error(`no segment in the ${RENDITION} playlist:\n${playlist}`);
  const segmentUrl = new URL(first, playlistUrl);

  const hlsDir = path.join(veza.dataDir, 'storage/tracks', track.id, 'hls');
  const [version] = await fs.readdir(hlsDir);
  if (!version) throw new Error(`no HLS version under ${hlsDir}`);
  const versionDir = path.join(hlsDir, version);
  const file = path.join(versionDir, RENDITION, path.basename(segmentUrl.pathname));
  return {
    trackId: track.id,
    pathAndQuery: segmentUrl.pathname + segmentUrl.search,
    versionDir,
    file,
    bytes: (await fs.stat(file)).size,
  };
}

async function getText(url: string): Promise<string> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return res.text();
}

async function fetchBytes(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  process.stderr.write(`  ${url.split('?')[0]} → 200, ${bytes.length} bytes, sha1 ${sha1(bytes).slice(0, 12)}\n`);
  return bytes;
}

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export default benchmark;
