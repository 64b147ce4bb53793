import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, problem, testApi } from '@/test/fake-api';
import { renderRoutes } from '@/test/render';
import { routes } from './router';

describe('unknown URLs', () => {
  it('show the 404 page inside the layout, for a signed-out visitor', async () => {
    // No session cookie: a visitor who never signed in.
    const server = fakeServer({ 'POST /api/v1/auth/refresh': () => problem(401, 'INVALID_SESSION') });
    renderRoutes(routes, { api: testApi(server, ''), at: '/no/such/page', restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: "This page doesn't exist" })).toBeTruthy();
    expect(screen.getByText('/no/such/page')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to home' }).getAttribute('href')).toBe('/');
    // The layout is around it: skip link, navigation, and the reserved player slot.
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
    expect(await screen.findByRole('link', { name: 'Log in' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign up' })).toBeTruthy();
    expect(document.getElementById('player-slot')).not.toBeNull();
    expect(document.title).toBe('Page not found · Veza');
  });
});
