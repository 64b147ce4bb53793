import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlayerProvider } from '@/features/player';
import { TrackPage } from '@/features/tracks/TrackPage';
import { aMe, fakeServer, json, problem, route, testApi, type FakeRoutes } from '@/test/fake-api';
import { FakeEngine } from '@/test/fake-engine';
import { renderPage } from '@/test/render';
import { aTrackDetail } from '@/test/tracks';

/** The track page, where comments live, over a fake API: no comments unless `routes` say otherwise. */
export const track = aTrackDetail({ title: 'Night drive', durationMs: 200_000 });
export const me = aMe({ id: '2a2a2a2a-0000-4000-8000-000000000001', username: 'ada', displayName: 'Ada Lovelace' });
export const owner = aMe({ id: track.artist.id, username: track.artist.username, role: 'artist' });
export const listUrl = `/api/v1/tracks/${track.id}/comments` as const;

export function show(opts: { as?: typeof me | null; routes?: FakeRoutes } = {}) {
  const engine = new FakeEngine();
  const as = opts.as === undefined ? me : opts.as;
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () =>
      as ? json(200, { accessToken: 'tok', expiresIn: 900, user: as }) : problem(401, 'INVALID_SESSION'),
    ...route(`GET /api/v1/tracks/${track.id}`, () => json(200, track)),
    ...route(`GET /api/v1/tracks/${track.id}/stream`, () =>
      json(200, { url: `/stream/${track.id}/master.m3u8?token=t`, expiresAt: '2030-01-01T00:00:00Z' }),
    ),
    ...route(`GET ${listUrl}`, () => json(200, { items: [], total: 0, nextCursor: null })),
    ...route(`GET ${listUrl}/markers`, () => json(200, { items: [] })),
    ...opts.routes,
  });
  const { unmount } = renderPage(
    <PlayerProvider createEngine={() => engine}>
      <TrackPage />
    </PlayerProvider>,
    { api: testApi(server), at: `/tracks/${track.id}`, path: '/tracks/:id', restoreSession: true },
  );
  return { engine, server, unmount, user: userEvent.setup() };
}

export const bodyOf = async (request: Request) => (await request.clone().json()) as Record<string, unknown>;
export const commentList = () => screen.findByRole('list', { name: 'Comments' });
