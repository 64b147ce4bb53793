import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Absolute (or PATH-resolved) locations of the two binaries every media function needs. */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

export interface MediaToolsEnv {
  FFMPEG_PATH?: string | undefined;
  FFPROBE_PATH?: string | undefined;
  PATH?: string | undefined;
}

export class MediaToolMissing extends Error {
  constructor(
    readonly tool: 'ffmpeg' | 'ffprobe',
    detail: string,
  ) {
    super(`${tool} not found: ${detail}`);
    this.name = 'MediaToolMissing';
  }
}

/**
 * Picks ffmpeg and ffprobe as one pair, from one build: what the probe
 * accepted is then what the decoder reads, with the same demuxers and the
 * same bugs. In order: the env overrides (one given alone takes its
 * sibling from the same folder), the first PATH folder holding both (a
 * distribution's build, patched for security, where the bundled one is
 * from 2018), then the npm installer packages as a last resort. An
 * override that points nowhere fails instead of falling back, so a typo in
 * deployment config is seen at start-up.
 *
 * The server passes the values config.ts has read; tests pass their environment.
 */
export function resolveMediaTools(env: MediaToolsEnv): MediaTools {
  if (env.FFMPEG_PATH || env.FFPROBE_PATH) return overridden(env.FFMPEG_PATH, env.FFPROBE_PATH);
  return onPath(env.PATH ?? '') ?? bundledMediaTools();
}

const INSTALLER_PACKAGES = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
} as const;

/** The static builds of the npm installer packages: what runs where no system ffmpeg is installed. */
export function bundledMediaTools(): MediaTools {
  return { ffmpeg: installed('ffmpeg'), ffprobe: installed('ffprobe') };
}

function overridden(ffmpeg: string | undefined, ffprobe: string | undefined): MediaTools {
  const pair = {
    ffmpeg: ffmpeg || sibling(ffprobe!, 'ffmpeg'),
    ffprobe: ffprobe || sibling(ffmpeg!, 'ffprobe'),
  };
  for (const tool of ['ffmpeg', 'ffprobe'] as const) {
    if (isExecutableFile(pair[tool])) continue;
    const given = tool === 'ffmpeg' ? ffmpeg : ffprobe;
    throw new MediaToolMissing(
      tool,
      given
        ? `${given} is not an executable file`
        : `${pair[tool]} is not an executable file; set ${tool.toUpperCase()}_PATH to the ${tool} of the same build`,
    );
  }
  return pair;
}

function sibling(file: string, name: 'ffmpeg' | 'ffprobe'): string {
  return path.join(path.dirname(file), name);
}

function onPath(searchPath: string): MediaTools | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    // An empty PATH entry means the current directory; never run binaries from there.
    if (!dir) continue;
    const pair = { ffmpeg: path.join(dir, 'ffmpeg'), ffprobe: path.join(dir, 'ffprobe') };
    if (isExecutableFile(pair.ffmpeg) && isExecutableFile(pair.ffprobe)) return pair;
  }
  return undefined;
}

function installed(tool: 'ffmpeg' | 'ffprobe'): string {
  let file: string;
  try {
    file = (createRequire(import.meta.url)(INSTALLER_PACKAGES[tool]) as { path: string }).path;
  } catch (err) {
    // The installer packages are CommonJS and throw plain strings on unsupported platforms.
    const reason = err instanceof Error ? err.message : String(err);
    throw new MediaToolMissing(tool, `not on PATH, and ${INSTALLER_PACKAGES[tool]} failed: ${reason}`);
  }
  if (!isExecutableFile(file)) throw new MediaToolMissing(tool, `${file} is not executable`);
  return file;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
