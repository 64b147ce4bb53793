import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { screenshot, skipWithoutChromium, visible, watchPage } from './lib/browser';
import { useApp } from './lib/app';
import type { VezaServer } from './lib/server';
import { poll } from './lib/wait';

// The search journey: a listener finds a demo track by a misspelled title
// from the header's search box, by keyboard and by mouse, and lands on its
// page; then the search page, discover and a profile's tabs.

const DESKTOP = { width: 1280, height: 800 };
const TITLE = 'Morning Chord';
const MISSPELLED = 'mornng chrod';
const DEMO_READY_TIMEOUT_MS = 150_000;
const skip = skipWithoutChromium();

/** Demo tracks are made with ffmpeg in the background at first start, then indexed from their events. */
async function waitUntilFindable(server: VezaServer, q: string, title: string): Promise<void> {
  await poll(
    async () => {
      const res = await fetch(`${server.url}/api/v1/search/suggest?q=${encodeURIComponent(q)}`);
      const body = (await res.json()) as { items?: { kind: string; track?: { title: string } }[] };
      return body.items?.some((i) => i.track?.title === title) ? true : undefined;
    },
    {
      timeoutMs: DEMO_READY_TIMEOUT_MS,
      everyMs: 1000,
      failure: () => `"${title}" never became findable\n${server.output()}`,
    },
  );
}

describe.skipIf(skip)('search journey', () => {
  const app = useApp();

  beforeAll(async () => {
    await waitUntilFindable(app().server, 'morning', TITLE);
  });

  async function newPage(): Promise<Page> {
    const { server, browser } = app();
    const context = await browser.newContext({ baseURL: server.url, viewport: DESKTOP });
    const page = await context.newPage();
    onTestFailed(async ({ task }) => {
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      await screenshot(page, `FAILED-search-${slug}`).catch(() => undefined);
    });
    return page;
  }

  const searchBox = (page: Page) => page.getByRole('banner').getByRole('combobox', { name: 'Search Veza' });
  const option = (page: Page, name: RegExp) =>
    page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name });

  it('finds a track by a misspelled title from the header, by keyboard', async () => {
    const page = await newPage();
    const { pageErrors } = watchPage(page);
    await page.goto('/');
    await searchBox(page).click();
    await searchBox(page).pressSequentially(MISSPELLED, { delay: 40 });
    const suggestion = await visible(option(page, new RegExp(TITLE)));
    await expect(searchBox(page).getAttribute('aria-expanded')).resolves.toBe('true');
    await screenshot(page, 'search-1280-01-dropdown', { fullPage: false });

    await page.keyboard.press('ArrowDown');
    await expect(suggestion.getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tracks\/[0-9a-f-]{36}$/);
    await visible(page.getByRole('heading', { level: 1, name: TITLE }));
    await expect(searchBox(page).getAttribute('aria-expanded')).resolves.toBe('false');
    expect(pageErrors).toEqual([]);
  });

  it('finds it by mouse too, and Enter with nothing highlighted opens the search page', async () => {
    const page = await newPage();
    await page.goto('/discover');
    await searchBox(page).click();
    await searchBox(page).pressSequentially('pink drfit', { delay: 40 });
    await (await visible(option(page, /Pink Drift/))).click();
    await page.waitForURL(/\/tracks\//);
    await visible(page.getByRole('heading', { level: 1, name: 'Pink Drift' }));

    await searchBox(page).fill('ambient');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=ambient');
    await visible(page.getByRole('tabpanel').getByRole('link', { name: TITLE }));
    await screenshot(page, 'search-1280-02-page');
    await page.getByRole('tab', { name: 'Tracks' }).click();
    await page.waitForURL('**/search?q=ambient&type=tracks');
    await visible(page.getByRole('combobox', { name: 'Sort by' }).or(page.getByLabel('Sort by')));
  });

  it('shows discover and a profile with tabs', async () => {
    const page = await newPage();
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Discover' }).click();
    await page.waitForURL('**/discover');
    await visible(page.getByRole('heading', { level: 2, name: 'New releases' }));
    await visible(page.getByRole('list', { name: 'Genres' }).getByRole('link', { name: /Ambient/ }));
    await screenshot(page, 'search-1280-03-discover');
    await page
      .getByRole('list', { name: 'Genres' })
      .getByRole('link', { name: /Ambient/ })
      .click();
    await page.waitForURL('**/discover/genres/Ambient');
    await visible(page.getByRole('list', { name: 'Ambient tracks' }).getByRole('link', { name: TITLE }));

    await page.getByRole('link', { name: 'Demo Artist' }).first().click();
    await page.waitForURL('**/u/demo_artist');
    await visible(page.getByRole('tabpanel').getByRole('link', { name: TITLE }));
    await screenshot(page, 'search-1280-04-profile-tracks');
    await page.getByRole('tab', { name: 'Reposts' }).click();
    await visible(page.getByText('Demo Artist has not reposted anything yet.'));
  });
});
