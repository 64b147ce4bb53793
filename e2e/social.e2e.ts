import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { hidden, screenshot, skipWithoutChromium, visible, watchPage } from './lib/browser';
import { AUTOPLAY, useApp } from './lib/app';
import { logIn, tokenOf } from './lib/session';
import { poll } from './lib/wait';

// The social acceptance journey: a listener likes a track and the heart
// fills before the server has answered; then the artist makes another track
// private between the listener's page load and their click, so the server
// really refuses the like (404): the heart empties again and a toast says
// why. Then "Add to playlist" with a new playlist and Undo, and the library.

const LISTENER = { login: 'demo_listener', password: 'veza-demo-password' };
const ARTIST = { login: 'demo_artist', password: 'veza-demo-password' };
const DESKTOP = { width: 1280, height: 800 };
const DEMO_TRACKS_TIMEOUT_MS = 150_000;

interface ListedTrack {
  id: string;
  title: string;
}

const skip = skipWithoutChromium();

describe.skipIf(skip)('social journey', () => {
  // The player journey presses play; headless Chromium would refuse play() after an await otherwise.
  const app = useApp(AUTOPLAY);

  async function newPage(): Promise<Page> {
    const { server, browser } = app();
    const context = await browser.newContext({ baseURL: server.url, viewport: DESKTOP });
    const page = await context.newPage();
    onTestFailed(async ({ task }) => {
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      await screenshot(page, `FAILED-social-${slug}`).catch(() => undefined);
    });
    return page;
  }

  /** The demo tracks are generated and processed in the background after the first start. */
  async function demoTracks(count: number): Promise<ListedTrack[]> {
    const { server } = app();
    let ready = 0;
    return poll(
      async () => {
        const res = await fetch(`${server.url}/api/v1/tracks?limit=20`);
        const { items } = (await res.json()) as { items: ListedTrack[] };
        ready = items.length;
        return items.length >= count ? items : undefined;
      },
      {
        timeoutMs: DEMO_TRACKS_TIMEOUT_MS,
        everyMs: 1000,
        failure: () => `only ${ready} demo tracks ready:\n${server.output()}`,
      },
    );
  }

  /** The artist acting through the API, as from another device. */
  async function asArtist(method: string, path: string, body: unknown): Promise<Response> {
    const { server } = app();
    const accessToken = await tokenOf(server, ARTIST.login, ARTIST.password);
    return fetch(`${server.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(body),
    });
  }

  const latest = (page: Page) => page.getByRole('region', { name: 'Latest tracks' });
  const heart = (page: Page, title: string) =>
    latest(page).getByRole('button', { name: new RegExp(`^Liked? “${title}”`) });

  it('fills the heart at once, and rolls back with the reason when the server refuses', async () => {
    const tracks = await demoTracks(4);
    const [liked, refused] = [tracks[0]!, tracks[1]!];
    const page = await newPage();
    const { pageErrors } = watchPage(page);
    await logIn(page, LISTENER.login, LISTENER.password);
    await visible(heart(page, liked.title));
    await expect(heart(page, liked.title).getAttribute('aria-pressed')).resolves.toBe('false');

    // Hold the like on its way to the server: whatever the page shows meanwhile, it showed before any answer.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/v1/tracks/${liked.id}/like`, async (route) => {
      await held;
      await route.continue();
    });
    const answered = page.waitForResponse(`**/api/v1/tracks/${liked.id}/like`);
    await heart(page, liked.title).click();
    await page.waitForFunction(
      (title) =>
        document.querySelector(`button[aria-label^="Liked “${title}”"]`)?.getAttribute('aria-pressed') === 'true',
      liked.title,
      { timeout: 2000 },
    );
    await expect(heart(page, liked.title).getAttribute('aria-label')).resolves.toBe(`Liked “${liked.title}”, 1 like`);
    release();
    const response = await answered;
    expect(response.status()).toBe(200);
    await expect(response.json()).resolves.toEqual({ liked: true, likeCount: 1 });
    await page.unroute(`**/api/v1/tracks/${liked.id}/like`);
    await screenshot(page, 'social-1280-01-heart-filled');

    // Between this page's load and the click, the artist makes the other track private.
    const hide = await asArtist('PATCH', `/api/v1/tracks/${refused.id}`, { visibility: 'private' });
    expect(hide.status).toBe(200);
    const refusal = page.waitForResponse(`**/api/v1/tracks/${refused.id}/like`);
    await heart(page, refused.title).click();
    expect((await refusal).status()).toBe(404);

    const toast = page.locator('.toast-error').filter({ hasText: `Couldn't like “${refused.title}”` });
    await visible(toast);
    await expect(toast.locator('.toast-message').textContent()).resolves.toBe(
      `Couldn't like “${refused.title}”: No track with that id, or it is private.`,
    );
    await expect(heart(page, refused.title).getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(heart(page, refused.title).getAttribute('aria-label')).resolves.toBe(
      `Like “${refused.title}”, 0 likes`,
    );
    await screenshot(page, 'social-1280-02-rollback-toast', { fullPage: false });
    // The first like stayed.
    await expect(heart(page, liked.title).getAttribute('aria-pressed')).resolves.toBe('true');
    expect(pageErrors).toEqual([]);
  });

  it('adds a track to a new playlist from its menu, undoes it, and finds it all in the library', async () => {
    // The first journey made one of the four private: three are left.
    const tracks = await demoTracks(3);
    const [track, other] = [tracks[0]!, tracks[1]!];
    const page = await newPage();
    const { pageErrors } = watchPage(page);
    await logIn(page, LISTENER.login, LISTENER.password);

    const add = latest(page).getByRole('button', { name: `Add “${track.title}” to a playlist` });
    await add.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: `Add “${track.title}” to…` });
    await visible(menu);
    await visible(menu.getByText('No playlists yet.'));
    await menu.getByRole('menuitem', { name: /New playlist/ }).click();
    await menu.getByRole('textbox', { name: 'New playlist' }).fill('Night drive');
    await screenshot(page, 'social-1280-03-add-to-playlist-new', { fullPage: false });
    await page.keyboard.press('Enter');

    const added = page.locator('.toast').filter({ hasText: `Added “${track.title}” to “Night drive”.` });
    await visible(added);
    await hidden(menu);

    // A second track, through the menu now that the playlist exists.
    await latest(page)
      .getByRole('button', { name: `Add “${other.title}” to a playlist` })
      .click();
    const otherMenu = page.getByRole('menu', { name: `Add “${other.title}” to…` });
    await visible(otherMenu.getByRole('menuitem', { name: /Night drive/ }));
    await expect(otherMenu.getByRole('menuitem', { name: /Night drive/ }).textContent()).resolves.toContain('1 track');
    await screenshot(page, 'social-1280-04-add-to-playlist-menu', { fullPage: false });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const second = page.locator('.toast').filter({ hasText: `Added “${other.title}” to “Night drive”.` });
    await visible(second);
    await second.getByRole('button', { name: 'Undo' }).click();
    await visible(page.locator('.toast').filter({ hasText: `Removed “${other.title}” from “Night drive”.` }));

    await page.getByRole('banner').getByRole('link', { name: 'Library' }).click();
    await page.waitForURL('**/library');
    await visible(page.getByRole('list', { name: 'Liked tracks' }));
    await screenshot(page, 'social-1280-05-library-likes');
    await page.getByRole('tab', { name: 'Playlists' }).click();
    const playlist = page
      .getByRole('list', { name: 'Your playlists' })
      .getByRole('listitem')
      .filter({ hasText: 'Night drive' });
    await visible(playlist);
    await expect(playlist.textContent()).resolves.toContain('1 track');
    await screenshot(page, 'social-1280-06-library-playlists');
    await page.getByRole('tab', { name: 'History' }).click();
    await visible(page.getByRole('heading', { name: 'Nothing played yet' }));
    await screenshot(page, 'social-1280-07-library-history-empty');
    expect(pageErrors).toEqual([]);
  });

  it('likes from the player bar, adds from the player, and follows the artist from their profile', async () => {
    const tracks = await demoTracks(3);
    const track = tracks.find((t) => t.title === 'Morning Chord') ?? tracks[2]!;
    const page = await newPage();
    const { pageErrors } = watchPage(page);
    await logIn(page, LISTENER.login, LISTENER.password);

    await page.goto(`/tracks/${track.id}`);
    const hero = page.locator('.track-hero');
    await visible(hero.getByRole('heading', { name: track.title, level: 1 }));
    await hero.getByRole('button', { name: `Play ${track.title}` }).click();
    const bar = page.getByRole('region', { name: 'Player' });
    const barHeart = bar.getByRole('button', { name: new RegExp(`^Liked? “${track.title}”`) });
    await visible(barHeart);
    await barHeart.click();
    // One cache: the page's heart and count follow the player's.
    const pageHeart = hero.getByRole('button', { name: `Liked “${track.title}”, 1 like` });
    await visible(pageHeart);
    await expect(pageHeart.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(barHeart.getAttribute('aria-pressed')).resolves.toBe('true');
    await visible(hero.getByRole('button', { name: `Repost “${track.title}”, 0 reposts` }));

    await bar.getByRole('button', { name: `Add “${track.title}” to a playlist` }).click();
    const menu = page.getByRole('menu', { name: `Add “${track.title}” to…` });
    await visible(menu.getByRole('menuitem', { name: /Night drive/ }));
    await screenshot(page, 'social-1280-08-track-page-player-menu', { fullPage: false });
    await page.keyboard.press('Escape');
    await hidden(menu);

    await page.goto('/u/demo_artist');
    const follow = page.getByRole('button', { name: 'Follow Demo Artist, 0 followers' });
    await visible(follow);
    await follow.click();
    const following = page.getByRole('button', { name: 'Following Demo Artist, 1 follower' });
    await visible(following);
    await expect(following.getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(page, 'social-1280-09-profile-following', { fullPage: false });
    // Still following after a reload: the server has it.
    await page.reload();
    await visible(page.getByRole('button', { name: 'Following Demo Artist, 1 follower' }));
    expect(pageErrors).toEqual([]);
  });
});
