import { screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, problem, testApi } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { VerifyEmailPage } from './VerifyEmailPage';

describe('VerifyEmailPage', () => {
  it('verifies the token once on load and links to log in', async () => {
    let answerRestore: () => void = () => undefined;
    const restoreAnswered = new Promise<void>((resolve) => (answerRestore = resolve));
    const server = fakeServer({
      'POST /api/v1/auth/refresh': async () => {
        await restoreAnswered;
        return problem(401, 'INVALID_SESSION');
      },
      'POST /api/v1/auth/verify-email': () => json(200, { verified: true, alreadyVerified: false }),
    });
    renderPage(
      <StrictMode>
        <VerifyEmailPage />
      </StrictMode>,
      { api: testApi(server), at: '/verify-email?token=abc123', restoreSession: true },
    );
    // Verification waits for the session restore: a restore answering later would bring back a stale, unverified user.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.calls('POST /api/v1/auth/verify-email')).toHaveLength(0);
    answerRestore();

    expect(await screen.findByRole('heading', { name: 'E-mail verified' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Log in' })).toBeTruthy();
    const calls = server.calls('POST /api/v1/auth/verify-email');
    expect(calls).toHaveLength(1);
    expect(await calls[0]!.json()).toEqual({ token: 'abc123' });
  });

  it('says "already verified" for a used link of a verified address, not a failure', async () => {
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () => problem(401, 'INVALID_SESSION'),
      'POST /api/v1/auth/verify-email': () => json(200, { verified: true, alreadyVerified: true }),
    });
    renderPage(<VerifyEmailPage />, { api: testApi(server), at: '/verify-email?token=used', restoreSession: true });

    expect(await screen.findByRole('heading', { name: 'Already verified' })).toBeTruthy();
    expect(screen.getByText(/was already verified/)).toBeTruthy();
    expect(screen.queryByText(/couldn't verify/)).toBeNull();
  });

  it('explains an expired link', async () => {
    // What the server sends for an unknown, expired or voided token.
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () => problem(401, 'INVALID_SESSION'),
      // What the server answers for an expired, used or unknown token alike (InvalidEmailToken).
      'POST /api/v1/auth/verify-email': () =>
        problem(400, 'INVALID_TOKEN', {
          title: 'Invalid or expired link',
          detail: 'This link is invalid, expired or already used. Ask for a new one.',
        }),
    });
    renderPage(<VerifyEmailPage />, { api: testApi(server), at: '/verify-email?token=old', restoreSession: true });

    expect(await screen.findByRole('heading', { name: "We couldn't verify your e-mail" })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('This link is invalid, expired or already used.');
    expect(screen.getByRole('link', { name: 'Log in to get a new link' })).toBeTruthy();
  });
});
