import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@/api';
import { aMe, fakeServer, json, testApi } from '@/test/fake-api';
import { FakeXhr } from '@/test/fake-xhr';
import { renderPage } from '@/test/render';
import { aTrackDetail } from '@/test/tracks';
import { UploadPage } from './UploadPage';

beforeEach(() => {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

const wav = (name: string, bytes = 4_000_000) => new File([new Uint8Array(bytes)], name, { type: 'audio/wav' });

function show(me: Me, routes: Parameters<typeof fakeServer>[0] = {}) {
  let token = 'tok-1';
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: token, expiresIn: 900, user: me }),
    ...routes,
  });
  renderPage(<UploadPage />, { api: testApi(server), at: '/upload', restoreSession: true });
  return { server, user: userEvent.setup(), setToken: (t: string) => (token = t) };
}

const artist = aMe({ role: 'artist' });

async function addFiles(user: ReturnType<typeof userEvent.setup>, ...files: File[]) {
  await user.upload(await screen.findByLabelText('Choose files'), files);
}

const card = (name: string) => within(screen.getByRole('listitem', { name }));

describe('Upload page', () => {
  it('prefills a card per file and uploads only when asked, with progress, then says it is processing', async () => {
    const { user } = show(artist);
    await addFiles(user, wav('My_Song (final).wav'), wav('b-side.flac'));

    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(card('My_Song (final).wav').getByLabelText<HTMLInputElement>('Title').value).toBe('My Song (final)');
    expect(FakeXhr.sent).toHaveLength(0);

    await user.type(card('My_Song (final).wav').getByLabelText(/Tags/), 'lo-fi, Night');
    await user.selectOptions(card('My_Song (final).wav').getByLabelText('Visibility'), 'unlisted');
    await user.click(screen.getByRole('button', { name: 'Upload My_Song (final).wav' }));

    const xhr = FakeXhr.sent[0]!;
    expect(FakeXhr.sent).toHaveLength(1);
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('http://veza.test/api/v1/tracks');
    expect(xhr.headers.Authorization).toBe('Bearer tok-1');
    expect(xhr.fields()).toEqual([
      ['title', 'My Song (final)'],
      ['tags', 'lo-fi, Night'],
      ['visibility', 'unlisted'],
      ['file', 'file:My_Song (final).wav'],
    ]);

    act(() => xhr.progress(2_000_000, 4_000_000));
    const bar = card('My_Song (final).wav').getByRole('progressbar', { name: 'Uploading My_Song (final).wav' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(card('My_Song (final).wav').getByText('2.0 MB of 4.0 MB · 50%')).toBeTruthy();
    expect(card('My_Song (final).wav').getByLabelText('Title').matches(':disabled')).toBe(true);

    act(() => xhr.respond(201, aTrackDetail({ title: 'My Song (final)', status: 'processing', progress: 0 })));
    expect(await card('My_Song (final).wav').findByText('Uploaded. Processing…')).toBeTruthy();
    expect(
      card('My_Song (final).wav')
        .getByRole('link', { name: /My tracks/ })
        .getAttribute('href'),
    ).toBe('/me/tracks');
    // The other file still waits for its own button.
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it("shows the problem's detail when the file is too large or not audio, and field errors next to fields", async () => {
    const { user } = show(artist);
    await addFiles(user, wav('huge.wav'), wav('fake.mp3'), wav('long.wav'));
    await user.click(screen.getByRole('button', { name: 'Upload all (3)' }));
    const [huge, fake, long] = FakeXhr.sent;

    act(() =>
      huge!.respond(413, {
        type: 'about:blank',
        title: 'Payload Too Large',
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        detail: 'Audio uploads are limited to 500 MiB.',
        requestId: 'r1',
      }),
    );
    act(() =>
      fake!.respond(422, {
        type: 'about:blank',
        title: 'Not a playable audio file',
        status: 422,
        code: 'NOT_AUDIO',
        detail: 'This file has no audio stream.',
        requestId: 'r2',
      }),
    );
    act(() =>
      long!.respond(400, {
        type: 'about:blank',
        title: 'Validation failed',
        status: 400,
        code: 'VALIDATION_FAILED',
        requestId: 'r3',
        errors: [{ path: 'body/title', message: 'Must be 1 to 200 characters' }],
      }),
    );

    expect(await card('huge.wav').findByText('Audio uploads are limited to 500 MiB.')).toBeTruthy();
    expect(card('fake.mp3').getByText('This file has no audio stream.')).toBeTruthy();
    expect(card('long.wav').getByText('Must be 1 to 200 characters')).toBeTruthy();
    expect(card('long.wav').getByLabelText('Title').getAttribute('aria-invalid')).toBe('true');
    // Only a failure another attempt can fix offers one: the same bytes stay too large or not audio.
    expect(screen.getByRole('button', { name: 'Try again long.wav' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again huge.wav' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again fake.mp3' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove fake.mp3' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Upload all/ })).toBeNull();
  });

  it('checks the fields before sending anything', async () => {
    const { user } = show(artist);
    await addFiles(user, wav('song.wav'));
    await user.clear(card('song.wav').getByLabelText('Title'));
    await user.click(screen.getByRole('button', { name: 'Upload song.wav' }));
    expect(card('song.wav').getByText('Give the track a title.')).toBeTruthy();
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('cancels an upload in flight, and says so on a network failure', async () => {
    const { user } = show(artist);
    await addFiles(user, wav('song.wav'));
    await user.click(screen.getByRole('button', { name: 'Upload song.wav' }));
    await user.click(screen.getByRole('button', { name: 'Cancel upload of song.wav' }));
    expect(FakeXhr.sent[0]!.aborted).toBe(true);
    expect(await card('song.wav').findByText('Upload cancelled. Nothing was saved.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Upload song.wav' }));
    act(() => FakeXhr.sent[1]!.failNetwork());
    expect(await card('song.wav').findByText(/couldn't reach Veza/)).toBeTruthy();
  });

  it('refreshes an expired session once and sends again', async () => {
    const { user, setToken, server } = show(artist);
    await addFiles(user, wav('song.wav'));
    setToken('tok-2');
    await user.click(screen.getByRole('button', { name: 'Upload song.wav' }));
    act(() =>
      FakeXhr.sent[0]!.respond(401, {
        type: 'about:blank',
        title: 'x',
        status: 401,
        code: 'TOKEN_EXPIRED',
        requestId: 'r',
      }),
    );
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    expect(FakeXhr.sent[1]!.headers.Authorization).toBe('Bearer tok-2');
    expect(server.calls('POST /api/v1/auth/refresh')).toHaveLength(2);
  });

  it('skips dropped files that are not audio', async () => {
    show(artist);
    const zone = (await screen.findByText('Drag and drop audio files here')).closest('.upload-dropzone')!;
    const files = [wav('ok.wav'), new File(['hi'], 'notes.txt', { type: 'text/plain' })];
    fireEvent.drop(zone, { dataTransfer: { files, types: ['Files'] } });
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByText(/notes\.txt isn't audio/)).toBeTruthy();
  });

  it('lets a listener become an artist, refreshing the session for the new role', async () => {
    const { server, user } = show(aMe(), {
      'POST /api/v1/me/become-artist': () => json(200, artist),
    });
    await user.click(await screen.findByRole('button', { name: 'Become an artist' }));
    expect(await screen.findByLabelText('Choose files')).toBeTruthy();
    expect(server.calls('POST /api/v1/me/become-artist')).toHaveLength(1);
    // Once at boot, once for a token that carries the new role.
    expect(server.calls('POST /api/v1/auth/refresh')).toHaveLength(2);
  });
});
