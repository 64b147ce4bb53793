import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlayerProvider } from '@/features/player';
import { aMe, fakeServer, json, problem, testApi } from '@/test/fake-api';
import { FakeEngine } from '@/test/fake-engine';
import { renderPage } from '@/test/render';
import { aTrack } from '@/test/tracks';
import { HomePage } from './HomePage';

function show(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(routes);
  renderPage(
    <PlayerProvider createEngine={() => new FakeEngine()}>
      <HomePage />
    </PlayerProvider>,
    { api: testApi(server, ''), at: '/', restoreSession: true },
  );
  return { server, user: userEvent.setup() };
}

describe('HomePage', () => {
  it('says when the latest tracks failed to load, and loads them on "Try again"', async () => {
    let fail = true;
    const { user } = show({
      'GET /api/v1/tracks': () =>
        fail
          ? problem(503, 'DATABASE_UNAVAILABLE')
          : json(200, { items: [aTrack({ title: 'Back again' })], nextCursor: null }),
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/latest tracks didn't load/);
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Back again' })).toBeTruthy();
  });

  it('promises only what works: no sales yet', async () => {
    show({ 'GET /api/v1/tracks': () => json(200, { items: [], nextCursor: null }) });
    const page = (await screen.findByRole('heading', { name: /out in the open/ })).closest('.home')!;
    expect(page.textContent).not.toMatch(/sell|fair pay|marketplace/i);
  });
});

describe('Recently played', () => {
  function signedIn(history: ReturnType<typeof aTrack>[]) {
    const me = aMe();
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: me }),
      'GET /api/v1/tracks': () => json(200, { items: [], nextCursor: null }),
      'GET /api/v1/me/relations': () => json(200, { tracks: [], users: [], playlists: [] }),
      'GET /api/v1/me/history': () =>
        json(200, {
          items: history.map((track, i) => ({
            id: crypto.randomUUID(),
            playedAt: `2025-02-0${i + 1}T10:00:00.000Z`,
            track,
          })),
          nextCursor: null,
        }),
    });
    renderPage(
      <PlayerProvider createEngine={() => new FakeEngine()}>
        <HomePage />
      </PlayerProvider>,
      { api: testApi(server), at: '/', restoreSession: true },
    );
    return server;
  }

  it('shows each recently played track once', async () => {
    const loop = aTrack({ title: 'On repeat' });
    const other = aTrack({ title: 'Once' });
    signedIn([loop, loop, other, loop]);
    const shelf = (await screen.findByRole('heading', { name: 'Recently played' })).closest('section')!;
    expect(
      within(shelf)
        .getAllByRole('link', { name: /On repeat|Once/ })
        .map((l) => l.textContent),
    ).toEqual(['On repeat', 'Once']);
  });

  it('is not there when nothing was played', async () => {
    const server = signedIn([]);
    await screen.findByRole('heading', { name: /Ada Lovelace/ });
    await waitFor(() => expect(server.calls('GET /api/v1/me/history')).toHaveLength(1));
    expect(screen.queryByRole('heading', { name: 'Recently played' })).toBeNull();
  });
});
