import type { Locator, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { screenshot, skipWithoutChromium, visible, watchPage } from './lib/browser';
import { AUTOPLAY, useApp } from './lib/app';
import { logIn, tokenOf } from './lib/session';
import { poll } from './lib/wait';

// The Playlists acceptance journey: the demo listener creates a playlist from
// the header, gets three of the demo artist's tracks in it (through the API:
// "Add to playlist" buttons are another journey's), plus one the artist then
// makes private; reorders by dragging and from the keyboard (the order holds
// after a reload); likes it; and plays it through, the player moving over
// every available item and skipping the unavailable one.

const LISTENER = { login: 'demo_listener', password: 'veza-demo-password' };
const ARTIST = { login: 'demo_artist', password: 'veza-demo-password' };
const TITLE = 'Road trip';
const DESKTOP = { width: 1280, height: 900 };
const DEMO_TRACKS_TIMEOUT_MS = 240_000;

const skip = skipWithoutChromium();

interface DemoTrack {
  id: string;
  title: string;
  status: string;
}

describe.skipIf(skip)('playlists journey', () => {
  const app = useApp(AUTOPLAY);

  async function api<T>(token: string, method: string, path: string, body?: object): Promise<T> {
    const res = await fetch(`${app().server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  /** The demo artist's tracks, once four of them finished processing (the server makes them at start). */
  async function readyDemoTracks(artistToken: string): Promise<DemoTrack[]> {
    let last: DemoTrack[] = [];
    return poll(
      async () => {
        last = (await api<{ items: DemoTrack[] }>(artistToken, 'GET', '/me/tracks?limit=20')).items;
        const ready = last.filter((t) => t.status === 'ready');
        return ready.length >= 4 ? ready.slice(0, 4) : undefined;
      },
      {
        timeoutMs: DEMO_TRACKS_TIMEOUT_MS,
        everyMs: 2000,
        failure: () => `demo tracks not ready: ${JSON.stringify(last)}`,
      },
    );
  }

  async function newPage(): Promise<Page> {
    const context = await app().browser.newContext({ baseURL: app().server.url, viewport: DESKTOP });
    const page = await context.newPage();
    onTestFailed(async ({ task }) => {
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      await screenshot(page, `FAILED-playlists-${slug}`).catch(() => undefined);
    });
    return page;
  }

  const rows = (page: Page) => page.getByRole('list', { name: 'Tracks' }).getByRole('listitem');
  /** The titles of the rows in order, "Unavailable track" for hidden ones. */
  const order = async (page: Page) =>
    (await rows(page).locator('.playlist-item-title').allTextContents()).map((t) => t.trim());
  const handle = (page: Page, title: string): Locator =>
    page.getByRole('button', { name: new RegExp(`^Move ${title}, position`) });
  const playerBar = (page: Page) => page.getByRole('region', { name: 'Player' });

  async function reloadAndRead(page: Page, expected: number): Promise<string[]> {
    await page.reload();
    await expect.poll(async () => (await order(page)).length, { timeout: 10_000 }).toBe(expected);
    return order(page);
  }

  it('creates a playlist, reorders it by drag and by keyboard, likes it and plays it through', async () => {
    const artistToken = await tokenOf(app().server, ARTIST.login, ARTIST.password);
    const listenerToken = await tokenOf(app().server, LISTENER.login, LISTENER.password);
    const demo = await readyDemoTracks(artistToken);

    const page = await newPage();
    const { pageErrors } = watchPage(page);
    await logIn(page, LISTENER.login, LISTENER.password);

    // The account menu leads to the listener's playlists: none yet.
    await page
      .getByRole('banner')
      .getByRole('button', { name: /account menu/ })
      .click();
    await page.getByRole('menuitem', { name: 'Playlists' }).click();
    await page.waitForURL('**/me/playlists');
    await visible(page.getByRole('heading', { name: 'No playlists yet' }));
    await screenshot(page, 'playlists-01-empty');

    await page.getByRole('link', { name: 'Create your first playlist' }).click();
    await page.waitForURL('**/playlists/new');
    const form = page.getByRole('form', { name: 'New playlist' });
    await form.getByRole('button', { name: 'Create playlist' }).click();
    await visible(form.getByText('Give the playlist a title.'));
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel(/Description/).fill('Four demo tracks for the long straight roads.');
    await screenshot(page, 'playlists-02-new');
    await form.getByRole('button', { name: 'Create playlist' }).click();
    await visible(page.getByRole('heading', { level: 1, name: TITLE }));
    await visible(page.getByText('This playlist has no tracks yet.'));
    const playlistId = page.url().split('/').pop()!;

    // Three tracks through the API, then a fourth the artist makes private: it stays, greyed, untitled.
    const [a, b, c, hidden] = demo as [DemoTrack, DemoTrack, DemoTrack, DemoTrack];
    await api(listenerToken, 'POST', `/playlists/${playlistId}/tracks`, { trackIds: [a.id, b.id, c.id] });
    await api(listenerToken, 'POST', `/playlists/${playlistId}/tracks`, { trackIds: [hidden.id] });
    await api(artistToken, 'PATCH', `/tracks/${hidden.id}`, { visibility: 'private' });
    expect(await reloadAndRead(page, 4)).toEqual([a.title, b.title, c.title, 'Unavailable track']);
    expect(await page.getByText(hidden.title).count()).toBe(0);
    // The mosaic job runs in the worker: the cover follows within a few seconds.
    await expect
      .poll(
        async () => {
          await page.reload();
          await visible(page.getByRole('heading', { level: 1, name: TITLE }));
          return page.locator('img.playlist-cover').count();
        },
        { timeout: 30_000, interval: 2000 },
      )
      .toBe(1);
    await expect.poll(async () => (await order(page)).length).toBe(4);
    await screenshot(page, 'playlists-03-four-items');

    // Drag the third row above the first; show the drop line mid-drag.
    const from = await rows(page).nth(2).boundingBox();
    const to = await rows(page).nth(0).boundingBox();
    await page.mouse.move(from!.x + 200, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(to!.x + 200, to!.y + 12, { steps: 8 });
    await screenshot(page, 'playlists-04-dragging', { fullPage: false });
    await page.mouse.up();
    await expect.poll(() => order(page)).toEqual([c.title, a.title, b.title, 'Unavailable track']);
    expect(await reloadAndRead(page, 4)).toEqual([c.title, a.title, b.title, 'Unavailable track']);

    // From the keyboard: focus a handle, arrow down twice; the handle keeps the focus.
    await handle(page, c.title).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => order(page)).toEqual([a.title, c.title, b.title, 'Unavailable track']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toMatch(new RegExp(`^Move ${c.title}, position 2`));
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => order(page)).toEqual([a.title, b.title, c.title, 'Unavailable track']);
    await visible(page.getByRole('status').filter({ hasText: `${c.title} moved to position 3 of 4.` }));
    expect(await reloadAndRead(page, 4)).toEqual([a.title, b.title, c.title, 'Unavailable track']);

    // Like it: pressed at once, counted.
    await page.getByRole('button', { name: /^Like/ }).click();
    await visible(page.getByRole('button', { name: /^Liked/, pressed: true }));
    await screenshot(page, 'playlists-05-liked', { fullPage: false });

    // Play it through: each track, seeked to its end, gives way to the next; the hidden one is skipped.
    await page.getByRole('button', { name: `Play ${TITLE}` }).click();
    const played: string[] = [];
    for (const expected of [a.title, b.title, c.title]) {
      await visible(playerBar(page).getByRole('link', { name: expected, exact: true }), 20_000);
      played.push(expected);
      await visible(playerBar(page).getByRole('button', { name: 'Pause', exact: true }), 20_000);
      if (expected !== c.title) {
        const seek = playerBar(page).getByRole('slider', { name: 'Seek' });
        await seek.focus();
        await page.keyboard.press('End');
      }
    }
    expect(played).toEqual([a.title, b.title, c.title]);
    await screenshot(page, 'playlists-06-playing-last', { fullPage: false });
    // The last one ends the queue: nothing after it (the hidden track never loads).
    await playerBar(page).getByRole('slider', { name: 'Seek' }).focus();
    await page.keyboard.press('End');
    await visible(playerBar(page).getByRole('button', { name: 'Play', exact: true }), 20_000);
    await expect(playerBar(page).getByRole('link', { name: c.title, exact: true }).count()).resolves.toBe(1);

    expect(pageErrors).toEqual([]);
  }, 420_000);
});
