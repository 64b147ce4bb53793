import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PublicProfile } from '@/api';
import { PlayerProvider } from '@/features/player';
import { FakeEngine } from '@/test/fake-engine';
import { aMe, fakeServer, json, problem, testApi, type FakeRoutes } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { aTrack } from '@/test/tracks';
import { ProfilePage } from './ProfilePage';

const ada: PublicProfile = {
  id: '3c1c2f4e-8a1b-4c7e-9d2f-5b6a7c8d9e01',
  username: 'ada',
  displayName: 'Ada Lovelace',
  bio: null,
  links: [],
  avatarUrl: null,
  role: 'listener',
  createdAt: '2024-01-01T00:00:00.000Z',
  followerCount: 1520,
  followingCount: 7,
  likesPublic: true,
};
const empty = { items: [], nextCursor: null };

function show(profile: PublicProfile, routes: FakeRoutes, at = '/u/ada') {
  const server = fakeServer({
    'GET /api/v1/users/ada': () => json(200, profile),
    'GET /api/v1/users/ada/tracks': () => json(200, empty),
    ...routes,
  });
  renderPage(
    <PlayerProvider createEngine={() => new FakeEngine()}>
      <ProfilePage />
    </PlayerProvider>,
    { api: testApi(server), at, path: '/u/:username' },
  );
  return { server, user: userEvent.setup() };
}

describe('profile tabs', () => {
  it('shows follower and following counts and moves between tabs by mouse and keyboard', async () => {
    const reposted = aTrack({ title: 'Reposted Reverie' });
    const liked = aTrack({ title: 'Liked Lullaby' });
    const { user } = show(ada, {
      'GET /api/v1/users/ada/reposts': () =>
        json(200, { items: [{ repostedAt: '2025-02-01T00:00:00.000Z', track: reposted }], nextCursor: null }),
      'GET /api/v1/users/ada/likes': () =>
        json(200, { items: [{ likedAt: '2025-02-01T00:00:00.000Z', track: liked }], nextCursor: null }),
      'GET /api/v1/users/ada/playlists': () => json(200, empty),
    });
    expect(await screen.findByText('1.5K')).toBeTruthy();
    expect(screen.getByText('Followers')).toBeTruthy();
    expect(screen.getByText('7')).toBeTruthy();

    const tabs = screen.getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['Tracks', 'Playlists', 'Reposts', 'Likes']);
    expect(await screen.findByText('Ada Lovelace has no public tracks yet.')).toBeTruthy();

    await user.click(screen.getByRole('tab', { name: 'Reposts' }));
    expect(await screen.findByRole('link', { name: 'Reposted Reverie' })).toBeTruthy();

    screen.getByRole('tab', { name: 'Reposts' }).focus();
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Likes' }).getAttribute('aria-selected')).toBe('true'));
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Likes' }));
    expect(await screen.findByRole('link', { name: 'Liked Lullaby' })).toBeTruthy();

    await user.keyboard('{Home}');
    await user.keyboard('{ArrowRight}');
    expect(await screen.findByText('Ada Lovelace has no public playlists yet.')).toBeTruthy();
  });

  it('hides the Likes tab when the user keeps their likes private, but not from themselves', async () => {
    show({ ...ada, likesPublic: false }, {});
    await screen.findByRole('tab', { name: 'Tracks' });
    expect(screen.queryByRole('tab', { name: 'Likes' })).toBeNull();
  });

  it('says so when the server refuses hidden likes to a stale page', async () => {
    // The key also fits the pattern of /users/{username}, whose declared codes the type then demands too.
    const hidden = (() => problem(403, 'LIKES_HIDDEN')) as unknown as FakeRoutes['GET /api/v1/users/ada/likes'];
    show(ada, { 'GET /api/v1/users/ada/likes': hidden }, '/u/ada?tab=likes');
    expect(await screen.findByText('Ada Lovelace keeps their likes to themselves.')).toBeTruthy();
  });

  it('pages with Load more and shows an error with a retry', async () => {
    const first = aTrack({ title: 'First Page Song' });
    const second = aTrack({ title: 'Second Page Song' });
    let fail = true;
    const { user, server } = show(ada, {
      'GET /api/v1/users/ada/tracks': (req) =>
        new URL(req.url).searchParams.get('cursor')
          ? json(200, { items: [second], nextCursor: null })
          : json(200, { items: [first], nextCursor: 'c1' }),
      'GET /api/v1/users/ada/reposts': () => (fail ? problem(404, 'USER_NOT_FOUND') : json(200, empty)),
    });
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    const list = await screen.findByRole('list', { name: 'Tracks' });
    expect(await within(list).findByRole('link', { name: 'Second Page Song' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await user.click(screen.getByRole('tab', { name: 'Reposts' }));
    expect(await screen.findByText("Reposts didn't load.")).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Ada Lovelace has not reposted anything yet.')).toBeTruthy();
    expect(server.calls('GET /api/v1/users/ada/reposts')).toHaveLength(2);
  });

  it('speaks to the owner on their own profile', async () => {
    const server = fakeServer({
      'GET /api/v1/users/ada': () => json(200, ada),
      'GET /api/v1/users/ada/tracks': () => json(200, empty),
      'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'token', expiresIn: 900, user: aMe({ id: ada.id }) }),
    });
    renderPage(
      <PlayerProvider createEngine={() => new FakeEngine()}>
        <ProfilePage />
      </PlayerProvider>,
      { api: testApi(server), at: '/u/ada', path: '/u/:username', restoreSession: true },
    );
    expect(await screen.findByText('You have no public tracks yet.')).toBeTruthy();
  });
});
