import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PublicProfile } from '@/api';
import { HomePage } from '@/features/home/HomePage';
import { PlayerProvider } from '@/features/player';
import { ProfilePage } from '@/features/profile/ProfilePage';
import { deferred } from '@/test/deferred';
import { aMe, fakeServer, json, problem, route, testApi, type FakeRoutes } from '@/test/fake-api';
import { FakeEngine } from '@/test/fake-engine';
import { renderPage } from '@/test/render';
import { aTrack } from '@/test/tracks';

const me = aMe();
const session = () => json(200, { accessToken: 'tok', expiresIn: 900, user: me });
const dawn = aTrack({ title: 'Dawn', likeCount: 4 });
const dusk = aTrack({ title: 'Dusk', likeCount: 10 });
const noon = aTrack({ title: 'Noon', likeCount: 0 });

/** The home page as a signed-in listener who played Dawn and already likes Dusk. */
function home(extra: FakeRoutes = {}, { signedIn = true } = {}) {
  const server = fakeServer({
    'POST /api/v1/auth/refresh': signedIn ? session : () => problem(401, 'INVALID_SESSION'),
    'GET /api/v1/tracks': () => json(200, { items: [dawn, dusk, noon], nextCursor: null }),
    'GET /api/v1/me/history': () =>
      json(200, {
        items: [{ id: crypto.randomUUID(), playedAt: '2025-02-01T10:00:00.000Z', track: dawn }],
        nextCursor: null,
      }),
    'GET /api/v1/me/relations': (request) => {
      const ids = new URL(request.url).searchParams.getAll('tracks');
      return json(200, {
        tracks: ids.map((id) => ({ id, liked: id === dusk.id, reposted: false })),
        users: [],
        playlists: [],
      });
    },
    ...extra,
  });
  renderPage(
    <PlayerProvider createEngine={() => new FakeEngine()}>
      <HomePage />
    </PlayerProvider>,
    { api: testApi(server, signedIn ? 'csrf-123' : ''), at: '/', restoreSession: true },
  );
  return { server, user: userEvent.setup() };
}

const hearts = (title: string) => screen.getAllByRole('button', { name: new RegExp(`^Liked? “${title}”`) });

describe('likes', () => {
  it('asks for the caller’s flags once for every track on the page, and shows them', async () => {
    const { server } = home();

    await waitFor(() => expect(hearts('Dusk')[0]!.getAttribute('aria-pressed')).toBe('true'));
    expect(hearts('Dawn')[0]!.getAttribute('aria-pressed')).toBe('false');
    const calls = server.calls('GET /api/v1/me/relations');
    expect(calls).toHaveLength(1);
    expect(new URL(calls[0]!.url).searchParams.getAll('tracks').sort()).toEqual([dawn.id, dusk.id, noon.id].sort());
  });

  it('fills the heart and counts the like at once, everywhere the track shows, then takes the server’s count', async () => {
    const answer = deferred<Response>();
    const { server, user } = home({
      ...route(`PUT /api/v1/tracks/${dawn.id}/like`, () =>
        answer.promise.then(() => json(200, { liked: true, likeCount: 9 })),
      ),
    });
    // Dawn is on two shelves: recently played and the latest tracks.
    await waitFor(() => expect(hearts('Dawn')).toHaveLength(2));
    await waitFor(() => expect(server.calls('GET /api/v1/me/relations')).toHaveLength(1));

    await user.click(hearts('Dawn')[0]!);

    // Before the server has answered:
    for (const heart of hearts('Dawn')) {
      expect(heart.getAttribute('aria-pressed')).toBe('true');
      expect(heart.getAttribute('aria-label')).toBe('Liked “Dawn”, 5 likes');
      expect(heart.textContent).toBe('5');
    }
    expect(server.calls(`PUT /api/v1/tracks/${dawn.id}/like`)).toHaveLength(1);

    answer.resolve(new Response());
    await waitFor(() => expect(hearts('Dawn')[1]!.textContent).toBe('9'));
    expect(hearts('Dawn')[0]!.getAttribute('aria-label')).toBe('Liked “Dawn”, 9 likes');
  });

  it('rolls back and says why when the server refuses', async () => {
    const answer = deferred<void>();
    const { user } = home({
      ...route(`PUT /api/v1/tracks/${noon.id}/like`, () =>
        answer.promise.then(() =>
          problem(404, 'TRACK_NOT_FOUND', {
            title: 'Track not found',
            detail: 'No track with that id, or it is private.',
          }),
        ),
      ),
    });
    await waitFor(() => expect(hearts('Noon')[0]!.getAttribute('aria-pressed')).toBe('false'));

    await user.click(hearts('Noon')[0]!);
    expect(hearts('Noon')[0]!.getAttribute('aria-pressed')).toBe('true');
    expect(hearts('Noon')[0]!.textContent).toBe('1');

    answer.resolve();
    const toast = await screen.findByText(/Couldn't like “Noon”/);
    expect(toast.textContent).toBe("Couldn't like “Noon”: No track with that id, or it is private.");
    expect(toast.closest('.toast')!.className).toContain('toast-error');
    expect(hearts('Noon')[0]!.getAttribute('aria-pressed')).toBe('false');
    expect(hearts('Noon')[0]!.textContent).toBe('0');
  });

  it('unlikes from the keyboard', async () => {
    const { server, user } = home({
      ...route(`DELETE /api/v1/tracks/${dusk.id}/like`, () => json(200, { liked: false, likeCount: 9 })),
    });
    await waitFor(() => expect(hearts('Dusk')[0]!.getAttribute('aria-pressed')).toBe('true'));

    hearts('Dusk')[0]!.focus();
    await user.keyboard('{Enter}');

    expect(hearts('Dusk')[0]!.getAttribute('aria-pressed')).toBe('false');
    await waitFor(() => expect(server.calls(`DELETE /api/v1/tracks/${dusk.id}/like`)).toHaveLength(1));
    await waitFor(() => expect(hearts('Dusk')[0]!.textContent).toBe('9'));
  });

  it('sends a signed-out visitor to log in, and back here afterwards', async () => {
    const { server, user } = home({}, { signedIn: false });
    await user.click(await screen.findByRole('button', { name: 'Like “Dawn”, 4 likes' }));

    expect((await screen.findByTestId('location')).textContent).toBe('/login?next=%2F');
    expect(server.calls('GET /api/v1/me/relations')).toHaveLength(0);
  });
});

describe('follow', () => {
  const grace: PublicProfile = {
    id: '0b9f1a52-5d62-4d0e-8a43-7f1f2b9d6c01',
    username: 'grace_h',
    displayName: 'Grace Hopper',
    bio: null,
    links: [],
    avatarUrl: null,
    role: 'artist',
    createdAt: '2023-11-20T12:00:00.000Z',
    followerCount: 12,
    followingCount: 3,
    likesPublic: true,
  };

  function profile(follow: FakeRoutes) {
    const server = fakeServer({
      'POST /api/v1/auth/refresh': session,
      'GET /api/v1/users/grace_h': () => json(200, grace),
      'GET /api/v1/me/relations': () =>
        json(200, { tracks: [], users: [{ id: grace.id, following: false, blocked: false }], playlists: [] }),
      ...follow,
    });
    renderPage(<ProfilePage />, {
      api: testApi(server),
      at: '/u/grace_h',
      path: '/u/:username',
      restoreSession: true,
    });
    return { server, user: userEvent.setup() };
  }

  it('follows at once and shows the new follower count', async () => {
    const answer = deferred<void>();
    const { user } = profile({
      'PUT /api/v1/users/grace_h/follow': () =>
        answer.promise.then(() => json(200, { following: true, followerCount: 20 })),
    });
    const button = await screen.findByRole('button', { name: 'Follow Grace Hopper, 12 followers' });

    await user.click(button);

    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.textContent).toBe('Following');
    const head = button.closest('.social-follow') as HTMLElement;
    expect(within(head).getByText('13').parentElement!.textContent).toBe('13 followers');
    answer.resolve();
    await waitFor(() => expect(within(head).getByText('20')).toBeTruthy());
  });

  it('rolls back when the server refuses, with its reason', async () => {
    const { user } = profile({
      'PUT /api/v1/users/grace_h/follow': () =>
        problem(403, 'BLOCKED', { title: 'Blocked', detail: 'You cannot follow this user.' }),
    });
    const button = await screen.findByRole('button', { name: /^Follow Grace Hopper/ });

    await user.click(button);

    expect(await screen.findByText("Couldn't follow Grace Hopper: You cannot follow this user.")).toBeTruthy();
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.getAttribute('aria-label')).toBe('Follow Grace Hopper, 12 followers');
  });
});
