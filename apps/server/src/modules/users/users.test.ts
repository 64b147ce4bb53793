import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imagesOfEveryKind, jpegWithGps } from '@/platform/media/media.fixtures';
import { createTestApp, expectProblem } from '../../../test/app';

const { app, given, clock } = await createTestApp();

const PNG = await sharp({ create: { width: 1, height: 1, channels: 4, background: '#00000000' } })
  .png()
  .toBuffer();

function multipart(filename: string, content: Buffer, contentType: string) {
  const boundary = '----veza-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('profiles', () => {
  it('lets a listener become an artist, and never demotes anyone', async () => {
    const listener = await given.user();
    const session = await given.session(listener);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/me/become-artist',
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(res.json()).toMatchObject({ username: listener.username, role: 'artist' });
    // The next session carries the new role (a millisecond later: tokens minted with the change are refused).
    clock.advance(1);
    const fresh = await given.session(listener);
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${fresh.accessToken}` } });
    expect(me.json()).toMatchObject({ role: 'artist' });

    const admin = await given.user({ role: 'admin' });
    const adminSession = await given.session(admin);
    const stays = await app.inject({
      method: 'POST',
      url: '/api/v1/me/become-artist',
      headers: { authorization: `Bearer ${adminSession.accessToken}` },
    });
    expect(stays.json()).toMatchObject({ role: 'admin' });
    expectProblem(await app.inject({ method: 'POST', url: '/api/v1/me/become-artist' }), 401);
  });

  it('edits the profile and shows it publicly without private fields', async () => {
    const user = await given.user();
    const session = await given.session(user);
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: session.auth,
      payload: {
        displayName: '  Nina Simone ',
        bio: 'Piano, voice.',
        links: [{ label: 'Site', url: 'https://nina.example' }],
      },
    });
    expect(res.json()).toMatchObject({ displayName: 'Nina Simone', bio: 'Piano, voice.' });

    const profile = await app.inject({ url: `/api/v1/users/${user.username.toUpperCase()}` });
    expect(profile.json()).toEqual({
      id: user.id,
      username: user.username,
      displayName: 'Nina Simone',
      bio: 'Piano, voice.',
      links: [{ label: 'Site', url: 'https://nina.example' }],
      avatarUrl: null,
      role: 'listener',
      followerCount: 0,
      followingCount: 0,
      likesPublic: true,
      createdAt: expect.any(String),
    });
    expect(profile.body).not.toContain(user.email);
  });

  it('refuses bad links, empty patches and strangers', async () => {
    const session = await given.session(await given.user());
    expectProblem(
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: session.auth,
        payload: { links: [{ label: 'x', url: 'javascript:alert(1)' }] },
      }),
      400,
    );
    expectProblem(await app.inject({ method: 'PATCH', url: '/api/v1/me', headers: session.auth, payload: {} }), 400);
    expectProblem(await app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { bio: 'x' } }), 401);
    expectProblem(await app.inject({ url: '/api/v1/users/no_one_here' }), 404, 'USER_NOT_FOUND');
  });

  it('uploads, serves, replaces and removes an avatar', async () => {
    const user = await given.user();
    const session = await given.session(user);
    const upload = multipart('me.png', PNG, 'image/png');
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/avatar',
      headers: { ...session.auth, ...upload.headers },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(200);
    const avatarUrl = res.json().avatarUrl as string;
    expect(avatarUrl).toMatch(new RegExp(`^/api/v1/users/${user.username}/avatar\\?v=`));

    const image = await app.inject({ url: avatarUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(await sharp(image.rawPayload).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });
    const cached = await app.inject({ url: avatarUrl, headers: { 'if-none-match': String(image.headers.etag) } });
    expect(cached.statusCode).toBe(304);

    const removed = await app.inject({ method: 'DELETE', url: '/api/v1/me/avatar', headers: session.auth });
    expect(removed.json().avatarUrl).toBeNull();
    expectProblem(await app.inject({ url: avatarUrl }), 404);
  });

  it('refuses files that are not images whatever they claim, and oversized ones', async () => {
    const session = await given.session(await given.user());
    const fake = multipart('evil.png', Buffer.from('<script>alert(1)</script>'), 'image/png');
    expectProblem(
      await app.inject({
        method: 'PUT',
        url: '/api/v1/me/avatar',
        headers: { ...session.auth, ...fake.headers },
        payload: fake.payload,
      }),
      415,
      'INVALID_AVATAR',
    );
    const big = multipart('big.png', Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]), 'image/png');
    expectProblem(
      await app.inject({
        method: 'PUT',
        url: '/api/v1/me/avatar',
        headers: { ...session.auth, ...big.headers },
        payload: big.payload,
      }),
      413,
    );
    expectProblem(
      await app.inject({ method: 'PUT', url: '/api/v1/me/avatar', headers: session.auth, payload: { file: 'x' } }),
      415,
    );
    expect((await app.inject({ url: '/api/v1/me', headers: session.auth })).json().avatarUrl).toBeNull();
  });

  it('stores a photo re-encoded, without its EXIF and GPS position', async () => {
    const session = await given.session(await given.user());
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const upload = multipart('me.jpg', photo, 'image/jpeg');
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/avatar',
      headers: { ...session.auth, ...upload.headers },
      payload: upload.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const image = await app.inject({ url: res.json<{ avatarUrl: string }>().avatarUrl });
    expect(image.headers['content-type']).toBe('image/jpeg');
    const served = await sharp(image.rawPayload).metadata();
    expect(served).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(served.exif).toBeUndefined();
  });

  it('refuses GIF, TIFF, SVG and anything but JPEG, PNG and WebP, whatever the name and type say', async () => {
    const session = await given.session(await given.user());
    const images = await imagesOfEveryKind();
    for (const kind of ['gif', 'tiff', 'svg', 'svgWithReference', 'garbage']) {
      const upload = multipart('me.jpg', images[kind]!, 'image/jpeg');
      const res = await app.inject({
        method: 'PUT',
        url: '/api/v1/me/avatar',
        headers: { ...session.auth, ...upload.headers },
        payload: upload.payload,
      });
      expectProblem(res, 415, 'INVALID_AVATAR');
    }
    for (const kind of ['jpeg', 'png', 'webp']) {
      const upload = multipart('me.bin', images[kind]!, 'application/octet-stream');
      const res = await app.inject({
        method: 'PUT',
        url: '/api/v1/me/avatar',
        headers: { ...session.auth, ...upload.headers },
        payload: upload.payload,
      });
      expect(res.statusCode, kind).toBe(200);
    }
  });
});
