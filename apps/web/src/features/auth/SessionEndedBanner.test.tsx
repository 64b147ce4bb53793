import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, problem, testApi } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { SessionEndedBanner } from './SessionEndedBanner';

describe('session ended banner', () => {
  it('says so when the server refuses the session the cookie promised, and links back with next', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/refresh': () => problem(401, 'INVALID_SESSION') });
    renderPage(<SessionEndedBanner />, { api: testApi(server), at: '/me/tracks', restoreSession: true });

    const banner = await screen.findByRole('alert', { name: 'Session ended' });
    expect(banner.textContent).toMatch(/Your session has ended/);
    expect(screen.getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe('/login?next=%2Fme%2Ftracks');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('stays quiet for a visitor who never had a session', async () => {
    const server = fakeServer({});
    const api = testApi(server, '');
    renderPage(<SessionEndedBanner />, { api, at: '/', restoreSession: true });
    await api.session.restore();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(server.requests).toHaveLength(0);
  });
});
