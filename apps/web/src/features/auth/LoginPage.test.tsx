import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aMe, fakeServer, json, problem, testApi, type Answer } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { LoginPage } from './LoginPage';

function setup(routes: Parameters<typeof fakeServer>[0], at = '/login') {
  const server = fakeServer(routes);
  const api = testApi(server);
  renderPage(<LoginPage />, { api, at });
  return { server, api, user: userEvent.setup() };
}

describe('LoginPage', () => {
  it('logs in with the typed credentials, starts the session and goes to ?next', async () => {
    const { server, api, user } = setup(
      {
        'POST /api/v1/auth/login': () =>
          json(200, { accessToken: 'tok', expiresIn: 900, user: aMe({ displayName: 'Ada' }) }),
      },
      '/login?next=%2Fsettings',
    );

    await user.type(screen.getByLabelText('E-mail or username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByTestId('location')).toHaveProperty('textContent', '/settings');
    const request = server.calls('POST /api/v1/auth/login')[0]!;
    expect(await request.json()).toEqual({ login: 'ada', password: 'correct horse battery' });
    expect(request.credentials).toBe('include');
    expect(api.session.getAccessToken()).toBe('tok');
    expect(screen.getByText('Welcome back, Ada!')).toBeTruthy();
  });

  it("shows the API's field errors next to the fields and a form-level alert", async () => {
    const { user } = setup({
      'POST /api/v1/auth/login': () =>
        problem(400, 'VALIDATION_FAILED', {
          title: 'Invalid request',
          errors: [
            { path: '/login', message: 'No account uses that e-mail or username.' },
            { path: '/captcha', message: 'Captcha required.' },
          ],
        }),
    });

    await user.type(screen.getByLabelText('E-mail or username'), 'ghost');
    await user.type(screen.getByLabelText('Password'), 'whatever-long');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    const field = screen.getByLabelText('E-mail or username');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = document.getElementById(field.getAttribute('aria-describedby')!);
    expect(describedBy?.textContent).toContain('No account uses that e-mail or username.');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Invalid request');
    expect(alert.textContent).toContain('captcha: Captcha required.');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a wrong-password 401 as a form error and does not try to refresh', async () => {
    const { server, user } = setup({
      'POST /api/v1/auth/login': () =>
        problem(401, 'INVALID_CREDENTIALS', { title: 'Wrong e-mail, username or password.' }),
    });

    await user.type(screen.getByLabelText('E-mail or username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Wrong e-mail, username or password.');
    expect(server.calls('POST /api/v1/auth/refresh')).toHaveLength(0);
  });

  it('checks empty fields before calling the API', async () => {
    const { server, user } = setup({});

    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(screen.getByText('Enter your e-mail or username.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('E-mail or username'));
    expect(server.fetch).not.toHaveBeenCalled();
  });

  it('disables the button and says so while the request is pending', async () => {
    let answer!: (r: Answer<{ status: 429; code: 'RATE_LIMITED' }>) => void;
    const { user } = setup({
      'POST /api/v1/auth/login': () =>
        new Promise<Answer<{ status: 429; code: 'RATE_LIMITED' }>>((resolve) => (answer = resolve)),
    });

    await user.type(screen.getByLabelText('E-mail or username'), 'ada');
    await user.type(screen.getByLabelText('Password'), 'long enough pw');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    const button = await screen.findByRole('button', { name: 'Logging in…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    answer(problem(429, 'RATE_LIMITED', {}, { 'Retry-After': '30' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Too many attempts. Please try again in 30 seconds.',
    );
  });
});
