import { execFileSync } from 'node:child_process';
import { mkdtempSync, promises as fs, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { hidden, screenshot, skipWithoutChromium, visible, watchPage } from './lib/browser';
import { AUTOPLAY, useApp } from './lib/app';
import { logIn } from './lib/session';

// The Tracks acceptance journey: the demo artist uploads a track (and a file
// that is not audio), watches it get processed on "My tracks", plays it from
// its page, seeks on the waveform, and keeps listening while browsing away.
// Then the same pages at phone width.

const ARTIST = { login: 'demo_artist', password: 'veza-demo-password' };
const TITLE = 'E2E tone';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const PROCESSING_TIMEOUT_MS = 90_000;

const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const skip = skipWithoutChromium();

/**
 * 20 s of a 440 Hz tone swelling and fading (so the waveform has a shape),
 * as 24-bit 96 kHz PCM: 11.5 MB, over the size the web app sends through
 * resumable (tus) uploads. A cover, and a file that only pretends.
 */
function makeFixtures(dir: string) {
  const tone = path.join(dir, 'e2e-tone.wav');
  const cover = path.join(dir, 'cover.png');
  const fake = path.join(dir, 'not-really.mp3');
  const quiet = ['-hide_banner', '-loglevel', 'error', '-y'];
  execFileSync(ffmpeg, [
    ...quiet,
    '-f',
    'lavfi',
    '-i',
    "aevalsrc='0.8*sin(2*PI*440*t)*(0.55+0.45*sin(2*PI*0.3*t))':s=96000:d=20",
    '-ac',
    '2',
    '-c:a',
    'pcm_s24le',
    tone,
  ]);
  execFileSync(ffmpeg, [
    ...quiet,
    '-f',
    'lavfi',
    '-i',
    "color=c=black:s=600x600,geq=r='62+62*X/W':g='224-132*Y/H':b='165+90*X/W'",
    '-frames:v',
    '1',
    cover,
  ]);
  writeFileSync(fake, 'This is a text file wearing an .mp3 name.\n'.repeat(200));
  return { tone, cover, fake };
}

describe.skipIf(skip)('tracks journey', () => {
  let fixtures: ReturnType<typeof makeFixtures>;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veza-e2e-audio-'));
  beforeAll(() => {
    fixtures = makeFixtures(dir);
  });

  const app = useApp(AUTOPLAY);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function newPage(viewport: { width: number; height: number }, mobile = false): Promise<Page> {
    const { server, browser } = app();
    const context = await browser.newContext({ baseURL: server.url, viewport, isMobile: mobile, hasTouch: mobile });
    const page = await context.newPage();
    onTestFailed(async ({ task }) => {
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      await screenshot(page, `FAILED-tracks-${viewport.width}-${slug}`).catch(() => undefined);
    });
    return page;
  }

  /** Client-side navigation, as a listener would go: the player keeps playing (a reload would stop it). */
  async function fromAccountMenu(page: Page, item: string, url: string): Promise<void> {
    await page
      .getByRole('banner')
      .getByRole('button', { name: /account menu/ })
      .click();
    await page.getByRole('menuitem', { name: item }).click();
    await page.waitForURL(url);
  }

  const playerBar = (page: Page) => page.getByRole('region', { name: 'Player' });
  const seekBar = (page: Page) => playerBar(page).getByRole('slider', { name: 'Seek' });
  /** The player's position in whole seconds, as its slider tells assistive technology. */
  const playerSeconds = async (page: Page) => Number(await seekBar(page).getAttribute('aria-valuenow'));
  const trackRow = (page: Page, title: string) =>
    page.getByRole('list', { name: 'Your tracks' }).getByRole('listitem').filter({ hasText: title });

  it('uploads, processes, plays, seeks on the waveform and keeps playing across pages', async () => {
    const page = await newPage(DESKTOP);
    const { pageErrors } = watchPage(page);
    await logIn(page, ARTIST.login, ARTIST.password);

    // The header leads artists to Upload.
    await page.getByRole('banner').getByRole('link', { name: 'Upload', exact: true }).click();
    await page.waitForURL('**/upload');
    await visible(page.getByRole('heading', { name: 'Upload', level: 1 }));
    await screenshot(page, 'tracks-1280-01-upload-empty');

    await page.getByLabel('Choose files').setInputFiles([fixtures.tone, fixtures.fake]);
    const toneCard = page.getByRole('listitem', { name: 'e2e-tone.wav' });
    const fakeCard = page.getByRole('listitem', { name: 'not-really.mp3' });
    await visible(toneCard);
    // Prefilled from the file name; nothing is sent before the button.
    await expect(toneCard.getByLabel('Title').inputValue()).resolves.toBe('e2e-tone');
    await toneCard.getByLabel('Title').fill(TITLE);
    await toneCard.getByLabel(/Genre/).fill('Test tones');
    await toneCard.getByLabel(/Tags/).fill('e2e, sine');
    await toneCard.getByLabel('Add cover').setInputFiles(fixtures.cover);
    await visible(toneCard.getByRole('img', { name: 'Cover preview' }));
    await screenshot(page, 'tracks-1280-02-upload-cards');

    const resumable: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/v1/uploads')) resumable.push(req.method());
    });
    await page.getByRole('button', { name: 'Upload all (2)' }).click();
    await visible(toneCard.getByText('Uploaded. Processing…'), 30_000);
    // The big file went up resumably: created, then sent in chunks.
    expect(resumable[0]).toBe('POST');
    expect(resumable.filter((m) => m === 'PATCH').length).toBeGreaterThanOrEqual(2);
    // The server refuses the impostor with a reason, shown on its card.
    const refusal = await visible(fakeCard.getByRole('alert'), 30_000);
    expect(await refusal.textContent()).toMatch(/audio/i);
    // No errno text from ffprobe, and no "Try again" that would send the same bytes to the same verdict.
    expect(await refusal.textContent()).not.toMatch(/Invalid argument/);
    expect(await fakeCard.getByRole('button', { name: /Try again/ }).count()).toBe(0);
    await screenshot(page, 'tracks-1280-03-upload-done');

    // My tracks: the new track processing (live), the refused one failed with its reason.
    await toneCard.getByRole('link', { name: /My tracks/ }).click();
    await page.waitForURL('**/me/tracks');
    await visible(trackRow(page, TITLE));
    await visible(trackRow(page, 'not-really').getByText('Failed', { exact: true }));
    await screenshot(page, 'tracks-1280-04-my-tracks-processing');
    await visible(trackRow(page, TITLE).getByText('Ready', { exact: true }), PROCESSING_TIMEOUT_MS);
    await screenshot(page, 'tracks-1280-05-my-tracks-ready');

    // The original downloads as the browser's own download, named as uploaded, byte for byte.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      trackRow(page, TITLE)
        .getByRole('button', { name: `Original ${TITLE}` })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('e2e-tone.wav');
    // Buffer.equals: toEqual walks 3.5 MB element by element for minutes.
    expect((await fs.readFile(await download.path())).equals(await fs.readFile(fixtures.tone))).toBe(true);

    // Edit in place, and delete the refused upload after confirming.
    await trackRow(page, TITLE)
      .getByRole('button', { name: `Edit ${TITLE}` })
      .click();
    const edit = page.getByRole('form', { name: `Edit ${TITLE}` });
    await edit.getByLabel(/Description/).fill('Twenty seconds of A440, swelling and fading.');
    await screenshot(page, 'tracks-1280-05b-my-tracks-edit', { fullPage: false });
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await visible(page.getByText('Track saved.'));

    await trackRow(page, 'not-really').getByRole('button', { name: 'Delete not-really' }).first().click();
    await visible(page.getByRole('alertdialog', { name: 'Delete not-really?' }));
    await screenshot(page, 'tracks-1280-05c-my-tracks-confirm-delete', { fullPage: false });
    await page.getByRole('button', { name: 'Delete track' }).click();
    await hidden(trackRow(page, 'not-really'));

    // The track page: play, and the player's clock runs.
    await trackRow(page, TITLE).getByRole('link', { name: TITLE }).click();
    await page.waitForURL('**/tracks/*');
    await visible(page.getByRole('heading', { name: TITLE, level: 1 }));
    await visible(page.getByText('Twenty seconds of A440, swelling and fading.'));
    await page.getByRole('button', { name: `Play ${TITLE}` }).click();
    await visible(seekBar(page));
    await expect.poll(() => playerSeconds(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const beforeSeek = await playerSeconds(page);
    expect(beforeSeek).toBeLessThan(8);

    // A click at the middle of the waveform jumps to about 10 s of 20.
    const wave = page.getByRole('slider', { name: `Seek in ${TITLE}` });
    const box = (await wave.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
    await expect.poll(() => playerSeconds(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(9);
    expect(await playerSeconds(page)).toBeLessThanOrEqual(14);
    await screenshot(page, 'tracks-1280-06-track-page-playing', { fullPage: false });

    // Away to Settings: the bar stays and its clock keeps running.
    await fromAccountMenu(page, 'Settings', '**/settings');
    await visible(page.getByRole('heading', { name: 'Settings', level: 1 }));
    await visible(playerBar(page).getByRole('link', { name: TITLE }));
    const onArrival = await playerSeconds(page);
    await expect.poll(() => playerSeconds(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(onArrival + 2);
    await screenshot(page, 'tracks-1280-07-settings-still-playing', { fullPage: false });

    // Space pauses from anywhere outside a text field.
    await page.getByRole('heading', { name: 'Settings', level: 1 }).click();
    await page.keyboard.press('Space');
    await visible(playerBar(page).getByRole('button', { name: 'Play', exact: true }));

    // Home lists the latest public tracks, the new one among them.
    await page.getByRole('banner').getByRole('link', { name: 'Home', exact: true }).click();
    const latest = page.getByRole('region', { name: 'Latest tracks' });
    await visible(latest.getByRole('link', { name: TITLE }));
    await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
    await screenshot(page, 'tracks-1280-08-home-latest', { fullPage: false });

    expect(pageErrors).toEqual([]);
  });

  it('the player bar covers nothing: not the last row, its delete confirmation, nor the footer; a reload keeps the queue', async () => {
    for (const [viewport, mobile] of [
      [DESKTOP, false],
      [PHONE, true],
    ] as const) {
      const page = await newPage(viewport, mobile);
      await logIn(page, ARTIST.login, ARTIST.password);
      await page.goto('/me/tracks');
      const rows = page.getByRole('list', { name: 'Your tracks' }).getByRole('listitem');
      await visible(rows.last().getByText('Ready', { exact: true }), PROCESSING_TIMEOUT_MS);
      // The newest rows may be the refused upload (no Play): take the first playable one.
      await page
        .getByRole('list', { name: 'Your tracks' })
        .getByRole('button', { name: /^Play / })
        .first()
        .click();
      await visible(playerBar(page).getByRole('slider', { name: 'Seek' }));
      const barTop = async () => (await playerBar(page).boundingBox())!.y;

      // The last row's Delete sits just above the bar: its confirmation opens below it, focus moves there.
      const lastDelete = rows
        .last()
        .getByRole('button', { name: /^Delete / })
        .first();
      await lastDelete.scrollIntoViewIfNeeded();
      await lastDelete.click();
      const confirm = page.getByRole('alertdialog');
      const confirmButton = confirm.getByRole('button', { name: 'Delete track' });
      await visible(confirmButton);
      await expect.poll(async () => page.evaluate(() => document.activeElement?.textContent)).toBe('Delete track');
      const box = (await confirmButton.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(await barTop());
      await screenshot(page, `tracks-${viewport.width}-07-confirm-above-player`, { fullPage: false });
      await confirm.getByRole('button', { name: 'Keep it' }).click();

      // Scrolled to the end, the footer ends above the bar, not under it.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const footer = (await page.getByRole('contentinfo').boundingBox())!;
      expect(footer.y + footer.height).toBeLessThanOrEqual((await barTop()) + 1);

      // A reload brings the queue back, paused, with the same track.
      const title = await playerBar(page).getByRole('link').first().textContent();
      await page.reload();
      await visible(playerBar(page).getByRole('button', { name: 'Play', exact: true }));
      expect(await playerBar(page).getByRole('link').first().textContent()).toBe(title);
      await page.context().close();
    }
  });

  it('at 375px the upload page, My tracks, the track page and the player bar fit the screen', async () => {
    const page = await newPage(PHONE, true);
    const { pageErrors } = watchPage(page);
    const overflowing: string[] = [];
    async function shoot(name: string, opts: { fullPage?: boolean } = {}) {
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      if (widths.scroll > widths.client) overflowing.push(`${name}: ${widths.scroll}px wide in ${widths.client}px`);
      await screenshot(page, `tracks-375-${name}`, opts);
    }

    await logIn(page, ARTIST.login, ARTIST.password);
    await page.goto('/upload');
    await page.getByLabel('Choose files').setInputFiles(fixtures.tone);
    await visible(page.getByRole('listitem', { name: 'e2e-tone.wav' }));
    await shoot('01-upload-card');

    await page.goto('/me/tracks');
    await visible(trackRow(page, TITLE).getByText('Ready', { exact: true }));
    await shoot('02-my-tracks');

    await trackRow(page, TITLE).getByRole('link', { name: TITLE }).click();
    await visible(page.getByRole('heading', { name: TITLE, level: 1 }));
    await page.getByRole('button', { name: `Play ${TITLE}` }).click();
    await expect.poll(() => playerSeconds(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await shoot('03-track-page-playing', { fullPage: false });

    await playerBar(page).getByRole('button', { name: 'Queue' }).click();
    await visible(page.getByRole('dialog', { name: 'Queue' }));
    await shoot('04-queue', { fullPage: false });

    // Heard to the end, the playback counts as a play (the server counts half a short track).
    await visible(playerBar(page).getByRole('button', { name: 'Play', exact: true }), 40_000);
    await fromAccountMenu(page, 'My tracks', '**/me/tracks');
    await visible(trackRow(page, TITLE).getByText(/^[1-9]\d* plays?$/));
    // The 30-day total agrees with the row, though this page was seen before the play counted.
    await visible(page.getByRole('region', { name: 'Plays, last 30 days' }).getByText(/^[1-9]\d*$/));
    await shoot('05-my-tracks-played');

    // Deleting the track the player holds takes it out of the player: nothing else queued, the bar goes.
    await visible(playerBar(page));
    await trackRow(page, TITLE)
      .getByRole('button', { name: `Delete ${TITLE}` })
      .first()
      .click();
    await page.getByRole('button', { name: 'Delete track' }).click();
    await hidden(trackRow(page, TITLE));
    await hidden(playerBar(page));
    await shoot('06-my-tracks-deleted-the-playing-track');

    expect(overflowing).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('a listener becomes an artist from the upload page and can upload at once', async () => {
    const page = await newPage(DESKTOP);
    const { pageErrors } = watchPage(page);
    await logIn(page, 'demo_listener', ARTIST.password);

    await page.getByRole('banner').getByRole('link', { name: 'Upload', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Share your music on Veza' }));
    await screenshot(page, 'tracks-1280-09-become-artist', { fullPage: false });
    await page.getByRole('button', { name: 'Become an artist' }).click();
    await page.getByLabel('Choose files').setInputFiles(fixtures.tone);
    await page.getByRole('button', { name: 'Upload e2e-tone.wav' }).click();
    // Accepted: the refreshed session carries the artist role the upload needs.
    await visible(page.getByText('Uploaded. Processing…'), 30_000);
    await visible(page.getByRole('banner').getByRole('link', { name: 'My tracks', exact: true }));
    expect(pageErrors).toEqual([]);
  });
});
