/** One of the tasks of `allOrFirstFailure`: it must stop when `signal` aborts. */
export type StoppableTask<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Runs the tasks together, like Promise.all, but the first to fail aborts
 * the others through the signal each one was given (a cut file need not be
 * encoded to the end), and the promise waits until every task has stopped
 * before it rejects, with that first failure rather than with the aborts it
 * provoked: no ffmpeg outlives the call. Aborting `outer` stops them all.
 */
export async function allOrFirstFailure<T extends readonly unknown[]>(
  tasks: { readonly [K in keyof T]: StoppableTask<T[K]> },
  outer?: AbortSignal,
): Promise<T> {
  const failFast = new AbortController();
  const signal = outer ? AbortSignal.any([outer, failFast.signal]) : failFast.signal;
  const settled = await Promise.allSettled(
    tasks.map((task: StoppableTask<unknown>) =>
      task(signal).catch((err: unknown) => {
        failFast.abort(err); // only the first call counts
        throw err;
      }),
    ),
  );
  if (failFast.signal.aborted) throw failFast.signal.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
