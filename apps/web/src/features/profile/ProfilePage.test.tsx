import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PublicProfile } from '@/api';
import { fakeServer, json, problem, testApi } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { ProfilePage } from './ProfilePage';

const grace: PublicProfile = {
  id: '0b9f1a52-5d62-4d0e-8a43-7f1f2b9d6c01',
  username: 'grace_h',
  displayName: 'Grace Hopper',
  bio: 'Synth pop from the Navy yard.\nLive sets on Fridays.',
  links: [
    { label: 'Bandcamp', url: 'https://grace.bandcamp.com' },
    { label: 'Bad', url: 'javascript:alert(1)' },
  ],
  avatarUrl: 'https://cdn.veza.test/avatars/grace.webp',
  role: 'artist',
  createdAt: '2023-11-20T12:00:00.000Z',
  followerCount: 12,
  followingCount: 3,
  likesPublic: true,
};

function show(username: string, routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(routes);
  renderPage(<ProfilePage />, { api: testApi(server), at: `/u/${username}`, path: '/u/:username' });
  return server;
}

describe('ProfilePage', () => {
  it('shows the public profile', async () => {
    const server = show('grace_h', {
      'GET /api/v1/users/grace_h': () => json(200, grace),
      'GET /api/v1/users/grace_h/tracks': () => json(200, { items: [], nextCursor: null }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeTruthy();
    expect(screen.getByText('@grace_h')).toBeTruthy();
    expect(screen.getByText('artist')).toBeTruthy();
    expect(screen.getByText(/Synth pop from the Navy yard/)).toBeTruthy();
    expect(screen.getByRole('img', { name: "Grace Hopper's avatar" }).getAttribute('src')).toBe(grace.avatarUrl);
    const link = screen.getByRole('link', { name: /Bandcamp/ });
    expect(link.getAttribute('href')).toBe('https://grace.bandcamp.com');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(screen.queryByRole('link', { name: /Bad/ })).toBeNull();
    expect(screen.getByText('November 2023')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Edit profile' })).toBeNull();
    expect(await screen.findByText('Grace Hopper has no public tracks yet.')).toBeTruthy();
    expect(server.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/users/grace_h',
      '/api/v1/users/grace_h/tracks',
    ]);
  });

  it('falls back to initials and the username when there is no avatar or display name', async () => {
    show('bob', {
      'GET /api/v1/users/bob': () =>
        json(200, {
          ...grace,
          username: 'bob',
          displayName: null,
          avatarUrl: null,
          bio: null,
          links: [],
          role: 'listener',
        }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'bob' })).toBeTruthy();
    expect(screen.getByRole('img', { name: "bob's avatar" }).textContent).toBe('BO');
    expect(screen.getByText('No bio yet.')).toBeTruthy();
  });

  it('says "No one here by that name" for an unknown username', async () => {
    show('nobody', { 'GET /api/v1/users/nobody': () => problem(404, 'USER_NOT_FOUND') });

    expect(await screen.findByRole('heading', { name: 'No one here by that name' })).toBeTruthy();
    expect(screen.getByText('@nobody')).toBeTruthy();
  });
});
