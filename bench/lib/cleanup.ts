/**
 * What must be undone if the run stops half-way (Ctrl-C, a benchmark
 * throwing): servers, Veza's embedded Postgres and its temp dir, a load
 * generator still firing. Undone newest first, so a process stops before
 * its data dir is removed.
 */
type Cleanup = () => Promise<void> | void;

const pending: Cleanup[] = [];

/** Registers `fn`; call the returned function once it has been done the normal way. */
export function deferCleanup(fn: Cleanup): () => void {
  pending.push(fn);
  return () => {
    const i = pending.lastIndexOf(fn);
    if (i >= 0) pending.splice(i, 1);
  };
}

export async function cleanUpAll(): Promise<void> {
  while (pending.length) {
    const fn = pending.pop()!;
    try {
      await fn();
    } catch (err) {
      process.stderr.write(`cleanup failed: ${(err as Error).message}\n`);
    }
  }
}
