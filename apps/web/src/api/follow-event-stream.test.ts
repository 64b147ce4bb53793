import { describe, expect, it, vi } from 'vitest';
import { aMe, answer, json, problem, testApi } from '@/test/fake-api';
import { fakeEventStream } from '@/test/event-stream';
import { followEventStream, jitteredBackoff, type StreamState } from './follow-event-stream';

const PATH = '/api/v1/me/tracks/events';

/** A fetch that answers the stream's path with the next of `answers`, and a refresh with a new token. */
function server(answers: (() => Response)[], refresh: () => Response = () => refreshed()) {
  const streamRequests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    if (new URL(request.url).pathname === '/api/v1/auth/refresh') return refresh();
    streamRequests.push(request);
    const next = answers.shift();
    return next ? next() : new Promise<Response>(() => {});
  });
  return { api: testApi({ fetch }), streamRequests };
}

const refreshed = () => json(200, { accessToken: 'fresh', expiresIn: 900, user: aMe() });
const open = (stream: ReturnType<typeof fakeEventStream>) => () =>
  answer(200, stream.body, { 'Content-Type': 'text/event-stream' });

function follow(api: ReturnType<typeof testApi>, signal: AbortSignal) {
  const values: number[] = [];
  const states: StreamState[] = [];
  const backoffMs = vi.fn((_attempt: number) => 0);
  const done = followEventStream({
    api,
    path: PATH,
    event: 'tick',
    parse: (data) => {
      const n = (JSON.parse(data) as { n?: unknown }).n;
      return typeof n === 'number' ? n : null;
    },
    onEvent: (n) => values.push(n),
    onState: (s) => states.push(s),
    signal,
    backoffMs,
  });
  return { values, states, backoffMs, done };
}

describe('followEventStream', () => {
  it('hands on the parsed events of its name with the bearer token, skipping others and malformed ones', async () => {
    const stream = fakeEventStream();
    const { api, streamRequests } = server([open(stream)]);
    api.session.start({ accessToken: 'tok', expiresIn: 900, user: aMe() });
    const controller = new AbortController();
    const { values, states, done } = follow(api, controller.signal);

    stream.send('other', { n: 1 });
    stream.send('tick', { n: 'two' });
    stream.send('tick', { n: 3 });
    await vi.waitFor(() => expect(values).toEqual([3]));
    expect(states).toEqual(['connecting', 'open']);
    expect(streamRequests[0]!.headers.get('Authorization')).toBe('Bearer tok');
    expect(streamRequests[0]!.headers.get('Accept')).toBe('text/event-stream');

    // A real fetch's body errors on abort; this fake one has to be ended.
    controller.abort();
    stream.end();
    await done;
  });

  it('reconnects after the stream ends or fails, backing off further each failure and afresh once open', async () => {
    const first = fakeEventStream();
    const last = fakeEventStream();
    const { api, streamRequests } = server([open(first), () => answer(503, null), () => answer(502, null), open(last)]);
    const controller = new AbortController();
    const { states, backoffMs } = follow(api, controller.signal);

    await vi.waitFor(() => expect(states).toEqual(['connecting', 'open']));
    first.end();
    await vi.waitFor(() => expect(streamRequests).toHaveLength(4));
    await vi.waitFor(() => expect(states.at(-1)).toBe('open'));
    expect(backoffMs.mock.calls.map(([attempt]) => attempt)).toEqual([0, 1, 2]);
    expect(states.slice(2, -1).every((s) => s === 'retrying')).toBe(true);
    controller.abort();
  });

  it('refreshes the session once on a 401 and reconnects with the new token', async () => {
    const stream = fakeEventStream();
    const { api, streamRequests } = server([() => problem(401, 'UNAUTHENTICATED'), open(stream)]);
    const controller = new AbortController();
    const { states } = follow(api, controller.signal);

    await vi.waitFor(() => expect(states.at(-1)).toBe('open'));
    expect(streamRequests[1]!.headers.get('Authorization')).toBe('Bearer fresh');
    controller.abort();
  });

  it.each([
    ['a second 401', [() => problem(401, 'UNAUTHENTICATED'), () => problem(401, 'UNAUTHENTICATED')], 2],
    ['a 404 (no such stream here)', [() => problem(404, 'NOT_FOUND')], 1],
    ['a 405', [() => answer(405, null)], 1],
  ])('stops as unavailable after %s', async (_, answers, requests) => {
    const { api, streamRequests } = server(answers);
    const { states, done } = follow(api, new AbortController().signal);
    await done;
    expect(states.at(-1)).toBe('unavailable');
    expect(streamRequests).toHaveLength(requests);
  });

  it('stops as unavailable when the refresh is refused', async () => {
    const { api, streamRequests } = server([() => problem(401, 'UNAUTHENTICATED')], () =>
      problem(401, 'UNAUTHENTICATED'),
    );
    const { states, done } = follow(api, new AbortController().signal);
    await done;
    expect(states).toEqual(['connecting', 'unavailable']);
    expect(streamRequests).toHaveLength(1);
  });

  it('ends when aborted, also while waiting to reconnect', async () => {
    const { api } = server([() => answer(503, null)]);
    const controller = new AbortController();
    const { states, backoffMs, done } = follow(api, controller.signal);
    backoffMs.mockReturnValue(60_000);
    await vi.waitFor(() => expect(states.at(-1)).toBe('retrying'));
    controller.abort();
    await done;
  });
});

describe('jitteredBackoff', () => {
  it('doubles from one second up to the cap, keeping between half and all of it', () => {
    const backoff = jitteredBackoff(60_000);
    for (const [attempt, base] of [
      [0, 1000],
      [3, 8000],
      [10, 60_000],
    ] as const) {
      const ms = backoff(attempt);
      expect(ms).toBeGreaterThanOrEqual(base / 2);
      expect(ms).toBeLessThanOrEqual(base);
    }
  });
});
