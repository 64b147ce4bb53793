import { spawn } from 'node:child_process';
import path from 'node:path';
import { runInBackground } from './background-priority';

export interface RunToolOptions {
  /** Aborting kills the child; the promise rejects with the signal's reason once the child is gone. */
  signal?: AbortSignal | undefined;
  /** Each stderr line; ffmpeg ends its `time=` status lines with \r, so that splits too. */
  onStderrLine?: (line: string) => void;
  /** Raw stdout as it arrives (decoded PCM). */
  onStdout?: (chunk: Buffer) => void;
  /** Stdout split into lines (`-progress pipe:1`). */
  onStdoutLine?: (line: string) => void;
}

export interface RunToolResult {
  /** Collected only when neither stdout callback is given. */
  stdout: string;
  stderrTail: string;
}

export class MediaToolError extends Error {
  constructor(
    /** The binary's base name: `ffmpeg` or `ffprobe`. */
    readonly tool: string,
    /** Null when the process never started or was killed by a signal. */
    readonly exitCode: number | null,
    readonly stderrTail: string,
    reason: string,
  ) {
    super(`${tool} ${reason}${stderrTail ? `: ${lastLine(stderrTail)}` : ''}`);
    this.name = 'MediaToolError';
  }
}

// The useful part of ffmpeg's stderr is its end (the error, the ebur128 summary); a long
// decode of a damaged file can log one line per frame, so only the tail is kept.
const STDERR_TAIL_CHARS = 64 * 1024;
// ffprobe's JSON is small; a cap stops a hostile file with huge tags from filling memory.
const MAX_COLLECTED_STDOUT = 8 * 1024 * 1024;

/** Runs a binary without a shell and resolves when it exits 0. */
export function runTool(command: string, args: readonly string[], opts: RunToolOptions = {}): Promise<RunToolResult> {
  const { signal } = opts;
  const tool = path.basename(command);
  if (signal?.aborted) return Promise.reject(abortReason(signal));

  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    // Media work is batch work: on a shared core the API's requests must go first (benchmark X2).
    if (child.pid !== undefined) runInBackground(child.pid);
    let stderrTail = '';
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let failure: Error | undefined;
    let settled = false;

    const fail = (err: unknown): void => {
      failure ??= err instanceof Error ? err : new Error(String(err));
      child.kill('SIGKILL');
    };
    const onAbort = (): void => fail(abortReason(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });

    const stderrLines = lineSplitter((line) => opts.onStderrLine?.(line), /\r\n|\r|\n/);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderrTail += text;
      if (stderrTail.length > 2 * STDERR_TAIL_CHARS) stderrTail = stderrTail.slice(-STDERR_TAIL_CHARS);
      guarded(() => stderrLines.push(text));
    });

    const stdoutLines = opts.onStdoutLine && lineSplitter(opts.onStdoutLine, /\r?\n/);
    child.stdout.on('data', (chunk: Buffer) => {
      // Once the child is being killed, what it still flushes is of no use to anyone.
      if (failure) return;
      if (opts.onStdout) return guarded(() => opts.onStdout!(chunk));
      if (stdoutLines) return guarded(() => stdoutLines.push(chunk.toString('utf8')));
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_COLLECTED_STDOUT) return fail(new MediaToolError(tool, null, '', 'printed too much'));
      stdoutChunks.push(chunk);
    });

    // A throwing callback must not leave the child running with nobody reading its pipes.
    function guarded(fn: () => void): void {
      try {
        fn();
      } catch (err) {
        fail(err);
      }
    }

    const finish = (err: Error | undefined, value?: RunToolResult): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (err === undefined) resolve(value!);
      else reject(err);
    };

    child.on('error', (err) => {
      finish(failure ?? new MediaToolError(tool, null, stderrTail, `could not start (${err.message})`));
    });
    // 'close' comes after the pipes are drained, so every line has been seen.
    child.on('close', (code, killedBy) => {
      guarded(() => stderrLines.flush());
      if (stdoutLines) guarded(() => stdoutLines.flush());
      const tail = stderrTail.slice(-STDERR_TAIL_CHARS);
      if (failure !== undefined) return finish(failure);
      if (code !== 0) {
        const how = killedBy ? `was killed by ${killedBy}` : `exited with code ${code}`;
        return finish(new MediaToolError(tool, code, tail, how));
      }
      finish(undefined, { stdout: Buffer.concat(stdoutChunks).toString('utf8'), stderrTail: tail });
    });
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted', 'AbortError');
}

// ffmpeg echoes a file's tags on stderr; a hostile file can make one "line" megabytes long.
const MAX_LINE_CHARS = 16 * 1024;

function lineSplitter(onLine: (line: string) => void, separator: RegExp): { push(text: string): void; flush(): void } {
  let partial = '';
  return {
    push(text) {
      const parts = (partial + text).split(separator);
      partial = (parts.pop() ?? '').slice(0, MAX_LINE_CHARS);
      for (const line of parts) onLine(line.slice(0, MAX_LINE_CHARS));
    },
    flush() {
      if (partial) onLine(partial);
      partial = '';
    },
  };
}

function lastLine(text: string): string {
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() !== '');
  return (lines.at(-1) ?? '').trim();
}
