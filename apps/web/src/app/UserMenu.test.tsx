import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aMe, fakeServer, json, noContent, testApi } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { Header } from './Header';

function signedIn(me = aMe()) {
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: me }),
    'POST /api/v1/auth/logout': () => noContent(),
  });
  const api = testApi(server);
  renderPage(<Header />, { api, at: '/', restoreSession: true });
  return { server, api, user: userEvent.setup() };
}

describe('user menu', () => {
  it('opens from the keyboard, moves with arrows, closes with Escape', async () => {
    const { user } = signedIn();
    const button = await screen.findByRole('button', { name: /Ada Lovelace/ });

    button.focus();
    await user.keyboard('{Enter}');
    const items = screen.getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Settings',
      'Notifications',
      'Library',
      'My profile',
      'Playlists',
      'Log out',
    ]);
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[1]);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(screen.getAllByRole('menuitem').at(-1));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('logs out with the CSRF header and shows the signed-out buttons', async () => {
    const { server, api, user } = signedIn();

    await user.click(await screen.findByRole('button', { name: /Ada Lovelace/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Log out' }));

    expect(await screen.findByRole('link', { name: 'Sign up' })).toBeTruthy();
    const logout = server.calls('POST /api/v1/auth/logout')[0]!;
    expect(logout.headers.get('X-CSRF-Token')).toBe('csrf-123');
    expect(logout.credentials).toBe('include');
    await waitFor(() => expect(api.session.getAccessToken()).toBeNull());
  });

  it('gives artists their tracks and the upload page, in the menu and the header', async () => {
    const { user } = signedIn(aMe({ role: 'artist' }));
    await user.click(await screen.findByRole('button', { name: /Ada Lovelace/ }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual([
      'Settings',
      'Notifications',
      'Library',
      'My profile',
      'Playlists',
      'My tracks',
      'Upload',
      'Log out',
    ]);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My tracks' }).getAttribute('href')).toBe('/me/tracks');
    expect(within(nav).getByRole('link', { name: 'Upload' }).getAttribute('href')).toBe('/upload');
  });
});
