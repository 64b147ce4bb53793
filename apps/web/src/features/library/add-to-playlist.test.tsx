import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlayerProvider } from '@/features/player';
import { LatestTracks } from '@/features/tracks';
import { deferred } from '@/test/deferred';
import { aMe, fakeServer, json, noContent, problem, route, testApi, type FakeRoutes } from '@/test/fake-api';
import { FakeEngine } from '@/test/fake-engine';
import { aPlaylistDetail, aSummary } from '@/test/playlists';
import { renderPage } from '@/test/render';
import { aTrack } from '@/test/tracks';

const me = aMe();
const song = aTrack({ title: 'Harbour Lights' });
const older = aTrack({ title: 'Old one' });
const roadTrip = aSummary({ title: 'Road trip', itemCount: 3 });
const shared = aSummary({
  title: 'Band practice',
  itemCount: 1,
  owner: { id: '0b9f1a52-5d62-4d0e-8a43-7f1f2b9d6c01', username: 'grace_h', displayName: 'Grace Hopper' },
});

function show(extra: FakeRoutes = {}) {
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: me }),
    'GET /api/v1/tracks': () => json(200, { items: [song], nextCursor: null }),
    'GET /api/v1/me/relations': () => json(200, { tracks: [], users: [], playlists: [] }),
    'GET /api/v1/me/playlists': () => json(200, { items: [roadTrip, shared], nextCursor: null }),
    ...extra,
  });
  renderPage(
    <PlayerProvider createEngine={() => new FakeEngine()}>
      <LatestTracks />
    </PlayerProvider>,
    { api: testApi(server), at: '/', restoreSession: true },
  );
  return { server, user: userEvent.setup() };
}

const addButton = () => screen.findByRole('button', { name: 'Add “Harbour Lights” to a playlist' });

describe('add to playlist', () => {
  it('opens from the keyboard, moves with arrows, closes with Escape', async () => {
    const { user } = show();
    const button = await addButton();

    button.focus();
    await user.keyboard('{Enter}');
    const menu = await screen.findByRole('menu', { name: 'Add “Harbour Lights” to…' });
    await within(menu).findByRole('menuitem', { name: /Road trip/ });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Road trip3 tracks',
      'Band practice1 track · shared',
      '+ New playlist…',
    ]);
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[1]);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(items[2]);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('adds at once, confirms with Undo, and Undo removes the item that was added', async () => {
    const answer = deferred<void>();
    // Harbour Lights is already in the playlist once: Undo must remove the new copy, not the old.
    const after = aPlaylistDetail({ ...roadTrip, version: 2 }, [older, song, older, song]);
    const { server, user } = show({
      ...route(`POST /api/v1/playlists/${roadTrip.id}/tracks`, () => answer.promise.then(() => json(200, after))),
      ...route(`DELETE /api/v1/playlists/${roadTrip.id}/tracks/${after.items[3]!.id}`, () => noContent()),
    });

    await user.click(await addButton());
    await user.click(await screen.findByRole('menuitem', { name: /Road trip/ }));

    expect(screen.queryByRole('menu')).toBeNull();
    const add = server.calls(`POST /api/v1/playlists/${roadTrip.id}/tracks`);
    expect(add).toHaveLength(1);
    expect(await add[0]!.json()).toEqual({ trackIds: [song.id] });
    // The count moved before the server answered.
    await user.click(await addButton());
    expect((await screen.findByRole('menuitem', { name: /Road trip/ })).textContent).toContain('4 tracks');
    await user.keyboard('{Escape}');

    answer.resolve();
    const toast = (await screen.findByText('Added “Harbour Lights” to “Road trip”.')).closest('.toast') as HTMLElement;
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));

    expect(await screen.findByText('Removed “Harbour Lights” from “Road trip”.')).toBeTruthy();
    expect(server.calls(`DELETE /api/v1/playlists/${roadTrip.id}/tracks/${after.items[3]!.id}`)).toHaveLength(1);
    await user.click(await addButton());
    expect((await screen.findByRole('menuitem', { name: /Road trip/ })).textContent).toContain('3 tracks');
  });

  it('puts the count back and says why when the server refuses', async () => {
    const { user } = show({
      ...route(`POST /api/v1/playlists/${shared.id}/tracks`, () =>
        problem(403, 'NOT_PLAYLIST_EDITOR', {
          title: 'Not an editor',
          detail: 'Only the owner and collaborators may change this playlist.',
        }),
      ),
    });

    await user.click(await addButton());
    await user.click(await screen.findByRole('menuitem', { name: /Band practice/ }));

    expect(
      await screen.findByText(
        "Couldn't add “Harbour Lights” to “Band practice”: Only the owner and collaborators may change this playlist.",
      ),
    ).toBeTruthy();
    await user.click(await addButton());
    expect((await screen.findByRole('menuitem', { name: /Band practice/ })).textContent).toContain('1 track');
  });

  it('makes a new playlist inline and adds the track to it', async () => {
    const created = aSummary({ title: 'Night drive' });
    const { server, user } = show({
      'POST /api/v1/playlists': () => json(201, aPlaylistDetail(created, [])),
      ...route(`POST /api/v1/playlists/${created.id}/tracks`, () =>
        json(200, aPlaylistDetail({ ...created, version: 2 }, [song])),
      ),
    });

    await user.click(await addButton());
    await user.click(await screen.findByRole('menuitem', { name: /New playlist/ }));
    await user.type(screen.getByRole('textbox', { name: 'New playlist' }), 'Night drive{Enter}');

    expect(await screen.findByText('Added “Harbour Lights” to “Night drive”.')).toBeTruthy();
    expect(await server.calls('POST /api/v1/playlists')[0]!.json()).toEqual({
      title: 'Night drive',
      visibility: 'private',
    });
    await user.click(await addButton());
    expect((await screen.findAllByRole('menuitem')).map((i) => i.textContent)[0]).toBe('Night drive1 track');
  });
});
