import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, noContent, problem, testApi } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { ResetPasswordPage } from './ResetPasswordPage';

const invalidToken = () =>
  problem(400, 'INVALID_TOKEN', {
    title: 'Invalid or expired link',
    detail: 'This link is invalid, expired or already used. Ask for a new one.',
  });

describe('ResetPasswordPage', () => {
  it('says a dead link is dead on open, before a password is typed', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/password/reset/check': invalidToken });
    renderPage(<ResetPasswordPage />, { api: testApi(server), at: '/reset-password?token=used-token' });

    expect(await screen.findByRole('heading', { name: 'This reset link no longer works' })).toBeTruthy();
    expect(screen.queryByLabelText(/New password/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Request a new link' }).getAttribute('href')).toBe('/forgot-password');
    expect(await server.calls('POST /api/v1/auth/password/reset/check')[0]!.json()).toEqual({ token: 'used-token' });
  });

  it('shows the form for a live link, and checking does not use it up', async () => {
    const server = fakeServer({
      'POST /api/v1/auth/password/reset/check': () => json(200, { valid: true }),
      'POST /api/v1/auth/password/reset': () => noContent(),
    });
    renderPage(<ResetPasswordPage />, { api: testApi(server), at: '/reset-password?token=live-token' });

    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^New password/), 'a long enough password');
    await user.type(screen.getByLabelText(/^Confirm/), 'a long enough password');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));

    expect(await screen.findByTestId('location')).toBeTruthy();
    expect(server.calls('POST /api/v1/auth/password/reset')).toHaveLength(1);
  });
});
