import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PlayerProvider } from '@/features/player';
import { fakeServer, json, problem, route, testApi } from '@/test/fake-api';
import { FakeEngine } from '@/test/fake-engine';
import { renderPage } from '@/test/render';
import { aTrackDetail } from '@/test/tracks';
import { TrackPage } from './TrackPage';

const track = aTrackDetail({
  title: 'Night drive',
  description: 'Recorded on the A7.\nMostly at night.',
  tags: ['synthwave', 'night'],
  playCount: 12,
  durationMs: 200_000,
});

function show(routes: Parameters<typeof fakeServer>[0]) {
  const engine = new FakeEngine();
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => problem(401, 'INVALID_SESSION'),
    ...route(`GET /api/v1/tracks/${track.id}/stream`, () =>
      json(200, { url: `/stream/${track.id}/master.m3u8?token=t`, expiresAt: '2030-01-01T00:00:00Z' }),
    ),
    ...route(`GET /api/v1/tracks/${track.id}/comments`, () => json(200, { items: [], total: 0, nextCursor: null })),
    ...route(`GET /api/v1/tracks/${track.id}/comments/markers`, () => json(200, { items: [] })),
    ...routes,
  });
  renderPage(
    <PlayerProvider createEngine={() => engine}>
      <TrackPage />
    </PlayerProvider>,
    { api: testApi(server), at: `/tracks/${track.id}`, path: '/tracks/:id', restoreSession: true },
  );
  return { engine, server, user: userEvent.setup() };
}

describe('TrackPage', () => {
  it('titles the tab after the track, and copies its link', async () => {
    const { user } = show(route(`GET /api/v1/tracks/${track.id}`, () => json(200, track)));
    // After userEvent.setup(), which puts its own clipboard stub in place.
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });

    await screen.findByRole('heading', { level: 1, name: 'Night drive' });
    await waitFor(() => expect(document.title).toBe('Night drive by Grace Hopper · Veza'));
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/tracks/${track.id}`);
    expect(await screen.findByText('Link copied.')).toBeTruthy();
  });

  it('shows the track with its artist, facts, description and tags, and plays it', async () => {
    const { engine, user } = show(route(`GET /api/v1/tracks/${track.id}`, () => json(200, track)));

    expect(await screen.findByRole('heading', { level: 1, name: 'Night drive' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Grace Hopper' }).getAttribute('href')).toBe('/u/grace_h');
    expect(screen.getAllByText('3:20')).toHaveLength(2); // in the facts, and at the waveform's end
    expect(screen.getByText('12 plays')).toBeTruthy();
    expect(screen.getByText(/Recorded on the A7/)).toBeTruthy();
    expect(screen.getByText('#synthwave')).toBeTruthy();
    expect(screen.getByRole('slider', { name: 'Seek in Night drive' }).getAttribute('aria-valuenow')).toBe('0');

    await user.click(screen.getByRole('button', { name: 'Play Night drive' }));
    await waitFor(() => expect(engine.loads).toHaveLength(1));
    expect(await screen.findByRole('button', { name: 'Pause Night drive' })).toBeTruthy();
  });

  it('clicking the waveform of a track not playing starts it from there; of the playing one, seeks', async () => {
    const { engine } = show(route(`GET /api/v1/tracks/${track.id}`, () => json(200, track)));
    const wave = await screen.findByRole('slider', { name: 'Seek in Night drive' });
    vi.spyOn(wave, 'getBoundingClientRect').mockReturnValue({ left: 100, width: 400 } as DOMRect);

    fireEvent.pointerDown(wave, { clientX: 300, button: 0, pointerId: 1 });
    fireEvent.pointerUp(wave, { clientX: 300, button: 0, pointerId: 1 });
    await waitFor(() => expect(engine.loads).toHaveLength(1));
    expect(engine.loads[0]!.startMs).toBe(100_000);

    fireEvent.pointerDown(wave, { clientX: 400, button: 0, pointerId: 1 });
    fireEvent.pointerUp(wave, { clientX: 400, button: 0, pointerId: 1 });
    expect(engine.seeks.at(-1)).toBe(150_000);
    expect(engine.loads).toHaveLength(1);
  });

  it('says the track is not available when the API answers 404 (missing or private)', async () => {
    show(route(`GET /api/v1/tracks/${track.id}`, () => problem(404, 'TRACK_NOT_FOUND')));
    expect(await screen.findByRole('heading', { name: "This track isn't available" })).toBeTruthy();
  });
});
