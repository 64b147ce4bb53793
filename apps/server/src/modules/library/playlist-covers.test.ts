import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { TrackRow } from '@/modules/tracks/tracks.tables';
import { createTestApp, expectProblem } from '../../../test/app';
import { playlistRequests } from './playlist-requests';
import type { PlaylistDetail } from './library.schemas';

const t = await createTestApp();
const { app, c, given } = t;
const playlists = playlistRequests(app, t.clock);

const COLOURS = {
  red: { r: 255, g: 0, b: 0 },
  green: { r: 0, g: 255, b: 0 },
  blue: { r: 0, g: 0, b: 255 },
  yellow: { r: 255, g: 255, b: 0 },
  white: { r: 255, g: 255, b: 255 },
} as const;
type Colour = keyof typeof COLOURS;

const png = (colour: Colour, width = 400, height = 400) =>
  sharp({ create: { width, height, channels: 3, background: COLOURS[colour] } })
    .png()
    .toBuffer();

/** A public ready track whose cover is one flat colour, set through the tracks module as its artist would. */
async function trackWithCover(colour: Colour, opts: { visibility?: 'public' | 'private' } = {}): Promise<TrackRow> {
  const artist = await given.artist();
  const track = await given.track({ owner: artist, ...opts });
  const principal = { userId: artist.id, role: artist.role, via: 'bearer' as const };
  await c.services.tracks.replaceCover(track.id, principal, Readable.from(await png(colour)));
  return track;
}

async function owner() {
  const user = await given.user();
  return { user, auth: (await given.session(user)).auth };
}

/** The colour nearest to the pixel at (x, y) of a JPEG. */
async function colourAt(jpeg: Buffer, x: number, y: number): Promise<Colour> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
  const distance = (c: { r: number; g: number; b: number }) => (c.r - r) ** 2 + (c.g - g) ** 2 + (c.b - b) ** 2;
  return (Object.keys(COLOURS) as Colour[]).sort((a, z) => distance(COLOURS[a]) - distance(COLOURS[z]))[0]!;
}

/** Top-left, top-right, bottom-left, bottom-right. */
async function quadrants(jpeg: Buffer, size: number): Promise<Colour[]> {
  const q = size / 4;
  return Promise.all([
    colourAt(jpeg, q, q),
    colourAt(jpeg, 3 * q, q),
    colourAt(jpeg, q, 3 * q),
    colourAt(jpeg, 3 * q, 3 * q),
  ]);
}

async function coverOf(id: string, size: 64 | 300 | 1200, auth?: { authorization: string }) {
  const res = await app.inject({ url: `/api/v1/playlists/${id}/cover/${size}`, ...(auth ? { headers: auth } : {}) });
  if (res.statusCode !== 200) throw new Error(`cover: ${res.statusCode} ${res.body}`);
  return res;
}

describe('playlist mosaics', () => {
  it('lays out 1 to 4 covers in a square of each size, made when the items change', async () => {
    const me = await owner();
    const tracks = {
      red: await trackWithCover('red'),
      green: await trackWithCover('green'),
      blue: await trackWithCover('blue'),
      yellow: await trackWithCover('yellow'),
    };
    const playlist = await playlists.create(me.auth);
    const expected: [[keyof typeof tracks], Colour[]][] = [
      [['red'], ['red', 'red', 'red', 'red']],
      [['green'], ['red', 'green', 'green', 'red']],
      [['blue'], ['red', 'green', 'blue', 'red']],
      [['yellow'], ['red', 'green', 'blue', 'yellow']],
    ];
    let previousUrl: string | null = null;
    for (const [[add], layout] of expected) {
      await playlists.add(playlist.id, me.auth, [tracks[add].id]);
      await t.deliverEvents();
      const detail = (await playlists.get(playlist.id)).json<PlaylistDetail>();
      expect(detail.coverUrl).toMatch(
        new RegExp(`^/api/v1/playlists/${playlist.id}/cover/300\\?v=mosaic-[0-9a-f]{16}$`),
      );
      expect(detail.coverUrl).not.toBe(previousUrl);
      previousUrl = detail.coverUrl;
      for (const size of [64, 300, 1200] as const) {
        const res = await coverOf(playlist.id, size);
        expect(res.headers['content-type']).toBe('image/jpeg');
        expect(await sharp(res.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: size, height: size });
        expect(await quadrants(res.rawPayload, size)).toEqual(layout);
      }
    }
  });

  it('shows only the first four covers anyone may see, in order, skipping private and coverless tracks', async () => {
    const me = await owner();
    const hidden = await trackWithCover('white', { visibility: 'private' });
    const plain = await given.track();
    const [red, green] = [await trackWithCover('red'), await trackWithCover('green')];
    const [blue, yellow] = [await trackWithCover('blue'), await trackWithCover('yellow')];
    const playlist = await playlists.create(me.auth);
    // The private track is the owner's to add only if they may see it; put it in through another artist's playlist view.
    await c.db
      .insertInto('playlist_items')
      .values({
        playlist_id: playlist.id,
        track_id: hidden.id,
        position: 0,
        added_by: me.user.id,
        added_at: t.clock.now(),
      })
      .execute();
    await playlists.add(playlist.id, me.auth, [plain.id, green.id, red.id, green.id, blue.id, yellow.id]);
    await c.jobs.runOnce('library.playlist-cover', { playlistId: playlist.id });
    const res = await coverOf(playlist.id, 300);
    expect(await quadrants(res.rawPayload, 300)).toEqual(['green', 'red', 'blue', 'yellow']);

    // A reorder that leaves the first four alone keeps the picture and its URL; one that changes them does not.
    const before = (await playlists.get(playlist.id)).json<PlaylistDetail>();
    const coverless = before.items[1]!;
    const last = before.items.at(-1)!;
    await playlists.move(playlist.id, coverless.id, me.auth, 3);
    await t.deliverEvents();
    expect((await playlists.get(playlist.id)).json<PlaylistDetail>().coverUrl).toBe(before.coverUrl);
    await playlists.move(playlist.id, last.id, me.auth, 0);
    await t.deliverEvents();
    const after = await coverOf(playlist.id, 300);
    expect(await quadrants(after.rawPayload, 300)).toEqual(['yellow', 'green', 'red', 'blue']);
    expect(after.headers.etag).not.toBe(res.headers.etag);
  });

  it('follows a new cover of a track it shows', async () => {
    const me = await owner();
    const artist = await given.artist();
    const track = await given.track({ owner: artist });
    const principal = { userId: artist.id, role: artist.role, via: 'bearer' as const };
    await c.services.tracks.replaceCover(track.id, principal, Readable.from(await png('red')));
    const playlist = await playlists.create(me.auth);
    await playlists.add(playlist.id, me.auth, [track.id]);
    await t.deliverEvents();
    expect(await quadrants((await coverOf(playlist.id, 64)).rawPayload, 64)).toEqual(['red', 'red', 'red', 'red']);

    await c.services.tracks.replaceCover(track.id, principal, Readable.from(await png('yellow')));
    await t.deliverEvents();
    expect(await quadrants((await coverOf(playlist.id, 64)).rawPayload, 64)).toEqual([
      'yellow',
      'yellow',
      'yellow',
      'yellow',
    ]);
  });

  it('drops a track from the mosaic when it turns private, and has no cover without covers', async () => {
    const me = await owner();
    const artist = await given.artist();
    const track = await given.track({ owner: artist });
    await c.services.tracks.replaceCover(
      track.id,
      { userId: artist.id, role: artist.role, via: 'bearer' },
      Readable.from(await png('blue')),
    );
    const playlist = await playlists.create(me.auth);
    await playlists.add(playlist.id, me.auth, [track.id]);
    await t.deliverEvents();
    expect((await playlists.get(playlist.id)).json<PlaylistDetail>().coverUrl).not.toBeNull();

    await c.services.tracks.update(
      track.id,
      { userId: artist.id, role: artist.role, via: 'bearer' },
      {
        visibility: 'private',
      },
    );
    await t.deliverEvents();
    expect((await playlists.get(playlist.id)).json<PlaylistDetail>().coverUrl).toBeNull();
    expectProblem(await app.inject({ url: `/api/v1/playlists/${playlist.id}/cover/300` }), 404, 'COVER_NOT_FOUND');
  });
});

describe('custom playlist covers', () => {
  const upload = async (id: string, auth: { authorization: string }, bytes: Buffer, headers = {}) => {
    const fd = new FormData();
    fd.append('file', new Blob([bytes]), 'cover.png');
    const req = new Request('http://veza.test/', { method: 'PUT', body: fd });
    return app.inject({
      method: 'PUT',
      url: `/api/v1/playlists/${id}/cover`,
      headers: { ...auth, ...headers, 'content-type': req.headers.get('content-type') ?? '' },
      payload: Buffer.from(await req.arrayBuffer()),
    });
  };

  it('replaces the mosaic with the owner’s image, and goes back to it on DELETE', async () => {
    const me = await owner();
    const playlist = await playlists.create(me.auth);
    await playlists.add(playlist.id, me.auth, [(await trackWithCover('red')).id]);
    await t.deliverEvents();
    const mosaicUrl = (await playlists.get(playlist.id)).json<PlaylistDetail>().coverUrl;

    const set = await upload(playlist.id, me.auth, await png('blue', 640, 480));
    expect(set.statusCode).toBe(200);
    const custom = set.json<PlaylistDetail>();
    expect(custom.coverUrl).not.toBe(mosaicUrl);
    expect(custom.customCover).toBe(true);
    expect(set.headers.etag).toBe(`"${custom.version}"`);
    const image = await coverOf(playlist.id, 1200);
    expect(await sharp(image.rawPayload).metadata()).toMatchObject({ width: 1200, height: 1200, format: 'jpeg' });
    expect(await quadrants(image.rawPayload, 1200)).toEqual(['blue', 'blue', 'blue', 'blue']);
    expect(
      (await app.inject({ url: custom.coverUrl!, headers: { 'if-none-match': String(image.headers.etag) } }))
        .statusCode,
    ).toBe(200); // 300 px: another ETag than the 1200 one
    const same = await coverOf(playlist.id, 300);
    expect(
      (await app.inject({ url: custom.coverUrl!, headers: { 'if-none-match': String(same.headers.etag) } })).statusCode,
    ).toBe(304);

    // Items changing later do not replace the owner's cover.
    await playlists.add(playlist.id, me.auth, [(await trackWithCover('green')).id]);
    await t.deliverEvents();
    expect(await quadrants((await coverOf(playlist.id, 300)).rawPayload, 300)).toEqual([
      'blue',
      'blue',
      'blue',
      'blue',
    ]);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/playlists/${playlist.id}/cover`,
      headers: me.auth,
    });
    expect(removed.statusCode).toBe(200);
    // The mosaic kept up with the items meanwhile: it now shows the green track too.
    expect(removed.json()).toMatchObject({ customCover: false, coverUrl: expect.stringContaining('v=mosaic-') });
    expect(await quadrants((await coverOf(playlist.id, 300)).rawPayload, 300)).toEqual([
      'red',
      'green',
      'green',
      'red',
    ]);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/playlists/${playlist.id}/cover`,
      headers: me.auth,
    });
    expect(again.statusCode).toBe(200);
  });

  it('refuses what is not an image, strangers, collaborators and stale versions', async () => {
    const me = await owner();
    const other = await owner();
    const playlist = await playlists.create(me.auth);
    expectProblem(
      await upload(playlist.id, me.auth, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      415,
      'INVALID_COVER',
    );
    const fakePng = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 7)]);
    expectProblem(await upload(playlist.id, me.auth, fakePng), 415, 'INVALID_COVER');
    expectProblem(
      await app.inject({
        method: 'PUT',
        url: `/api/v1/playlists/${playlist.id}/cover`,
        headers: { ...me.auth, 'content-type': 'application/json' },
        payload: '{}',
      }),
      415,
    );
    expectProblem(await upload(playlist.id, other.auth, await png('red')), 403, 'NOT_PLAYLIST_OWNER');
    await playlists.invite(playlist.id, me.auth, other.user.username);
    expectProblem(await upload(playlist.id, other.auth, await png('red')), 403, 'NOT_PLAYLIST_OWNER');
    expectProblem(
      await upload(playlist.id, me.auth, await png('red'), { 'if-match': '"1"' }),
      412,
      'PLAYLIST_VERSION_MISMATCH',
    );
    const secret = await playlists.create(me.auth, { visibility: 'private' });
    const stranger = await owner();
    expectProblem(await upload(secret.id, stranger.auth, await png('red')), 404, 'PLAYLIST_NOT_FOUND');
    expectProblem(
      await app.inject({ method: 'DELETE', url: `/api/v1/playlists/${secret.id}/cover`, headers: stranger.auth }),
      404,
      'PLAYLIST_NOT_FOUND',
    );
    expectProblem(await upload(playlist.id, { authorization: 'Bearer nope' }, await png('red')), 401);
  });

  it('shows a private playlist’s cover to its people only', async () => {
    const me = await owner();
    const stranger = await owner();
    const secret = await playlists.create(me.auth, { visibility: 'private' });
    await upload(secret.id, me.auth, await png('green'));
    await coverOf(secret.id, 64, me.auth);
    expectProblem(
      await app.inject({ url: `/api/v1/playlists/${secret.id}/cover/64`, headers: stranger.auth }),
      404,
      'PLAYLIST_NOT_FOUND',
    );
    expectProblem(await app.inject({ url: `/api/v1/playlists/${secret.id}/cover/64` }), 404, 'PLAYLIST_NOT_FOUND');
    expectProblem(await app.inject({ url: `/api/v1/playlists/${secret.id}/cover/65` }), 400);
  });
});
