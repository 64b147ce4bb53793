import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium: installed on the developers' machines and in CI (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // we run as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * True when the browser journeys cannot run here and must be skipped: no
 * Chromium, outside CI. Says so loudly. In CI a missing Chromium is not a
 * reason to skip: this returns false and `launchBrowser()` fails.
 */
export function skipWithoutChromium(): boolean {
  if (existsSync(CHROMIUM_PATH)) return false;
  if (process.env.CI) return false;
  const bar = '!'.repeat(78);
  console.warn(
    [
      '',
      bar,
      `!!  E2E JOURNEYS SKIPPED: no Chromium at ${CHROMIUM_PATH}.`,
      '!!  Nothing in the browser was tested. Install it with:',
      '!!      apt-get install -y chromium',
      '!!  (In CI, where CI is set, a missing Chromium fails the run instead.)',
      bar,
      '',
    ].join('\n'),
  );
  return true;
}

export interface LaunchOptions {
  /** Extra Chromium switches, e.g. `--autoplay-policy=no-user-gesture-required` for a journey that plays audio. */
  args?: string[];
}

export async function launchBrowser({ args = [] }: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is required for the e2e journeys but ${CHROMIUM_PATH} does not exist (apt-get install -y chromium)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args] });
}

/** Saves a screenshot (full page unless told) to e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  // A full-page capture of a scrolled page draws the sticky header mid-page.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  // Finished animations, not a half-faded menu or toast.
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

/** Waits until the locator is visible (playwright-core has no auto-waiting `expect`). */
export async function visible(locator: Locator, timeout = 10_000): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout });
  return locator;
}

/** Waits until the locator is gone or hidden. */
export async function hidden(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: 'hidden', timeout });
}

/**
 * Collects what a page reports as broken: uncaught exceptions, and console
 * errors (which include failed resource loads, e.g. an expected 401).
 */
export function watchPage(page: Page): { pageErrors: string[]; consoleErrors: string[] } {
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  return { pageErrors, consoleErrors };
}
