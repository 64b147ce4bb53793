import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlayerProvider } from '@/features/player';
import { TrackPage } from '@/features/tracks/TrackPage';
import { aMe, fakeServer, json, problem, route, testApi, type FakeRoutes } from '@/test/fake-api';
import { FakeEngine } from '@/test/fake-engine';
import { renderPage } from '@/test/render';
import { aTrackDetail } from '@/test/tracks';

const listener = aMe();
const track = aTrackDetail({ title: 'Night drive', repostCount: 2, likeCount: 5 });

function show(routes: FakeRoutes, me = listener) {
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: me }),
    ...route(`GET /api/v1/tracks/${track.id}`, () => json(200, track)),
    'GET /api/v1/me/relations': () =>
      json(200, { tracks: [{ id: track.id, liked: true, reposted: false }], users: [], playlists: [] }),
    ...routes,
  });
  renderPage(
    <PlayerProvider createEngine={() => new FakeEngine()}>
      <TrackPage />
    </PlayerProvider>,
    { api: testApi(server), at: `/tracks/${track.id}`, path: '/tracks/:id', restoreSession: true },
  );
  return { server, user: userEvent.setup() };
}

describe('the track page’s social buttons', () => {
  it('rolls a refused repost back, with the reason, and leaves the like alone', async () => {
    const { server, user } = show(
      route(`PUT /api/v1/tracks/${track.id}/repost`, () =>
        problem(409, 'TRACK_NOT_REPOSTABLE', {
          title: 'Not repostable',
          detail: 'Only public tracks can be reposted.',
        }),
      ),
    );
    const heart = await screen.findByRole('button', { name: 'Liked “Night drive”, 5 likes' });
    await waitFor(() => expect(heart.getAttribute('aria-pressed')).toBe('true'));
    const repost = screen.getByRole('button', { name: 'Repost “Night drive”, 2 reposts' });

    await user.click(repost);

    expect(await screen.findByText("Couldn't repost “Night drive”: Only public tracks can be reposted.")).toBeTruthy();
    expect(repost.getAttribute('aria-pressed')).toBe('false');
    expect(repost.getAttribute('aria-label')).toBe('Repost “Night drive”, 2 reposts');
    expect(server.calls(`PUT /api/v1/tracks/${track.id}/repost`)).toHaveLength(1);
    // The like was not touched by the repost's rollback.
    expect(heart.getAttribute('aria-pressed')).toBe('true');
  });

  it('offers no repost of your own track, only its count', async () => {
    show({}, aMe({ id: track.artist.id, username: track.artist.username, role: 'artist' }));
    await screen.findByRole('button', { name: /^Liked? “Night drive”/ });
    expect(screen.queryByRole('button', { name: /Repost/ })).toBeNull();
    expect(screen.getByRole('img', { name: '2 reposts' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add “Night drive” to a playlist' })).toBeTruthy();
  });
});
