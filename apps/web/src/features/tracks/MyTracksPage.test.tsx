import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Track } from '@/api';
import { PlayerProvider } from '@/features/player';
import { aMe, answer, fakeServer, json, noContent, problem, route, testApi } from '@/test/fake-api';
import { fakeEventStream } from '@/test/event-stream';
import { FakeEngine } from '@/test/fake-engine';
import { renderPage } from '@/test/render';
import { aTrack } from '@/test/tracks';
import { MyTracksPage } from './MyTracksPage';

const artist = aMe({ role: 'artist', username: 'grace_h' });
const processing = aTrack({ title: 'Half baked', status: 'processing', progress: 42, durationMs: null, readyAt: null });
const ready = aTrack({ title: 'Finished', playCount: 1234, durationMs: 225_000, visibility: 'unlisted' });
const failed = aTrack({
  title: 'Broken',
  status: 'failed',
  progress: 10,
  statusMessage: 'The file ends abruptly: it looks truncated.',
  durationMs: null,
});

function show(items: Track[], extra: Parameters<typeof fakeServer>[0] = {}, engines: FakeEngine[] = []) {
  const stream = fakeEventStream();
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: artist }),
    'GET /api/v1/me/tracks': () => json(200, { items, nextCursor: null }),
    'GET /api/v1/me/tracks/events': () => answer(200, stream.body, { 'Content-Type': 'text/event-stream' }),
    'GET /api/v1/me/stats/plays': () =>
      json(200, {
        total: 3,
        days: [
          { date: '2025-01-01', plays: 1 },
          { date: '2025-01-02', plays: 2 },
        ],
      }),
    ...extra,
  });
  renderPage(
    <PlayerProvider
      createEngine={() => {
        const engine = new FakeEngine();
        engines.push(engine);
        return engine;
      }}
    >
      <MyTracksPage />
    </PlayerProvider>,
    { api: testApi(server), at: '/me/tracks', restoreSession: true },
  );
  return { server, stream, user: userEvent.setup() };
}

const row = (title: string) => screen.getByRole('link', { name: title }).closest('li')!;

describe('My tracks', () => {
  it('shows processing with its percent, ready with play and facts, failed with the reason and Retry/Delete', async () => {
    show([processing, ready, failed]);
    await screen.findByRole('heading', { name: 'My tracks' });
    await screen.findByRole('link', { name: 'Half baked' });

    const busy = within(row('Half baked'));
    expect(busy.getByText('Processing 42%')).toBeTruthy();
    expect(busy.getByRole('progressbar', { name: 'Processing Half baked' }).getAttribute('aria-valuenow')).toBe('42');
    expect(busy.queryByRole('button', { name: /^Play/ })).toBeNull();

    const done = within(row('Finished'));
    expect(done.getByText('Ready')).toBeTruthy();
    expect(done.getByRole('button', { name: 'Play Finished' })).toBeTruthy();
    expect(done.getByText('3:45')).toBeTruthy();
    expect(done.getByText('1.2K plays')).toBeTruthy();
    expect(done.getByText('Unlisted')).toBeTruthy();

    const broken = within(row('Broken'));
    expect(broken.getByText('Failed')).toBeTruthy();
    expect(broken.getByText(/it looks truncated/)).toBeTruthy();
    expect(broken.getByRole('button', { name: 'Retry Broken' })).toBeTruthy();
    expect(broken.getAllByRole('button', { name: 'Delete Broken' })).toHaveLength(2);

    expect(await screen.findByText('Plays, last 30 days')).toBeTruthy();
  });

  it('retries a failed track and shows it processing again', async () => {
    const { server, user } = show([failed], {
      ...route(`POST /api/v1/tracks/${failed.id}/retry`, () =>
        json(200, { ...failed, status: 'processing', progress: 0, statusMessage: null, waveform: null }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Retry Broken' }));
    expect(await within(row('Broken')).findByText('Processing 0%')).toBeTruthy();
    expect(server.calls(`POST /api/v1/tracks/${failed.id}/retry`)).toHaveLength(1);
  });

  it('deletes only after confirming', async () => {
    const { server, user } = show(
      [ready, failed],
      route(`DELETE /api/v1/tracks/${ready.id}`, () => noContent()),
    );
    await screen.findByRole('link', { name: 'Finished' });
    await user.click(within(row('Finished')).getByRole('button', { name: 'Delete Finished' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete Finished?' });
    await user.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(server.calls(`DELETE /api/v1/tracks/${ready.id}`)).toHaveLength(0);

    await user.click(within(row('Finished')).getByRole('button', { name: 'Delete Finished' }));
    await user.click(screen.getByRole('button', { name: 'Delete track' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Finished' })).toBeNull());
    expect(server.calls(`DELETE /api/v1/tracks/${ready.id}`)).toHaveLength(1);
  });

  it('deleting the playing track stops playback and says why, without a play report for it', async () => {
    const other = aTrack({ title: 'Second' });
    const engines: FakeEngine[] = [];
    const { server, user } = show(
      [ready, other],
      {
        ...route(`DELETE /api/v1/tracks/${ready.id}`, () => noContent()),
        ...route(`GET /api/v1/tracks/${ready.id}/stream`, () =>
          json(200, { url: `/stream/${ready.id}/master.m3u8?t=x`, expiresAt: '2030-01-01T00:00:00Z' }),
        ),
        ...route(`POST /api/v1/tracks/${ready.id}/plays`, () => problem(404, 'TRACK_NOT_FOUND')),
      },
      engines,
    );
    await user.click(await screen.findByRole('button', { name: 'Play Finished' }));
    await screen.findByRole('button', { name: 'Pause Finished' });
    const engine = engines.at(-1)!;
    engine.emit({ type: 'time', positionMs: 1000 });
    engine.emit({ type: 'time', positionMs: 2000 });

    await user.click(within(row('Finished')).getByRole('button', { name: 'Delete Finished' }));
    await user.click(screen.getByRole('button', { name: 'Delete track' }));

    expect(await screen.findByText('Playback stopped: the track you deleted was playing.')).toBeTruthy();
    expect(engine.playing).toBe(false);
    expect(engine.loads).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Play Second' })).toBeTruthy();
    expect(server.calls(`POST /api/v1/tracks/${ready.id}/plays`)).toHaveLength(0);
  });

  it('edits a track in place and shows the API field errors', async () => {
    const { server, user } = show([ready], {
      ...route(`PATCH /api/v1/tracks/${ready.id}`, async (req) => {
        const body = (await req.json()) as { genre: string };
        if (body.genre === 'x'.repeat(3))
          return problem(400, 'VALIDATION_FAILED', {
            errors: [{ path: 'body/genre', message: 'Not a genre we know' }],
          });
        return json(200, { ...ready, ...body, waveform: null });
      }),
    });
    await screen.findByRole('link', { name: 'Finished' });
    await user.click(screen.getByRole('button', { name: 'Edit Finished' }));
    const form = screen.getByRole('form', { name: 'Edit Finished' });
    const genre = within(form).getByLabelText(/Genre/);
    await user.clear(genre);
    await user.type(genre, 'xxx');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await within(form).findByText('Not a genre we know')).toBeTruthy();

    await user.clear(within(form).getByLabelText(/Title/));
    await user.type(within(form).getByLabelText(/Title/), 'Finished (remaster)');
    await user.clear(genre);
    await user.type(genre, 'Drone');
    await user.type(within(form).getByLabelText(/Tags/), 'Night, calm, night');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('link', { name: 'Finished (remaster)' })).toBeTruthy();
    const sent = (await server.calls(`PATCH /api/v1/tracks/${ready.id}`).at(-1)!.json()) as Record<string, unknown>;
    expect(sent).toMatchObject({ title: 'Finished (remaster)', genre: 'Drone', tags: ['night', 'calm'] });
  });

  it('a new cover waits for "Save changes" with the other fields, and Cancel drops it', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
    const { server, user } = show([ready], {
      ...route(`PUT /api/v1/tracks/${ready.id}/cover`, () =>
        json(200, { ...ready, coverUrl: '/c.png', waveform: null }),
      ),
      ...route(`PATCH /api/v1/tracks/${ready.id}`, async (req) =>
        json(200, { ...ready, ...((await req.json()) as object), coverUrl: '/c.png', waveform: null }),
      ),
    });
    const png = () => new File([new Uint8Array([137, 80, 78, 71])], 'art.png', { type: 'image/png' });
    await screen.findByRole('link', { name: 'Finished' });

    await user.click(screen.getByRole('button', { name: 'Edit Finished' }));
    await user.upload(screen.getByLabelText('Add cover'), png());
    expect(screen.getByText(/Saved with “Save changes”/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(server.calls(`PUT /api/v1/tracks/${ready.id}/cover`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Edit Finished' }));
    await user.upload(screen.getByLabelText('Add cover'), png());
    expect(server.calls(`PUT /api/v1/tracks/${ready.id}/cover`)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(server.calls(`PATCH /api/v1/tracks/${ready.id}`)).toHaveLength(1));
    expect(server.calls(`PUT /api/v1/tracks/${ready.id}/cover`)).toHaveLength(1);
  });

  it('updates a processing row live from the event stream', async () => {
    const { stream, server } = show([processing]);
    await screen.findByText('Processing 42%');
    await waitFor(() => expect(server.calls('GET /api/v1/me/tracks/events')).toHaveLength(1));
    expect(server.calls('GET /api/v1/me/tracks/events')[0]!.headers.get('Authorization')).toBe('Bearer tok');

    act(() =>
      stream.send('progress', { trackId: processing.id, status: 'processing', progress: 77, statusMessage: null }),
    );
    expect(await screen.findByText('Processing 77%')).toBeTruthy();
  });

  it('offers the upload page when there is nothing yet', async () => {
    show([]);
    expect(await screen.findByRole('heading', { name: 'No tracks yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Upload a track' }).getAttribute('href')).toBe('/upload');
  });
});
