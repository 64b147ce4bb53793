import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aMe, fakeServer, json, problem, testApi, type FakeRoutes } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { LikesPrivacyToggle } from './LikesPrivacyToggle';

function show(routes: FakeRoutes) {
  const server = fakeServer(routes);
  renderPage(<LikesPrivacyToggle me={aMe({ likesPublic: true })} />, { api: testApi(server), at: '/settings' });
  return { server, user: userEvent.setup() };
}

describe('LikesPrivacyToggle', () => {
  it('saves the choice at once through PATCH /me and says so', async () => {
    const { server, user } = show({
      'PATCH /api/v1/me': async (req) => json(200, aMe((await req.json()) as { likesPublic: boolean })),
    });
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: /Show the tracks I like on my profile/ });
    expect(box.checked).toBe(true);
    await user.click(box);
    expect(await screen.findByText('Your likes are now private.')).toBeTruthy();
    expect(await server.calls('PATCH /api/v1/me')[0]?.json()).toEqual({ likesPublic: false });
  });

  it('tells why when the server refuses', async () => {
    const { user } = show({
      'PATCH /api/v1/me': () => problem(404, 'USER_NOT_FOUND', { detail: 'This account no longer exists.' }),
    });
    await user.click(screen.getByRole('checkbox'));
    expect(await screen.findByText('This account no longer exists.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole<HTMLInputElement>('checkbox').checked).toBe(true));
  });
});
