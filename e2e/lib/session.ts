import type { Page } from 'playwright-core';
import { visible } from './browser';
import type { VezaServer } from './server';

/** Logs in through the login form, as a person would, and waits for the header to show the account menu. */
export async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  const form = page.getByRole('form', { name: 'Log in' });
  await visible(form);
  await form.getByLabel('E-mail or username', { exact: true }).fill(login);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Log in', exact: true }).click();
  await visible(page.getByRole('banner').getByRole('button', { name: /account menu/ }));
}

/** A bearer token for what another person does meanwhile, through the API. */
export async function tokenOf(server: VezaServer, login: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
