import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlayerProvider, usePlayerState } from '@/features/player';
import { fakeServer, json, noContent, problem, route, testApi } from '@/test/fake-api';
import { deferred } from '@/test/deferred';
import { FakeEngine } from '@/test/fake-engine';
import { aPlaylist, anItem, anUnavailableItem, ME } from '@/test/playlists';
import { renderPage } from '@/test/render';
import { aTrack } from '@/test/tracks';
import { PlaylistPage } from './PlaylistPage';
import type { Playlist } from './playlists.types';

const [one, two, three] = [aTrack({ title: 'One' }), aTrack({ title: 'Two' }), aTrack({ title: 'Three' })];

function fourItems(overrides: Partial<Playlist> = {}): Playlist {
  return aPlaylist({
    items: [anItem(one, 0), anUnavailableItem(1), anItem(two, 2), anItem(three, 3)],
    version: 3,
    ...overrides,
  });
}

/** A fake answer held back until the test has looked at the optimistic state. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open: () => open() };
}

function QueueProbe() {
  const queue = usePlayerState((s) => s.queue.map((t) => t.title).join(' | '));
  return <p data-testid="queue">{queue}</p>;
}

function show(playlist: Playlist, routes: Parameters<typeof fakeServer>[0] = {}, { signedIn = true } = {}) {
  const engine = new FakeEngine();
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () =>
      signedIn ? json(200, { accessToken: 'tok', expiresIn: 900, user: ME }) : problem(401, 'INVALID_SESSION'),
    'GET /api/v1/me': () => json(200, ME),
    'GET /api/v1/me/relations': () => json(200, { tracks: [], users: [], playlists: [] }),
    ...route(`GET /api/v1/playlists/${playlist.id}`, () => json(200, playlist)),
    ...[one, two, three].reduce(
      (all, t) => ({
        ...all,
        ...route(`GET /api/v1/tracks/${t.id}/stream`, () =>
          json(200, { url: `/stream/${t.id}/master.m3u8?token=t`, expiresAt: '2030-01-01T00:00:00Z' }),
        ),
      }),
      {},
    ),
    ...routes,
  });
  renderPage(
    <PlayerProvider createEngine={() => engine}>
      <PlaylistPage />
      <QueueProbe />
    </PlayerProvider>,
    { api: testApi(server), at: `/playlists/${playlist.id}`, path: '/playlists/:id', restoreSession: true },
  );
  return { engine, server, user: userEvent.setup() };
}

const rowTitles = () =>
  within(screen.getByRole('list', { name: 'Tracks' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.playlist-item-title')?.textContent);

describe('PlaylistPage', () => {
  it('shows the items, greys the unavailable one without a title, and plays the available ones in order', async () => {
    const playlist = fourItems();
    const { engine, user } = show(playlist);
    await screen.findByRole('heading', { level: 1, name: 'Road trip' });
    await waitFor(() => expect(rowTitles()).toEqual(['One', 'Unavailable track', 'Two', 'Three']));
    expect(screen.getByText('1 unavailable')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Play Road trip' }));
    await waitFor(() => expect(engine.loads).toHaveLength(1));
    expect(engine.loads[0]!.url).toContain(one.id);
    expect(screen.getByTestId('queue').textContent).toBe('One | Two | Three');
    // While it plays, the big button pauses it.
    await user.click(await screen.findByRole('button', { name: 'Pause Road trip' }));
    expect(await screen.findByRole('button', { name: 'Play Road trip' })).toBeTruthy();

    // Starting from a row keeps the same queue.
    await user.click(screen.getByRole('button', { name: 'Play Three' }));
    await waitFor(() => expect(engine.loads.at(-1)!.url).toContain(three.id));
    expect(screen.getByTestId('queue').textContent).toBe('One | Two | Three');
  });

  it('reorders from the keyboard at once, sending If-Match, and keeps focus on the moved handle', async () => {
    const playlist = fourItems();
    const moved = fourItems({
      version: 4,
      items: [anItem(one, 0), anUnavailableItem(1), playlist.items[3]!, playlist.items[2]!].map((item, position) => ({
        ...item,
        position,
      })),
    });
    const put = `PUT /api/v1/playlists/${playlist.id}/tracks/${playlist.items[3]!.id}/position` as const;
    const { server, user } = show(
      playlist,
      route(put, () => json(200, moved)),
    );
    const handle = await screen.findByRole('button', { name: /^Move Three, position 4/ });
    handle.focus();
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(rowTitles()).toEqual(['One', 'Unavailable track', 'Three', 'Two']));
    expect(rowTitles()).toEqual(['One', 'Unavailable track', 'Three', 'Two']);
    await waitFor(() => expect(server.calls(put)).toHaveLength(1));
    const request = server.calls(put)[0]!;
    expect(request.headers.get('if-match')).toBe('"3"');
    expect(await request.json()).toEqual({ position: 2 });
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Move Three, position 3/));
    expect(screen.getByText('Three moved to position 3 of 4.')).toBeTruthy();
  });

  it('sends two quick moves one after the other, the second with the version the first answer left', async () => {
    const playlist = fourItems();
    const three = playlist.items[3]!;
    const put = `PUT /api/v1/playlists/${playlist.id}/tracks/${three.id}/position` as const;
    const firstAnswer = deferred<void>();
    const { server, user } = show(
      playlist,
      route(put, async (request) => {
        const version = Number(request.headers.get('if-match')?.replaceAll('"', ''));
        const { position } = (await request.json()) as { position: number };
        if (version === 3) await firstAnswer.promise;
        const items = playlist.items.filter((item) => item.id !== three.id);
        items.splice(position, 0, three);
        return json(200, {
          ...playlist,
          version: version + 1,
          items: items.map((item, at) => ({ ...item, position: at })),
        });
      }),
    );
    (await screen.findByRole('button', { name: /^Move Three, position 4/ })).focus();
    await user.keyboard('{ArrowUp}');
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(rowTitles()).toEqual(['One', 'Three', 'Unavailable track', 'Two']));
    expect(server.calls(put)).toHaveLength(1);

    firstAnswer.resolve();
    await waitFor(() => expect(server.calls(put)).toHaveLength(2));
    expect(server.calls(put).map((r) => r.headers.get('if-match'))).toEqual(['"3"', '"4"']);
    await waitFor(() => expect(rowTitles()).toEqual(['One', 'Three', 'Unavailable track', 'Two']));
    expect(screen.queryByText(/changed meanwhile/)).toBeNull();
  });

  it('rolls a move back with a toast when the playlist changed meanwhile (412)', async () => {
    const playlist = fourItems();
    const put = `PUT /api/v1/playlists/${playlist.id}/tracks/${playlist.items[0]!.id}/position` as const;
    const answer = gate();
    const { server } = show(
      playlist,
      route(put, async () => {
        await answer.opened;
        return problem(412, 'PLAYLIST_VERSION_MISMATCH');
      }),
    );
    await screen.findByRole('heading', { level: 1, name: 'Road trip' });
    const row = within(screen.getByRole('list', { name: 'Tracks' })).getAllByRole('listitem')[0]!;
    fireEvent.keyDown(within(row).getByRole('button', { name: 'Play One' }), { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(server.calls(put)).toHaveLength(1));
    await waitFor(() => expect(rowTitles()[1]).toBe('One'));
    answer.open();
    expect(await screen.findByText(/Could not move the track: the playlist changed meanwhile/)).toBeTruthy();
    await waitFor(() => expect(rowTitles()).toEqual(['One', 'Unavailable track', 'Two', 'Three']));
  });

  it('moves a row by dragging it onto another', async () => {
    const playlist = fourItems();
    const put = `PUT /api/v1/playlists/${playlist.id}/tracks/${playlist.items[0]!.id}/position` as const;
    const [first, second, ...rest] = playlist.items;
    const moved = { ...playlist, version: 4, items: [second!, first!, ...rest] };
    const { server } = show(
      playlist,
      route(put, () => json(200, moved)),
    );
    await screen.findByRole('heading', { level: 1, name: 'Road trip' });
    const items = within(screen.getByRole('list', { name: 'Tracks' })).getAllByRole('listitem');
    const data = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), effectAllowed: '', dropEffect: '' };
    fireEvent.dragStart(items[0]!, { dataTransfer });
    // jsdom lays nothing out (its drag events carry no pointer position): the drop lands before the target.
    fireEvent.dragOver(items[2]!, { dataTransfer });
    expect(items[2]!.className).toContain('drop-before');
    fireEvent.drop(items[2]!, { dataTransfer });
    // Before "Two", counting the gap "One" leaves: position 1.
    await waitFor(() => expect(rowTitles()).toEqual(['Unavailable track', 'One', 'Two', 'Three']));
    await waitFor(() => expect(server.calls(put)).toHaveLength(1));
    expect(await server.calls(put)[0]!.json()).toEqual({ position: 1 });
  });

  it('removes an item optimistically', async () => {
    const playlist = fourItems();
    const del = `DELETE /api/v1/playlists/${playlist.id}/tracks/${playlist.items[2]!.id}` as const;
    const after = { ...playlist, version: 4, items: [playlist.items[0]!, playlist.items[1]!, playlist.items[3]!] };
    const { server, user } = show(
      playlist,
      route(del, () => json(200, after)),
    );
    await user.click(await screen.findByRole('button', { name: 'Remove Two from the playlist' }));
    await waitFor(() => expect(rowTitles()).toEqual(['One', 'Unavailable track', 'Three']));
    await waitFor(() => expect(server.calls(del)[0]!.headers.get('if-match')).toBe('"3"'));
  });

  it('likes at once and rolls back with a toast when the server refuses', async () => {
    const playlist = fourItems({ likeCount: 4 });
    const answer = gate();
    const { user } = show(
      playlist,
      route(`PUT /api/v1/playlists/${playlist.id}/like`, async () => {
        await answer.opened;
        return problem(404, 'PLAYLIST_NOT_FOUND', { detail: 'Gone.' });
      }),
    );
    const like = await screen.findByRole('button', { name: `Like “${playlist.title}”, 4 likes` });
    await user.click(like);
    await waitFor(() => expect(like.getAttribute('aria-pressed')).toBe('true'));
    expect(like.getAttribute('aria-label')).toBe(`Liked “${playlist.title}”, 5 likes`);
    answer.open();
    expect(await screen.findByText(`Couldn't like “${playlist.title}”: Gone.`)).toBeTruthy();
    await waitFor(() => expect(like.getAttribute('aria-pressed')).toBe('false'));
    expect(like.getAttribute('aria-label')).toBe(`Like “${playlist.title}”, 4 likes`);
  });

  it('shows the owner their own like and the repost count, with no repost button', async () => {
    const playlist = fourItems({ likeCount: 2, repostCount: 3 });
    show(playlist, {
      'GET /api/v1/me/relations': (request) => {
        expect(new URL(request.url).searchParams.getAll('playlists')).toEqual([playlist.id]);
        return json(200, { tracks: [], users: [], playlists: [{ id: playlist.id, liked: true, reposted: false }] });
      },
    });
    const like = await screen.findByRole('button', { name: `Liked “${playlist.title}”, 2 likes` });
    expect(like.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('img', { name: '3 reposts' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Repost/ })).toBeNull();
  });

  it('reposts someone else’s playlist and counts it', async () => {
    const other = { id: 'c2f1e3a4-0000-4000-8000-000000000001', username: 'grace_h', displayName: 'Grace Hopper' };
    const playlist = fourItems({ owner: other, viewerRole: null, repostCount: 1 });
    const { user } = show(
      playlist,
      route(`PUT /api/v1/playlists/${playlist.id}/repost`, () => json(200, { reposted: true, repostCount: 2 })),
    );
    await user.click(await screen.findByRole('button', { name: `Repost “${playlist.title}”, 1 repost` }));
    const reposted = await screen.findByRole('button', { name: `Reposted “${playlist.title}”, 2 reposts` });
    expect(reposted.getAttribute('aria-pressed')).toBe('true');
    // Not an editor: no handles, no remove, no settings.
    expect(screen.queryByRole('button', { name: /^Move / })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Manage playlist' })).toBeNull();
  });

  it('lets the owner invite a collaborator and delete after confirming', async () => {
    const playlist = fourItems();
    const withAnn = { ...playlist, version: 4, collaborators: [{ id: 'x', username: 'ann', displayName: 'Ann' }] };
    const { server, user } = show(playlist, {
      ...route(`POST /api/v1/playlists/${playlist.id}/collaborators`, () => json(200, withAnn)),
      ...route(`DELETE /api/v1/playlists/${playlist.id}`, () => noContent()),
    });
    await user.type(await screen.findByLabelText('Invite by username'), '@ann');
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    expect(await screen.findByText('@ann can now add, remove and reorder tracks.')).toBeTruthy();
    expect(await server.calls(`POST /api/v1/playlists/${playlist.id}/collaborators`)[0]!.json()).toEqual({
      username: 'ann',
    });

    await user.click(screen.getByRole('button', { name: 'Delete playlist' }));
    await user.click(screen.getByRole('button', { name: 'Delete for good' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/me/playlists'));
  });

  it('says a private or missing playlist is not available', async () => {
    const playlist = aPlaylist();
    show(
      playlist,
      route(`GET /api/v1/playlists/${playlist.id}`, () => problem(404, 'PLAYLIST_NOT_FOUND')),
      {
        signedIn: false,
      },
    );
    expect(await screen.findByRole('heading', { name: "This playlist isn't available" })).toBeTruthy();
  });
});
