import { closeSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Veza's pino log (one JSON object per line, in bench/results/logs/<id>-veza.log)
 * read as it grows: how long a processing job took is what the job itself
 * logs, so the benchmark reads it from there rather than guessing from outside.
 */

export type LogLine = Record<string, unknown> & { level?: number; msg?: string };

/** Where the log ends now: pass it to LogReader to see only what comes next. */
export function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export class LogReader {
  private partial = '';

  constructor(
    private readonly file: string,
    private offset = 0,
  ) {}

  /** Complete lines written since the last call; lines that are not JSON are skipped. */
  next(): LogLine[] {
    const size = logSize(this.file);
    if (size <= this.offset) return [];
    const buffer = Buffer.alloc(size - this.offset);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.offset);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    const parts = (this.partial + buffer.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    return parseLines(parts);
  }

  /**
   * Polls every `everyMs` until a line matches `found` (resolves with it) or
   * `failed` (rejects with its message), or the timeout passes.
   */
  async waitFor(
    what: string,
    found: (line: LogLine) => boolean,
    opts: { failed?: (line: LogLine) => boolean; timeoutMs: number; everyMs?: number },
  ): Promise<LogLine> {
    const deadline = Date.now() + opts.timeoutMs;
    for (;;) {
      for (const line of this.next()) {
        if (found(line)) return line;
        if (opts.failed?.(line)) throw new Error(`${what}: the server logged ${JSON.stringify(line).slice(0, 800)}`);
      }
      if (Date.now() > deadline) throw new Error(`${what}: nothing in ${this.file} after ${opts.timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, opts.everyMs ?? 50));
    }
  }
}

/** The JSON lines written between two offsets (logSize() readings); a line cut at `to` is left out. */
export function linesBetween(file: string, from: number, to: number): LogLine[] {
  const buffer = Buffer.alloc(Math.max(0, to - from));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  return parseLines(buffer.toString('utf8').split('\n').slice(0, -1));
}

function parseLines(texts: string[]): LogLine[] {
  const lines: LogLine[] = [];
  for (const text of texts) {
    if (!text.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(text) as LogLine);
    } catch {
      // a line pino did not write (a child's stray output): not ours to read
    }
  }
  return lines;
}

/** Lines at pino's error level or above (50 error, 60 fatal) since `fromOffset`: evidence for the notes. */
export function loggedErrors(file: string, fromOffset = 0): LogLine[] {
  return new LogReader(file, fromOffset).next().filter((line) => (line.level ?? 0) >= 50);
}

/** One note summing up the server errors a benchmark saw, or none. */
export function errorNote(file: string, fromOffset = 0): string[] {
  const errors = loggedErrors(file, fromOffset);
  if (errors.length === 0) return [];
  const first = errors[0]!;
  const err = first.err as { message?: string } | undefined;
  return [
    `the server logged ${errors.length} error line(s) during the run; first: "${String(first.msg)}"` +
      `${err?.message ? ` (${err.message})` : ''} — see ${file}`,
  ];
}
