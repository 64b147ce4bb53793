import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, problem, testApi } from '@/test/fake-api';
import { aPlaylist, aSummary, ME } from '@/test/playlists';
import { renderPage, renderRoutes } from '@/test/render';
import { NewPlaylistPage } from './NewPlaylistPage';
import { playlistsRoutes } from './playlists.routes';

function show(routes: Parameters<typeof fakeServer>[0], at: string) {
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: ME }),
    'GET /api/v1/me': () => json(200, ME),
    'GET /api/v1/me/relations': () => json(200, { tracks: [], users: [], playlists: [] }),
    ...routes,
  });
  renderRoutes(playlistsRoutes, { api: testApi(server), at, restoreSession: true });
  return { server, user: userEvent.setup() };
}

describe('Your playlists', () => {
  it('says there are none yet and leads to creating one', async () => {
    show({ 'GET /api/v1/me/playlists': () => json(200, { items: [], nextCursor: null }) }, '/me/playlists');
    expect(await screen.findByRole('heading', { name: 'No playlists yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create your first playlist' }).getAttribute('href')).toBe(
      '/playlists/new',
    );
  });

  it('lists them with their track counts and visibility', async () => {
    const items = [aSummary({ title: 'Night bus', itemCount: 1, visibility: 'private' }), aSummary({ title: 'Gym' })];
    show({ 'GET /api/v1/me/playlists': () => json(200, { items, nextCursor: null }) }, '/me/playlists');
    expect((await screen.findByRole('link', { name: /Night bus/ })).textContent).toContain('1 track · Private');
    expect(screen.getByRole('link', { name: /Gym/ }).getAttribute('href')).toBe(`/playlists/${items[1]!.id}`);
  });
});

describe('New playlist', () => {
  function showForm(routes: Parameters<typeof fakeServer>[0]) {
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: ME }),
      'GET /api/v1/me': () => json(200, ME),
      ...routes,
    });
    renderPage(<NewPlaylistPage />, { api: testApi(server), at: '/playlists/new', restoreSession: true });
    return { server, user: userEvent.setup() };
  }

  it('checks the title, creates the playlist and opens it', async () => {
    const created = aPlaylist({ title: 'Road trip', visibility: 'unlisted' });
    const { server, user } = showForm({ 'POST /api/v1/playlists': () => json(201, created) });
    await user.click(await screen.findByRole('button', { name: 'Create playlist' }));
    expect(screen.getByText('Give the playlist a title.')).toBeTruthy();
    expect(server.calls('POST /api/v1/playlists')).toHaveLength(0);

    await user.type(screen.getByLabelText('Title'), '  Road trip ');
    await user.selectOptions(screen.getByLabelText('Visibility'), 'unlisted');
    await user.click(screen.getByRole('button', { name: 'Create playlist' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(`/playlists/${created.id}`));
    expect(await server.calls('POST /api/v1/playlists')[0]!.json()).toEqual({
      title: 'Road trip',
      description: null,
      visibility: 'unlisted',
    });
  });

  it('shows why the server refused', async () => {
    const { user } = showForm({
      'POST /api/v1/playlists': () =>
        problem(400, 'VALIDATION_FAILED', { errors: [{ path: 'body/title', message: 'is too long' }] }),
    });
    await user.type(await screen.findByLabelText('Title'), 'Anything');
    await user.click(screen.getByRole('button', { name: 'Create playlist' }));
    await waitFor(() => expect(screen.getByText(/too long/)).toBeTruthy());
  });
});
