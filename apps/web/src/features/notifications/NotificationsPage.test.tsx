import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Header } from '@/app/Header';
import { aMe, answer, fakeServer, json, testApi, type FakeRoutes } from '@/test/fake-api';
import { fakeEventStream } from '@/test/event-stream';
import { renderPage } from '@/test/render';
import { NotificationsPage } from './NotificationsPage';
import type { Notification } from './notifications.types';

const me = aMe({ username: 'grace_h', role: 'artist' });
const actor = (username: string) => ({
  id: `00000000-0000-4000-9000-${String(username.length).padStart(12, '0')}`,
  username,
  displayName: null,
  avatarUrl: null,
});

function aNotification(overrides: Partial<Notification>): Notification {
  return {
    id: crypto.randomUUID(),
    kind: 'like',
    read: false,
    at: new Date(Date.now() - 60 * 60_000).toISOString(),
    actors: [actor('ada')],
    actorCount: 1,
    target: { type: 'track', id: '00000000-0000-4000-8000-000000000001', title: 'Night drive', available: true },
    ...overrides,
  };
}

function server(items: Notification[], unread: number, extra: FakeRoutes = {}) {
  const stream = fakeEventStream();
  const fake = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: me }),
    'GET /api/v1/me/notifications': () => json(200, { items, nextCursor: null }),
    'GET /api/v1/me/notifications/unread-count': () => json(200, { unread }),
    'GET /api/v1/me/notifications/events': () => answer(200, stream.body, { 'Content-Type': 'text/event-stream' }),
    ...extra,
  });
  return { fake, stream };
}

describe('Notifications page', () => {
  it('shows grouped items, unread ones marked, and never a hidden title', async () => {
    const { fake } = server(
      [
        aNotification({ actors: [actor('ada'), actor('bob'), actor('cyd')], actorCount: 5 }),
        aNotification({
          kind: 'follow',
          read: true,
          target: { type: 'user', id: me.id, title: null, available: true },
        }),
        aNotification({
          kind: 'repost',
          target: { type: 'track', id: '00000000-0000-4000-8000-000000000002', title: null, available: false },
        }),
      ],
      2,
    );
    renderPage(<NotificationsPage />, { api: testApi(fake), at: '/notifications', restoreSession: true });
    const list = await screen.findByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.notification-text')!.textContent)).toEqual([
      'Unread: ada and 4 others liked Night drive. ada and 4 others liked Night drive',
      'ada started following you. ada started following you',
      'Unread: ada reposted a track you can no longer see. ada reposted a track you can no longer see',
    ]);
    expect(within(rows[0]!).getByRole('link', { name: 'Night drive' }).getAttribute('href')).toBe(
      '/tracks/00000000-0000-4000-8000-000000000001',
    );
    expect(within(rows[2]!).queryByRole('link', { name: /can no longer see/ })).toBeNull();
    expect(rows[0]!.className).toContain('notification-unread');
    expect(rows[1]!.className).not.toContain('notification-unread');
    expect(screen.getByText('2 unread')).toBeTruthy();
  });

  it('marks all read up to the newest shown', async () => {
    const newest = aNotification({});
    const { fake } = server([newest], 1, {
      'POST /api/v1/me/notifications/read': () => json(200, { unread: 0 }),
    });
    renderPage(<NotificationsPage />, { api: testApi(fake), at: '/notifications', restoreSession: true });
    const user = userEvent.setup();
    await screen.findByText('1 unread');
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await screen.findByText('You have read everything.');
    const [request] = fake.calls('POST /api/v1/me/notifications/read');
    expect(await request!.json()).toEqual({ until: newest.at });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Mark all read' }).disabled).toBe(true);
  });

  it('has a friendly empty state', async () => {
    const { fake } = server([], 0);
    renderPage(<NotificationsPage />, { api: testApi(fake), at: '/notifications', restoreSession: true });
    await screen.findByRole('heading', { name: 'No notifications yet' });
  });
});

describe('Notification bell', () => {
  it('shows the unread count and follows it live, without a reload', async () => {
    const { fake, stream } = server([], 2);
    renderPage(<Header />, { api: testApi(fake), at: '/', restoreSession: true });
    const bell = await screen.findByRole('link', { name: 'Notifications, 2 unread' });
    expect(bell.getAttribute('href')).toBe('/notifications');
    await waitFor(() => expect(fake.calls('GET /api/v1/me/notifications/events')).toHaveLength(1));
    act(() => stream.send('unread', { unread: 3 }));
    await screen.findByRole('link', { name: 'Notifications, 3 unread' });
    expect(screen.getByTestId('unread-badge').textContent).toBe('3');
    act(() => stream.send('unread', { unread: 0 }));
    await screen.findByRole('link', { name: 'Notifications' });
    expect(screen.queryByTestId('unread-badge')).toBeNull();
  });
});
