import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startAnchor } from './lib/anchor-server';
import { figureRow, INFORMATIONAL, throughputRow, type Benchmark } from './lib/benchmark';
import { ensureNginx, startNginx } from './lib/nginx';
import type { LoadRequest, LoadResult } from './lib/load';
import { LOAD, LOAD_CPU } from './lib/settings';
import { assertSameResponse } from './lib/same-response';
import { inTurn, type SideSummary } from './lib/side-by-side';
import { getJson, login, waitForDemoTracks } from './lib/veza-api';
import { errorNote, LogReader } from './lib/veza-log';
import { startVeza, type VezaServer } from './lib/veza-server';
import { ensureWrk, wrkRunner } from './lib/wrk';

/**
 * H: HLS segment delivery. Ours: GET /stream/<track>/128k/seg_00000.ts?token=…
 * on the real server (HMAC token check without the database, the segment
 * from the stream role's memory after the first request, ETag and
 * Cache-Control; see segment-fast-path.ts) against bare node:http serving
 * the same bytes from memory at the same URL with the same header lines
 * after the same token check (anchors/http-segment.ts): what no server can
 * avoid. nginx (`sendfile on`, one worker) serving the very same file at
 * the very same path and query (it ignores the token) is the ceiling of
 * any server, for information. Same connections and durations as F and A.
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
  title: 'HLS segment delivery with token check vs bare node:http doing the same (info: nginx sendfile, 1 worker)',
  async run() {
    let runner: ((req: LoadRequest) => Promise<LoadResult>) | undefined;
    let tool = 'autocannon';
    if (LOAD_TOOL === 'wrk') {
      const wrk = ensureWrk();
      if ('binary' in wrk) [runner, tool] = [wrkRunner(wrk.binary), `wrk (${wrk.binary}, 1 thread)`];
      else process.stderr.write(`  ${wrk.missing}; H falls back to autocannon\n`);
    }
    const nginxBinary = ensureNginx();
    if ('missing' in nginxBinary) process.stderr.write(`  no nginx row: ${nginxBinary.missing}\n`);
    // Our own secret, handed to both sides: the anchor derives the stream-token key from it as Veza does.
    const sessionSecret = randomBytes(32).toString('base64url');
    const cleanups: (() => Promise<void>)[] = [];
    try {
      const veza = await startVeza('H', { env: { SESSION_SECRET: sessionSecret } });
      cleanups.push(() => veza.stop());
      const segment = await findSegment(veza);
      const anchor = await startAnchor('H', 'http-segment.ts', {
        readyPath: '/healthz',
        env: { SESSION_SECRET: sessionSecret, SEGMENT_FILE: segment.file, SEGMENT_KEY: segment.key },
      });
      cleanups.push(() => anchor.stop());
      const nginx =
        'binary' in nginxBinary
          ? await startNginx('H', nginxBinary.binary, {
              location: `/stream/${segment.trackId}/`,
              alias: segment.versionDir,
            })
          : undefined;
      if (nginx) cleanups.push(() => nginx.stop());

      const targets = {
        ours: { url: veza.url + segment.pathAndQuery, pid: veza.pid },
        anchor: { url: anchor.url + segment.pathAndQuery, pid: anchor.pid },
        ...(nginx ? { nginx: { url: nginx.url + segment.pathAndQuery, pid: nginx.workerPid } } : {}),
      };
      // The first request reads the file and fills the stream role's memory; the answer under load is the next one's.
      const first = await fetchBytes(targets.ours.url);
      if (first.length !== segment.bytes)
        throw new Error(`ours served ${first.length} bytes, the file has ${segment.bytes}`);
      const answer = await assertSameResponse(targets.ours.url, targets.anchor.url);
      if (nginx) {
        const theirs = await fetchBytes(nginx.url + segment.pathAndQuery);
        if (!theirs.equals(first))
          throw new Error(`ours and nginx serve different bytes (${first.length} / ${theirs.length})`);
      }

      const all = await inTurn<string>('H', targets, LOAD, runner);
      const sides = { ours: all.ours!, anchor: all.anchor! };
      const vsNginx = all.nginx ? { ours: all.ours!, anchor: all.nginx } : undefined;
      const mbPerSec = (rps: number) => ((rps * segment.bytes) / 1e6).toFixed(0);
      const cpu = (side: SideSummary) => side.serverCpuUsPerRequest.toFixed(0);
      return {
        rows: [
          throughputRow('H', `GET ${RENDITION} segment`, sides, { kind: 'at-least', must: 0.75, target: 0.9 }),
          ...(vsNginx ? [throughputRow('H', `GET ${RENDITION} segment vs nginx`, vsNginx, INFORMATIONAL)] : []),
          figureRow(
            'H',
            `GET ${RENDITION} segment req/s floor`,
            'req/s',
            { ours: sides.ours.reqPerSec, anchor: sides.anchor.reqPerSec, failed: 0 },
            { kind: 'at-least', must: 1300, absolute: 'req/s' },
          ),
        ],
        notes: [
          `ours: Veza pid ${veza.pid} on CPU ${veza.cpus}; anchor: bench/anchors/http-segment.ts pid ${anchor.pid} on CPU ${anchor.cpus}` +
            (nginx
              ? `; nginx (info): ${nginx.version} (Debian), master pid ${nginx.pid} and its one worker pid ${nginx.workerPid} ` +
                `on CPU ${nginx.cpus}, the worker's RSS and CPU in its columns.`
              : `; no nginx row (${'missing' in nginxBinary ? nginxBinary.missing : ''}).`),
          `the file: ${path.relative(veza.dataDir, segment.file)} in Veza's storage (${(segment.bytes / 1024).toFixed(1)} KB, ` +
            `a demo track's first 6 s at ${RENDITION}), read into the anchor's memory at its start. Same URL path and ?token=… on ` +
            `every side${nginx ? ' (nginx: location /stream/<track>/ aliased to the version folder, the token ignored)' : ''}.`,
          `the anchor's answer was checked against ours (from the stream role's memory, as under load) before the load: same ` +
            `status and bytes, the same ${answer.headers.length} header lines in the same order (${answer.headers.map(([name]) => name).join(', ')}), ` +
            `values equal but Date and X-Request-Id.`,
          "token check: the anchor runs stream-token.ts's verification on every request (HKDF-derived key from the same " +
            'SESSION_SECRET, HMAC-SHA256 over the same bytes, constant-time compare, payload regex, expiry). Veza remembers ' +
            'tokens it has verified (verified-tokens.ts), so its fast path runs the HMAC once per token rather than per segment.',
          `load generator: ${tool}, ${LOAD.connections} keep-alive connections, pinned to CPU ${LOAD_CPU}` +
            `${LOAD_TOOL === 'wrk' && tool === 'autocannon' ? ' (wrk was wanted but could not be installed)' : ''}.`,
          ...(nginx
            ? [
                `nginx config: worker_processes 1; sendfile on; access_log off; keepalive_requests 1000000 (Node never closes keep-alive ` +
                  `connections by count); everything else Debian's compiled defaults (no tcp_nopush, etag on).`,
              ]
            : []),
          `bytes served at the medians, ${Object.keys(all).join(' / ')}: ${Object.values(all)
            .map((side) => mbPerSec(side.reqPerSec))
            .join(' / ')} MB/s. Segment requests are quietLog in Veza: no access-log line per successful segment.`,
          ...bottleneckNote(all),
          `CPU per segment, ${Object.keys(all).join(' / ')}: ${Object.values(all).map(cpu).join(' / ')} µs ` +
            `(ours ${(sides.ours.serverCpuUsPerRequest / sides.anchor.serverCpuUsPerRequest).toFixed(2)}× the anchor's): ` +
            `a core of its own would serve about ${Object.values(all)
              .map((side) => capacity(side.serverCpuUsPerRequest))
              .join(' / ')} segments/s.`,
          ...errorNote(veza.logFile),
        ],
      };
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  },
};

/** When a side's server process was far from busy, the load generator (or other tenants of the CPU) set the pace. */
function bottleneckNote(all: Record<string, SideSummary>): string[] {
  const idle = Object.entries(all)
    .filter(([, side]) => side.serverProcessCpu < 80)
    .map(
      ([name, side]) =>
        `${name} used ${side.serverProcessCpu.toFixed(0)}% of its CPU with the load CPU ${side.loadCoreBusy.toFixed(0)}% busy`,
    );
  if (idle.length === 0) return [];
  return [
    `not saturated: ${idle.join('; ')}. The load generator (or other tenants of the machine) set the pace there, so that ` +
      'req/s is a floor of what the server can do, and a ratio against it flatters the other side.',
  ];
}

function capacity(usPerRequest: number): string {
  return Math.round(1e6 / usPerRequest).toLocaleString('en-US');
}

interface Segment {
  trackId: string;
  /** `<track>/<hls version>/<rendition>/<segment>`: what the anchor serves and which token opens it. */
  key: string;
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
    key: `${track.id}/${version}/${RENDITION}/${path.basename(segmentUrl.pathname)}`,
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
