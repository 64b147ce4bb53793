export interface PollOptions {
  timeoutMs: number;
  everyMs: number;
  /** What the error says when the time is up. */
  failure: () => string;
}

/**
 * Asks `check` again every `everyMs` until it answers something other than
 * undefined (a track processed, demo content made in the background); throws
 * `failure()` once `timeoutMs` have passed. `check` may throw to stop early.
 */
export async function poll<T>(check: () => Promise<T | undefined>, opts: PollOptions): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const answer = await check();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(opts.failure());
    await new Promise((resolve) => setTimeout(resolve, opts.everyMs));
  }
}
