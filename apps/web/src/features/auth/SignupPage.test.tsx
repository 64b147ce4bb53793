import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aMe, fakeServer, json, problem, testApi } from '@/test/fake-api';
import { renderRoutes } from '@/test/render';
import { SignupPage } from './SignupPage';
import { VerifyEmailPage } from './VerifyEmailPage';

function setup(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(routes);
  const api = testApi(server);
  renderRoutes(
    [
      { path: '/signup', element: <SignupPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
    ],
    { api, at: '/signup' },
  );
  return { server, api, user: userEvent.setup() };
}

async function fill(user: ReturnType<typeof userEvent.setup>, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values))
    await user.type(screen.getByLabelText(label, { exact: false }), value);
}

describe('SignupPage', () => {
  it('creates the account, signs in, and shows "check your inbox"', async () => {
    const me = aMe({ email: 'new@example.com', username: 'newbie', emailVerified: false });
    const { server, api, user } = setup({
      'POST /api/v1/auth/signup': () => json(201, { user: me }),
      'POST /api/v1/auth/login': () => json(200, { accessToken: 'tok', expiresIn: 900, user: me }),
    });

    await fill(user, {
      'E-mail': 'new@example.com',
      Username: 'newbie',
      'Display name': 'New Bie',
      Password: 'a long passphrase',
    });
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(await screen.findByRole('heading', { name: 'Check your inbox' })).toBeTruthy();
    expect(screen.getByText('new@example.com')).toBeTruthy();
    expect(await server.calls('POST /api/v1/auth/signup')[0]!.json()).toEqual({
      email: 'new@example.com',
      username: 'newbie',
      password: 'a long passphrase',
      displayName: 'New Bie',
    });
    expect(await server.calls('POST /api/v1/auth/login')[0]!.json()).toEqual({
      login: 'newbie',
      password: 'a long passphrase',
    });
    expect(api.session.getSnapshot().status).toBe('signedIn');
  });

  it('checks username and password rules before calling the API', async () => {
    const { server, user } = setup({});

    await fill(user, { 'E-mail': 'x@example.com', Username: 'no spaces!', Password: 'short' });
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(screen.getByText(/Usernames are 3–30 characters/)).toBeTruthy();
    expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();
    expect(server.fetch).not.toHaveBeenCalled();
  });

  it('shows a taken username next to the field', async () => {
    const { server, user } = setup({
      'POST /api/v1/auth/signup': () =>
        problem(409, 'ACCOUNT_TAKEN', {
          title: 'Account already exists',
          errors: [{ path: 'body/username', message: 'This username is already taken' }],
        }),
    });

    await fill(user, { 'E-mail': 'x@example.com', Username: 'ada', Password: 'a long passphrase' });
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    await waitFor(() => expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('This username is already taken')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Please fix the highlighted fields.');
    expect(server.calls('POST /api/v1/auth/login')).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByLabelText('Username'));
  });
});
