import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { screenshot, skipWithoutChromium, visible, watchPage } from './lib/browser';
import { AUTOPLAY, useApp } from './lib/app';
import { logIn, tokenOf } from './lib/session';
import { poll } from './lib/wait';

// The timed-comments journey: on a demo track, the artist has left two
// positioned comments; a listener plays the track, comments at the moment
// they start typing, replies to the artist, edits and deletes their own,
// and the avatars on the waveform seek where they point.

const LISTENER = { login: 'demo_listener', password: 'veza-demo-password' };
const ARTIST = { login: 'demo_artist', password: 'veza-demo-password' };
const DESKTOP = { width: 1280, height: 900 };
const DEMO_TRACKS_TIMEOUT_MS = 150_000;

const skip = skipWithoutChromium();

describe.skipIf(skip)('comments journey', () => {
  const app = useApp(AUTOPLAY);

  async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const res = await fetch(`${app().server.url}${path}`, {
      method,
      headers: {
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** The demo tracks are generated and processed in the background at first start. */
  async function aReadyDemoTrack(): Promise<{ id: string; title: string; durationMs: number }> {
    return poll(
      async () => {
        const { items } = await api<{ items: { id: string; title: string; durationMs: number }[] }>(
          'GET',
          '/api/v1/tracks?limit=10',
        );
        return items.find((t) => t.durationMs >= 20_000) ?? items[0];
      },
      {
        timeoutMs: DEMO_TRACKS_TIMEOUT_MS,
        everyMs: 1000,
        failure: () => `no demo track was ready within ${DEMO_TRACKS_TIMEOUT_MS} ms\n${app().server.output()}`,
      },
    );
  }

  async function newPage(): Promise<Page> {
    const context = await app().browser.newContext({ baseURL: app().server.url, viewport: DESKTOP });
    const page = await context.newPage();
    onTestFailed(async () => {
      await screenshot(page, 'FAILED-comments').catch(() => undefined);
    });
    return page;
  }

  it('comments at the playing position, replies, edits, deletes, and seeks from the waveform', async () => {
    const track = await aReadyDemoTrack();
    const accessToken = await tokenOf(app().server, ARTIST.login, ARTIST.password);
    const at = (fraction: number) => Math.round(track.durationMs * fraction);
    await api(
      'POST',
      `/api/v1/tracks/${track.id}/comments`,
      { body: 'The chord opens up here.', atMs: at(0.2) },
      accessToken,
    );
    await api(
      'POST',
      `/api/v1/tracks/${track.id}/comments`,
      { body: 'Listen for the low hum under everything, it took me a week to get right.', atMs: at(0.7) },
      accessToken,
    );

    const page = await newPage();
    const { pageErrors } = watchPage(page);
    await logIn(page, LISTENER.login, LISTENER.password);
    await page.goto(`/tracks/${track.id}`);
    const section = page.getByRole('region', { name: /^Comments/ });
    await visible(section.getByText('The chord opens up here.'));
    const markers = page.getByRole('group', { name: /^Comments on the waveform/ });
    await visible(page.getByRole('group', { name: 'Comments on the waveform (2)' }));

    // Play, then comment: the comment is pinned where typing started.
    await page.getByRole('button', { name: `Play ${track.title}` }).click();
    await visible(page.getByRole('button', { name: `Pause ${track.title}` }));
    await page.waitForFunction(() => {
      const slider = document.querySelector('[role="slider"][aria-label^="Seek in"]');
      return Number(slider?.getAttribute('aria-valuenow')) >= 2;
    });
    const box = section.getByRole('textbox', { name: 'Write a comment' });
    await box.fill('What a warm sound.');
    const pin = section.getByRole('checkbox', { name: /^at \d+:\d\d$/ });
    await visible(pin);
    const pinnedAt = (await pin.locator('xpath=..').innerText()).trim();
    await page.evaluate(() => window.scrollBy(0, 420));
    await screenshot(page, 'comments-1280-00-compose-pinned', { fullPage: false });
    await section.getByRole('button', { name: 'Post' }).click();
    await visible(section.getByText('What a warm sound.'));
    await visible(section.getByRole('button', { name: /^Play from/ }).first());
    expect(await section.getByText(pinnedAt, { exact: true }).count()).toBeGreaterThan(0);
    await visible(page.getByRole('group', { name: 'Comments on the waveform (3)' }));

    // Reply to the artist, by keyboard.
    const artistComment = section.getByRole('article', { name: 'Comment by Demo Artist' }).filter({
      hasText: 'low hum',
    });
    await artistComment.getByRole('button', { name: 'Reply' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Worth it!');
    await page.keyboard.press('Control+Enter');
    await visible(artistComment.getByRole('list', { name: 'Replies to Demo Artist' }).getByText('Worth it!'));

    await screenshot(page, 'comments-1280-01-track-page');
    // Hovering an avatar tells who said what.
    const artistMarker = page.getByRole('button', { name: /^Demo Artist at .*low hum/ });
    await artistMarker.scrollIntoViewIfNeeded();
    await artistMarker.hover();
    await visible(markers.getByText('Listen for the low hum', { exact: false }));
    await screenshot(page, 'comments-1280-02-marker-tooltip', { fullPage: false });

    // Edit our comment, then delete it after confirming.
    // The newest top-level comment comes first, before the reply in the artist's thread.
    const mine = section.getByRole('article', { name: 'Comment by Demo Listener' }).first();
    await mine.getByRole('button', { name: 'Edit' }).click();
    const edit = mine.getByRole('textbox', { name: 'Edit your comment' });
    await edit.fill('What a warm, round sound.');
    await mine.getByRole('button', { name: 'Save' }).click();
    await visible(section.getByText('What a warm, round sound.'));
    await visible(mine.getByText('· edited'));
    await mine.getByRole('button', { name: 'Delete' }).click();
    await screenshot(page, 'comments-1280-03-confirm-delete');
    await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
    await visible(page.getByText('Comment deleted.'));
    await visible(page.getByRole('group', { name: 'Comments on the waveform (2)' }));

    // Clicking an avatar seeks there.
    await artistMarker.click();
    await page.waitForFunction(
      (target) => {
        const slider = document.querySelector('[role="slider"][aria-label^="Seek in"]');
        return Math.abs(Number(slider?.getAttribute('aria-valuenow')) - target) <= 2;
      },
      Math.round(at(0.7) / 1000),
    );

    // At phone width the threads and the markers still fit.
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'comments-375-01-track-page');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    expect(pageErrors).toEqual([]);
  });
});
