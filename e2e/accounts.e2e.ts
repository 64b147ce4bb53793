import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { screenshot, skipWithoutChromium, visible, watchPage } from './lib/browser';
import { linkIn, waitForMail } from './lib/mailbox';
import { useApp } from './lib/app';

// The Foundation acceptance journey: an account from sign-up to log-out,
// driven like a user would (labels, roles, the header links), at desktop width,
// plus the keyboard entry point, a failed login, and a 375px pass.

const USER = {
  email: 'ada.e2e@example.com',
  username: 'ada_e2e',
  password: 'a long enough passphrase',
  displayName: 'Ada from the e2e journey',
  bio: 'Modular synths, field recordings and late-night radio. Written by the browser journey.',
};

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };

const skip = skipWithoutChromium();

describe.skipIf(skip)('accounts journey', () => {
  const app = useApp();

  async function newPage(viewport: { width: number; height: number }, mobile = false): Promise<Page> {
    const context = await app().browser.newContext({
      baseURL: app().server.url,
      viewport,
      isMobile: mobile,
      hasTouch: mobile,
    });
    const page = await context.newPage();
    // What the page looked like when a step failed.
    onTestFailed(async ({ task }) => {
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      await screenshot(page, `FAILED-${viewport.width}-${slug}`).catch(() => undefined);
    });
    return page;
  }

  const header = (page: Page) => page.getByRole('banner');
  const logInLink = (page: Page) => header(page).getByRole('link', { name: 'Log in', exact: true });
  const accountMenuButton = (page: Page) => header(page).getByRole('button', { name: /account menu/ });

  /** Waits for the header to settle (the boot refresh has answered) and says who is signed in. */
  async function signedIn(page: Page): Promise<boolean> {
    await visible(logInLink(page).or(accountMenuButton(page)));
    return accountMenuButton(page).isVisible();
  }

  async function logInThroughForm(page: Page, password: string): Promise<void> {
    const form = page.getByRole('form', { name: 'Log in' });
    await visible(form);
    await form.getByLabel('E-mail or username', { exact: true }).fill(USER.username);
    await form.getByLabel('Password', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Log in', exact: true }).click();
  }

  async function openAccountMenu(page: Page): Promise<void> {
    await accountMenuButton(page).click();
    await visible(page.getByRole('menu', { name: 'Account' }));
  }

  it('signs up, verifies the e-mail, edits the profile, survives a reload and logs out', async () => {
    const { server } = app();
    const page = await newPage(DESKTOP);
    const { pageErrors } = watchPage(page);

    // A visitor lands on the home page and follows the header's sign-up link.
    await page.goto('/');
    expect(await signedIn(page)).toBe(false);
    await screenshot(page, '1280-01-home');
    await header(page).getByRole('link', { name: 'Sign up', exact: true }).click();
    await page.waitForURL('**/signup');

    const signup = page.getByRole('form', { name: 'Sign up' });
    await visible(signup);
    await signup.getByLabel('E-mail', { exact: true }).fill(USER.email);
    await signup.getByLabel('Username', { exact: true }).fill(USER.username);
    await signup.getByLabel('Password', { exact: true }).fill(USER.password);
    await screenshot(page, '1280-02-signup-filled');
    await signup.getByRole('button', { name: 'Sign up', exact: true }).click();

    // "Check your inbox", naming the address.
    await page.waitForURL('**/verify-email');
    await visible(page.getByRole('heading', { name: 'Check your inbox' }));
    await visible(page.getByText(USER.email));
    await screenshot(page, '1280-03-check-inbox');

    // The verification mail holds a link back to this server.
    const mail = await waitForMail(server, USER.email, (m) => /confirm your e-mail/i.test(m.subject));
    const link = linkIn(mail, `${server.url}/verify-email?token=`);
    await page.goto(link);
    await visible(page.getByRole('heading', { name: 'E-mail verified' }));
    await visible(page.getByText('Thanks! Your e-mail address is confirmed.'));
    await screenshot(page, '1280-04-email-verified');

    // Sign-up signs straight in; log in by hand only if it did not.
    if (!(await signedIn(page))) {
      await logInLink(page).click();
      await logInThroughForm(page, USER.password);
      await visible(accountMenuButton(page));
    }
    await expect(accountMenuButton(page).textContent()).resolves.toContain(USER.username);

    // Settings, from the user menu: change the display name and the bio.
    await openAccountMenu(page);
    await screenshot(page, '1280-05-user-menu');
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.waitForURL('**/settings');
    await visible(page.getByRole('heading', { name: 'Settings', level: 1 }));
    // The verified address shows as such.
    await visible(page.getByText('Verified', { exact: true }));

    const profileForm = page.getByRole('form', { name: 'Profile' });
    await profileForm.getByLabel('Display name').fill(USER.displayName);
    await profileForm.getByLabel('Bio').fill(USER.bio);
    await profileForm.getByRole('button', { name: 'Save profile' }).click();
    await visible(page.getByText('Profile saved.'));
    // The header follows the new name.
    await visible(accountMenuButton(page).filter({ hasText: USER.displayName }));
    await screenshot(page, '1280-06-settings-saved');

    // The public profile shows the new name and bio.
    await page.getByRole('link', { name: /view your public profile/i }).click();
    await page.waitForURL(`**/u/${USER.username}`);
    await visible(page.getByRole('heading', { name: USER.displayName, level: 1 }));
    await visible(page.getByText(USER.bio));
    await visible(page.getByText(`@${USER.username}`, { exact: true }));
    await screenshot(page, '1280-07-public-profile');

    // A reload drops the in-memory access token: the refresh cookie restores the session.
    await page.reload();
    await visible(page.getByRole('heading', { name: USER.displayName, level: 1 }));
    expect(await signedIn(page)).toBe(true);
    await visible(accountMenuButton(page).filter({ hasText: USER.displayName }));
    await visible(page.getByRole('link', { name: 'Edit profile' }));

    // Log out from the user menu: the header offers "Log in" again…
    await openAccountMenu(page);
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await visible(logInLink(page));
    // …and, as the menu intends, says goodbye and goes home. Checked softly so
    // the steps after it still run; a failure here still fails the test.
    const toast = await page
      .getByText('You are logged out. See you soon!')
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    expect.soft(toast, 'a "You are logged out" toast after logging out').toBe(true);
    const home = await page.waitForURL(`${server.url}/`, { timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    expect.soft(home, `back on the home page after logging out (still on ${page.url()})`).toBe(true);
    await screenshot(page, '1280-08-logged-out');
    // It lasts across a reload: the refresh cookie is gone, not just the page state.
    await page.reload();
    expect(await signedIn(page)).toBe(false);

    expect(pageErrors).toEqual([]);
  });

  it('shows an error next to the login form on a wrong password, then logs in with the right one', async () => {
    const page = await newPage(DESKTOP);
    const { pageErrors } = watchPage(page);
    await page.goto('/');
    await logInLink(page).click();
    await page.waitForURL('**/login');

    await logInThroughForm(page, 'not the right passphrase');
    const form = page.getByRole('form', { name: 'Log in' });
    const alert = await visible(form.getByRole('alert'));
    await expect(alert.textContent()).resolves.toMatch(/login or password is wrong/i);
    // Near the form: inside it, above the fields, and in view without scrolling.
    const [alertBox, fieldBox] = await Promise.all([
      alert.boundingBox(),
      form.getByLabel('E-mail or username', { exact: true }).boundingBox(),
    ]);
    expect(alertBox).not.toBeNull();
    expect(fieldBox).not.toBeNull();
    expect(alertBox!.y + alertBox!.height).toBeLessThanOrEqual(fieldBox!.y);
    expect(fieldBox!.y - alertBox!.y).toBeLessThan(200);
    expect(alertBox!.y + alertBox!.height).toBeLessThan(DESKTOP.height);
    expect(page.url()).toMatch(/\/login$/);
    expect(await signedIn(page)).toBe(false);
    await screenshot(page, '1280-09-login-wrong-password');

    await form.getByLabel('Password', { exact: true }).fill(USER.password);
    await form.getByRole('button', { name: 'Log in', exact: true }).click();
    await visible(page.getByText(`Welcome back, ${USER.displayName}!`));
    expect(await signedIn(page)).toBe(true);

    expect(pageErrors).toEqual([]);
  });

  it('two tabs reloading at once both stay signed in', async () => {
    // Tabs share the rotating refresh cookie: refreshing at the same moment must not look like token theft.
    const first = await newPage(DESKTOP);
    await first.goto('/login');
    await logInThroughForm(first, USER.password);
    await visible(first.getByText(`Welcome back, ${USER.displayName}!`));
    const second = await first.context().newPage();
    const third = await first.context().newPage();
    await Promise.all([first.goto('/settings'), second.goto('/settings'), third.goto('/settings')]);
    for (const page of [first, second, third]) expect(await signedIn(page)).toBe(true);
    // And the session still works afterwards.
    await first.reload();
    expect(await signedIn(first)).toBe(true);
  });

  it('opened at 127.0.0.1 while PUBLIC_URL says localhost, a reload keeps the session', async () => {
    // The address the server log prints: same-origin requests must pass the Origin check.
    const context = await app().browser.newContext({
      baseURL: app().server.url.replace('localhost', '127.0.0.1'),
      viewport: DESKTOP,
    });
    const page = await context.newPage();
    const { consoleErrors } = watchPage(page);
    await page.goto('/');
    expect(await signedIn(page)).toBe(false);
    // Signed out, the app does not ask for a refresh it cannot get (no red 401 on every load).
    expect(consoleErrors).toEqual([]);
    await page.goto('/login');
    await logInThroughForm(page, USER.password);
    await visible(page.getByText(`Welcome back, ${USER.displayName}!`));
    await page.reload();
    expect(await signedIn(page)).toBe(true);
    await page.goto('/settings');
    expect(await signedIn(page)).toBe(true);
    expect(await page.title()).toBe('Settings · Veza');
    await context.close();
  });

  it("an unknown address answers 404 with the app's not-found page", async () => {
    const page = await newPage(DESKTOP);
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await visible(page.getByRole('heading', { name: "This page doesn't exist", level: 1 }));
    expect(await page.title()).toBe('Page not found · Veza');
    expect((await page.goto('/signup'))?.status()).toBe(200);
  });

  it('keyboard: the first Tab reaches the skip link, which moves focus to the content', async () => {
    const page = await newPage(DESKTOP);
    await page.goto('/');
    await signedIn(page);

    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const box = el?.getBoundingClientRect();
      return { tag: el?.tagName, text: el?.textContent?.trim(), href: el?.getAttribute('href'), top: box?.top ?? -1 };
    });
    expect(focused).toMatchObject({ tag: 'A', text: 'Skip to content', href: '#main' });
    expect(focused.top).toBeGreaterThanOrEqual(0); // shown on focus, not left off-screen
    await screenshot(page, '1280-10-skip-link', { fullPage: false });

    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it('at 375px the account pages fit the screen', async () => {
    const page = await newPage(PHONE, true);
    const { pageErrors } = watchPage(page);
    const overflowing: string[] = [];
    async function shoot(name: string) {
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      if (widths.scroll > widths.client) overflowing.push(`${name}: ${widths.scroll}px wide in ${widths.client}px`);
      await screenshot(page, `375-${name}`);
    }

    await page.goto('/');
    await signedIn(page);
    await shoot('01-home');
    await page.goto('/signup');
    await visible(page.getByRole('form', { name: 'Sign up' }));
    await shoot('02-signup');
    await page.goto('/login');
    await logInThroughForm(page, 'not the right passphrase');
    await visible(page.getByRole('form', { name: 'Log in' }).getByRole('alert'));
    await shoot('03-login-error');
    await page.getByRole('form', { name: 'Log in' }).getByLabel('Password', { exact: true }).fill(USER.password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await visible(accountMenuButton(page));
    await openAccountMenu(page);
    await shoot('04-user-menu');
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await visible(page.getByRole('heading', { name: 'Settings', level: 1 }));
    await shoot('05-settings');
    await page.goto(`/u/${USER.username}`);
    await visible(page.getByRole('heading', { name: USER.displayName, level: 1 }));
    await shoot('06-profile');

    expect(overflowing).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
