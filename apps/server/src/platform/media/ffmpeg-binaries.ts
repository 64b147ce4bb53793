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
 * Picks each binary in order: the explicit env override, a system binary on
 * PATH (distribution builds are newer than the bundled one), then the npm
 * installer package. An override that points nowhere fails instead of
 * falling back, so a typo in deployment config is seen at start-up.
 *
 * `env` defaults to process.env for tests and one-off scripts; the server
 * passes the values config.ts has read.
 */
export function resolveMediaTools(env: MediaToolsEnv = process.env): MediaTools {
  return { ffmpeg: resolveOne('ffmpeg', env.FFMPEG_PATH, env), ffprobe: resolveOne('ffprobe', env.FFPROBE_PATH, env) };
}

const INSTALLER_PACKAGES = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
} as const;

function resolveOne(tool: 'ffmpeg' | 'ffprobe', override: string | undefined, env: MediaToolsEnv): string {
  if (override) {
    if (!isExecutableFile(override)) throw new MediaToolMissing(tool, `${override} is not an executable file`);
    return override;
  }
  const onPath = findOnPath(tool, env.PATH ?? '');
  if (onPath) return onPath;
  let installed: string;
  try {
    installed = (createRequire(import.meta.url)(INSTALLER_PACKAGES[tool]) as { path: string }).path;
  } catch (err) {
    // The installer packages are CommonJS and throw plain strings on unsupported platforms.
    const reason = err instanceof Error ? err.message : String(err);
    throw new MediaToolMissing(tool, `not on PATH, and ${INSTALLER_PACKAGES[tool]} failed: ${reason}`);
  }
  if (!isExecutableFile(installed)) throw new MediaToolMissing(tool, `${installed} is not executable`);
  return installed;
}

function findOnPath(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    // An empty PATH entry means the current directory; never run binaries from there.
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
