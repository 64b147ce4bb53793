import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, skipWithoutChromium } from './lib/browser';
import { useApp } from './lib/app';
import { logIn } from './lib/session';

// The header carries the most links an artist sees, the search box, the bell
// and the account menu: at every width they sit side by side, none under
// another, each link on one line, and the bar keeps its height.

const PASSWORD = 'veza-demo-password';
const ARTIST = 'demo_artist';
const WIDTHS = [1280, 1024, 768, 375];

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const skip = skipWithoutChromium();

describe.skipIf(skip)('header', () => {
  const app = useApp();

  async function artistPage(width: number): Promise<Page> {
    const { server, browser } = app();
    const context = await browser.newContext({ baseURL: server.url, viewport: { width, height: 700 } });
    const page = await context.newPage();
    await logIn(page, ARTIST, PASSWORD);
    return page;
  }

  it.each(WIDTHS)('fits an artist’s header at %ipx: links, search, bell and menu side by side', async (width) => {
    const page = await artistPage(width);
    const banner = page.getByRole('banner');
    const bar = (await banner.boundingBox())!;
    const others: Box[] = [];
    for (const part of [banner.getByRole('combobox'), banner.getByRole('button', { name: /account menu/ })]) {
      if (await part.isVisible()) others.push((await part.boundingBox())!);
    }
    // Links scrolled out of a narrow nav are clipped by it, not drawn over the rest.
    const nav = banner.getByRole('navigation');
    const navBox = (await nav.isVisible()) ? await nav.boundingBox() : null;
    if (navBox) {
      for (const other of others) expect(overlap(navBox, other), `nav over another part at ${width}px`).toBe(false);
      for (const link of await nav.getByRole('link').all()) {
        const box = (await link.boundingBox())!;
        expect(box.height, `${await link.textContent()} wraps at ${width}px`).toBeLessThan(48);
      }
    }
    expect(bar.height).toBeLessThan(80);
    await screenshot(page, `header-${width}`, { fullPage: false });
    await page.context().close();
  });

  it('fades the edge of a narrow nav that hides links, and scrolls the current page’s link into view', async () => {
    const page = await artistPage(768);
    const nav = page.getByRole('banner').getByRole('navigation');
    const fades = async () => ({
      before: await nav.getAttribute('data-more-before'),
      after: await nav.getAttribute('data-more-after'),
    });
    expect(await fades()).toEqual({ before: null, after: 'true' });

    // The last link is off to the right; going to its page scrolls the nav to show it.
    const links = await nav.getByRole('link').all();
    const last = links.at(-1)!;
    const name = (await last.textContent())!;
    await page.goto((await last.getAttribute('href'))!);
    const current = nav.getByRole('link', { name, exact: true });
    await expect.poll(() => current.getAttribute('aria-current')).toBe('page');
    await expect.poll(async () => (await fades()).before).toBe('true');
    const [navBox, linkBox] = [(await nav.boundingBox())!, (await current.boundingBox())!];
    expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(navBox.x + navBox.width + 1);
    await screenshot(page, 'header-768-scrolled', { fullPage: false });
    await page.context().close();
  });
});
