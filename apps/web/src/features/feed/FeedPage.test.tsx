import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlayerProvider } from '@/features/player';
import { aMe, fakeServer, json, problem, testApi } from '@/test/fake-api';
import { FakeEngine } from '@/test/fake-engine';
import { renderPage } from '@/test/render';
import { aSummary } from '@/test/playlists';
import { aTrack } from '@/test/tracks';
import { FeedPage } from './FeedPage';
import type { FeedItem, FeedPage as Page } from './feed.types';

const me = aMe({ username: 'listener' });
const person = (username: string, displayName: string | null = null) => ({
  id: `00000000-0000-4000-9000-${username.padStart(12, '0')}`.slice(0, 36),
  username,
  displayName,
  avatarUrl: null,
});

function item(title: string, repostedBy: FeedItem['repostedBy'] = { users: [], total: 0 }): FeedItem {
  return {
    at: new Date(Date.now() - 5 * 60_000).toISOString(),
    kind: repostedBy.total > 0 ? 'repost' : 'upload',
    track: aTrack({ title }),
    repostedBy,
  };
}

function show(pages: Page[] | 'fail') {
  let call = 0;
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: me }),
    'GET /api/v1/feed': () =>
      pages === 'fail' ? problem(400, 'VALIDATION_FAILED') : json(200, pages[Math.min(call++, pages.length - 1)]),
  });
  renderPage(
    <PlayerProvider createEngine={() => new FakeEngine()}>
      <FeedPage />
    </PlayerProvider>,
    { api: testApi(server), at: '/feed', restoreSession: true },
  );
  return { server, user: userEvent.setup() };
}

function playlistItem(title: string, repostedBy: FeedItem['repostedBy']): FeedItem {
  return {
    at: new Date(Date.now() - 60 * 60_000).toISOString(),
    kind: 'playlist',
    playlist: aSummary({ title, itemCount: 12, owner: { id: person('dj').id, username: 'dj', displayName: 'DJ Mix' } }),
    repostedBy,
  };
}

const row = (title: string) => screen.getByRole('link', { name: title }).closest('li')!;

describe('Feed page', () => {
  it('shows uploads and reposts, with who reposted: "A and 2 others"', async () => {
    show([
      {
        items: [
          item('Crowd pleaser', { users: [person('ada', 'Ada'), person('bo'), person('cy')], total: 3 }),
          item('Viral', { users: [person('ada', 'Ada'), person('bo'), person('cy')], total: 9 }),
          item('Fresh upload'),
        ],
        nextCursor: null,
      },
    ]);
    await screen.findByRole('link', { name: 'Fresh upload' });
    expect(row('Crowd pleaser').textContent).toContain('Reposted by Ada, bo and cy');
    expect(row('Viral').textContent).toContain('Reposted by Ada and 8 others');
    expect(within(row('Viral')).getByRole('link', { name: 'Ada' }).getAttribute('href')).toBe('/u/ada');
    expect(row('Fresh upload').textContent).toContain('New upload');
    expect(row('Fresh upload').textContent).toContain('5 minutes ago');
    expect(within(row('Fresh upload')).getByRole('button', { name: 'Play Fresh upload' })).toBeTruthy();
    expect(screen.getByText("You're all caught up.")).toBeTruthy();
  });

  it('shows a reposted playlist with its owner and size, linking to it', async () => {
    show([
      {
        items: [item('A track'), playlistItem('Summer mix', { users: [person('ada', 'Ada')], total: 1 })],
        nextCursor: null,
      },
    ]);
    await screen.findByRole('link', { name: 'Summer mix' });
    const card = row('Summer mix');
    expect(card.textContent).toContain('Reposted by Ada');
    expect(card.textContent).toContain('Playlist');
    expect(card.textContent).toContain('12 tracks');
    expect(within(card).getByRole('link', { name: 'Summer mix' }).getAttribute('href')).toMatch(/^\/playlists\//);
    expect(within(card).getByRole('link', { name: 'DJ Mix' }).getAttribute('href')).toBe('/u/dj');
    // Only tracks go to the player: a playlist's card has no play button of its own.
    expect(within(card).queryByRole('button')).toBeNull();
  });

  it('loads more pages with the cursor', async () => {
    const { server, user } = show([
      { items: [item('First page')], nextCursor: 'c1' },
      { items: [item('Second page')], nextCursor: null },
    ]);
    await screen.findByRole('link', { name: 'First page' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Second page' });
    const [, second] = server.calls('GET /api/v1/feed');
    expect(new URL(second!.url).searchParams.get('cursor')).toBe('c1');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('suggests finding artists to follow when empty', async () => {
    show([{ items: [], nextCursor: null }]);
    await screen.findByRole('heading', { name: 'Nothing here yet' });
    expect(screen.getByRole('link', { name: 'Find artists to follow' }).getAttribute('href')).toBe('/');
  });

  it('says so when the feed does not load, with a retry', async () => {
    show('fail');
    await screen.findByText("Your feed didn't load.");
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
