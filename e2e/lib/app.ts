import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type LaunchOptions } from './browser';
import { startServer, type VezaServer } from './server';

export interface App {
  server: VezaServer;
  browser: Browser;
}

/**
 * Starts a Veza server and Chromium together before the suite's tests and
 * closes both after them; call at the top of a `describe`. The returned
 * function gives both to a test, or says that the setup failed.
 */
export function useApp(browserOptions: LaunchOptions = {}): () => App {
  let server: VezaServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const [s, b] = await Promise.allSettled([startServer(), launchBrowser(browserOptions)]);
    if (s.status === 'fulfilled') server = s.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (s.status === 'rejected') throw s.reason;
    if (b.status === 'rejected') throw b.reason;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return () => {
    if (!server || !browser) throw new Error('setup failed: no server or browser');
    return { server, browser };
  };
}

/** Headless Chromium would otherwise refuse play() started after an await (the stream link fetch). */
export const AUTOPLAY: LaunchOptions = { args: ['--autoplay-policy=no-user-gesture-required'] };
