import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { screenshot, skipWithoutChromium, visible, watchPage } from './lib/browser';
import { useApp } from './lib/app';
import { logIn, tokenOf as sessionToken } from './lib/session';
import { poll } from './lib/wait';

// The feed and notifications journey: a listener follows an artist, the
// artist uploads, and the new track shows in the listener's feed; then
// notifications arrive live in the header's bell (no reload) when someone
// follows the listener and when the listener likes the artist's track.

const PASSWORD = 'veza-demo-password';
const ARTIST = 'demo_artist';
const LISTENER = 'demo_listener';
const TITLE = 'Feed journey tone';
const DESKTOP = { width: 1280, height: 800 };
const PROCESSING_TIMEOUT_MS = 90_000;
const LIVE_TIMEOUT_MS = 20_000;

const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const skip = skipWithoutChromium();

describe.skipIf(skip)('feed and notifications journey', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veza-e2e-feed-'));
  const app = useApp();

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** What another person does meanwhile, through the API: a bearer token per user. */
  const tokenOf = (login: string) => sessionToken(app().server, login, PASSWORD);

  async function apiCall(token: string, method: string, url: string, body?: BodyInit): Promise<Response> {
    const res = await fetch(`${app().server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
      ...(body ? { body } : {}),
    });
    expect(res.ok, `${method} ${url}: ${res.status} ${await res.clone().text()}`).toBe(true);
    return res;
  }

  async function upload(token: string): Promise<string> {
    const wav = path.join(dir, 'feed-tone.wav');
    execFileSync(ffmpeg, [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
      ...['-i', "aevalsrc='0.6*sin(2*PI*330*t)':s=44100:d=4", '-c:a', 'pcm_s16le', wav],
    ]);
    const form = new FormData();
    form.append('title', TITLE);
    form.append('visibility', 'public');
    form.append('file', new Blob([readFileSync(wav)], { type: 'audio/wav' }), 'feed-tone.wav');
    const res = await apiCall(token, 'POST', '/api/v1/tracks', form);
    const { id } = (await res.json()) as { id: string };
    let status = 'unknown';
    return poll(
      async () => {
        ({ status } = (await (await apiCall(token, 'GET', `/api/v1/tracks/${id}`)).json()) as { status: string });
        if (status === 'failed') throw new Error(`track ${id} is ${status}`);
        return status === 'ready' ? id : undefined;
      },
      { timeoutMs: PROCESSING_TIMEOUT_MS, everyMs: 500, failure: () => `track ${id} is ${status}` },
    );
  }

  async function signedInPage(login: string): Promise<Page> {
    const context = await app().browser.newContext({ baseURL: app().server.url, viewport: DESKTOP });
    const page = await context.newPage();
    onTestFailed(async ({ task }) => {
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      await screenshot(page, `FAILED-feed-${login}-${slug}`).catch(() => undefined);
    });
    await logIn(page, login, PASSWORD);
    return page;
  }

  const bell = (page: Page, unread: number) =>
    page
      .getByRole('banner')
      .getByRole('link', { name: unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`, exact: true });

  let trackId = '';
  let listenerPage: Page;

  it("shows a followed artist's new upload in the follower's feed", async () => {
    listenerPage = await signedInPage(LISTENER);
    const errors = watchPage(listenerPage);
    await listenerPage.getByRole('banner').getByRole('link', { name: 'Feed', exact: true }).click();
    await listenerPage.waitForURL('**/feed');
    await visible(listenerPage.getByRole('heading', { name: 'Nothing here yet' }));
    await screenshot(listenerPage, 'feed-empty');

    // Follow from the artist's profile, as a listener would.
    await listenerPage.goto(`/u/${ARTIST}`);
    await listenerPage.getByRole('button', { name: /^Follow Demo Artist/ }).click();
    await visible(listenerPage.getByRole('button', { name: /^Following Demo Artist/ }));
    trackId = await upload(await tokenOf(ARTIST));

    await listenerPage.goto('/feed');
    const row = listenerPage.getByRole('listitem').filter({ hasText: TITLE });
    await visible(row);
    expect(await row.textContent()).toContain('New upload');
    expect(await row.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(`/tracks/${trackId}`);
    await screenshot(listenerPage, 'feed-with-upload');
    expect(errors.pageErrors).toEqual([]);
  });

  it('shows a playlist the followed artist reposted, once, linking to it', async () => {
    // A curator the listener does not follow makes a playlist; the artist reposts it.
    const curator = { email: 'curator@veza.local', username: 'feed_curator', password: PASSWORD };
    const signup = await fetch(`${app().server.url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...curator, displayName: 'The Curator' }),
    });
    expect(signup.status, await signup.clone().text()).toBe(201);
    const curatorToken = await tokenOf(curator.username);
    const json = (body: object) => JSON.stringify(body);
    const create = async (url: string, body: object) => {
      const res = await fetch(`${app().server.url}${url}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${curatorToken}`, 'content-type': 'application/json' },
        body: json(body),
      });
      expect(res.ok, `${url}: ${res.status} ${await res.clone().text()}`).toBe(true);
      return (await res.json()) as { id: string };
    };
    const { id: playlistId } = await create('/api/v1/playlists', { title: 'Late night picks', visibility: 'public' });
    await create(`/api/v1/playlists/${playlistId}/tracks`, { trackIds: [trackId] });
    await apiCall(await tokenOf(ARTIST), 'PUT', `/api/v1/playlists/${playlistId}/repost`);

    await listenerPage.goto('/feed');
    const card = listenerPage.getByRole('listitem').filter({ hasText: 'Late night picks' });
    await visible(card);
    expect(await card.textContent()).toContain('Reposted by Demo Artist');
    expect(await card.textContent()).toContain('1 track');
    await screenshot(listenerPage, 'feed-with-playlist');
    await card.getByRole('link', { name: 'Late night picks' }).click();
    await listenerPage.waitForURL(`**/playlists/${playlistId}`);
    await visible(listenerPage.getByRole('heading', { name: 'Late night picks' }));
  });

  it('counts a new follower live in the bell, without a reload', async () => {
    await visible(bell(listenerPage, 0));
    await apiCall(await tokenOf(ARTIST), 'PUT', `/api/v1/users/${LISTENER}/follow`);
    await visible(bell(listenerPage, 1), LIVE_TIMEOUT_MS);

    await bell(listenerPage, 1).click();
    await listenerPage.waitForURL('**/notifications');
    await visible(listenerPage.getByText('started following you'));
    await screenshot(listenerPage, 'notifications-follow');
    await listenerPage.getByRole('button', { name: 'Mark all read' }).click();
    await visible(bell(listenerPage, 0));
  });

  it("counts a like live in the artist's bell", async () => {
    const artistPage = await signedInPage(ARTIST);
    await artistPage.goto('/notifications');
    await visible(artistPage.getByText('started following you'));
    const before = await artistPage.getByTestId('unread-badge').textContent();
    const unread = Number(before);
    expect(unread).toBeGreaterThan(0);

    await apiCall(await tokenOf(LISTENER), 'PUT', `/api/v1/tracks/${trackId}/like`);
    await visible(bell(artistPage, unread + 1), LIVE_TIMEOUT_MS);
    await visible(artistPage.getByRole('link', { name: TITLE }));
    await screenshot(artistPage, 'notifications-like');
  });
});
