import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { allOrFirstFailure } from './fail-fast';

/** A task that runs until aborted, then takes a moment to stop, as a killed process does. */
function untilAborted(log: string[], name: string) {
  return (signal: AbortSignal) =>
    new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => {
        void sleep(20).then(() => {
          log.push(`${name} stopped`);
          reject(signal.reason as Error);
        });
      });
    });
}

describe('allOrFirstFailure', () => {
  it('gives every result, in order, when all succeed', async () => {
    const results = await allOrFirstFailure([async () => 1, async () => 'two', () => sleep(5).then(() => [3])]);
    expect(results).toEqual([1, 'two', [3]]);
  });

  it('stops the others at the first failure and rejects with it once they have stopped', async () => {
    const log: string[] = [];
    const cause = new Error('the file is cut short');
    const running = allOrFirstFailure([
      untilAborted(log, 'encoder'),
      () => sleep(10).then(() => Promise.reject(cause)),
      untilAborted(log, 'loudness'),
    ]);
    await expect(running).rejects.toBe(cause);
    expect(log.sort()).toEqual(['encoder stopped', 'loudness stopped']);
  });

  it('stops them all when the outer signal aborts', async () => {
    const log: string[] = [];
    const outer = new AbortController();
    const running = allOrFirstFailure([untilAborted(log, 'a'), untilAborted(log, 'b')], outer.signal);
    outer.abort(new Error('shutting down'));
    await expect(running).rejects.toThrow('shutting down');
    expect(log).toHaveLength(2);
  });
});
