import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { webPageMeta } from '@/web-page-meta';
import { createTestApp } from '../../../test/app';
import { registerErrorHandling } from './problem';
import { registerWebApp, wantsSpa } from './web-app';

const t = await createTestApp({ PUBLIC_URL: 'https://veza.example' });
const dist = await mkdtemp(path.join(tmpdir(), 'veza-web-dist-'));
await writeFile(
  path.join(dist, 'index.html'),
  '<html><head><meta name="description" content="Veza." /><title>Veza</title></head><body><div id="root"></div></body></html>',
);
const web = Fastify();
const sendPage = await registerWebApp(web, dist, {
  https: true,
  pageMeta: webPageMeta({ ...t.c.services, publicUrl: 'https://veza.example' }),
});
registerErrorHandling(web, {
  fallback: (req, reply) => (sendPage && wantsSpa(req) ? sendPage(req, reply) : undefined),
});
await web.ready();
afterAll(async () => {
  await web.close();
  await rm(dist, { recursive: true, force: true });
});

const page = (url: string) => web.inject({ url, headers: { accept: 'text/html' } });

async function givenTrack(opts: { visibility: 'public' | 'private'; title: string }) {
  const owner = await t.given.user({ role: 'artist' });
  await t.c.services.users.updateProfile(owner.id, { displayName: 'Nina & "The Band"' });
  return t.c.db
    .insertInto('tracks')
    .values({
      owner_id: owner.id,
      title: opts.title,
      visibility: opts.visibility,
      status: 'ready',
      file_path: 'originals/x',
      cover_key: 'covers/abc123',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

describe('the web app document', () => {
  it('answers a known route with 200 and an unknown one with 404, both with the app', async () => {
    for (const url of ['/', '/login', '/tracks/anything', '/u/someone', '/me/tracks/', '/reset-password?token=x']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
    }
    for (const url of ['/nope', '/tracks', '/tracks/a/b', '/u/']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="root">');
    }
    // API clients still get the problem shape.
    expect((await web.inject({ url: '/nope' })).headers['content-type']).toMatch(/problem\+json/);
  });

  it('puts Open Graph tags for a public track into the document, escaped', async () => {
    const track = await givenTrack({ visibility: 'public', title: 'Night <Drive>' });
    const res = await page(`/tracks/${track.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Night &lt;Drive&gt; by Nina &amp; &quot;The Band&quot; · Veza</title>');
    expect(res.body).toContain('<meta property="og:type" content="music.song" />');
    expect(res.body).toContain(`<meta property="og:url" content="https://veza.example/tracks/${track.id}" />`);
    expect(res.body).toMatch(
      /<meta property="og:image" content="https:\/\/veza\.example\/api\/v1\/tracks\/[^"]+\/cover\/300/,
    );
    expect(res.body).not.toContain('<title>Veza</title>');
  });

  it('gives a private track, an unknown one and a bad id no preview', async () => {
    const track = await givenTrack({ visibility: 'private', title: 'Secret demo' });
    for (const id of [track.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await page(`/tracks/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('og:title');
      expect(res.body).not.toContain('Secret demo');
    }
  });

  it('puts Open Graph tags for a profile into the document', async () => {
    const user = await t.given.user();
    await t.c.services.users.updateProfile(user.id, { displayName: 'Léa', bio: 'Songs\nfrom the coast.' });
    const res = await page(`/u/${user.username}`);
    expect(res.body).toContain('<meta property="og:type" content="profile" />');
    expect(res.body).toContain('<meta property="og:title" content="Léa" />');
    expect(res.body).toContain('<meta name="description" content="Songs from the coast." />');
    expect((await page('/u/nobody_here')).body).not.toContain('og:title');
  });
});
