import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_SECRETS, loadConfig } from './config';
import { withLocalSecrets } from './local-secrets';

const dir = await mkdtemp(path.join(os.tmpdir(), 'veza-secrets-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('development secrets', () => {
  it('are random per install, private to the owner, and kept across restarts', async () => {
    const config = loadConfig({ VEZA_DATA_DIR: dir });
    const first = await withLocalSecrets(config);
    expect(first.auth.jwtSecret).not.toBe(DEV_SECRETS.JWT_SECRET);
    expect(first.auth.sessionSecret).not.toBe(DEV_SECRETS.SESSION_SECRET);
    expect(first.auth.jwtSecret).not.toBe(first.auth.sessionSecret);
    expect((await stat(path.join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    const again = await withLocalSecrets(loadConfig({ VEZA_DATA_DIR: dir }));
    expect(again.auth).toEqual(first.auth);
    expect(await readFile(path.join(dir, 'secrets.json'), 'utf8')).toContain(first.auth.jwtSecret);
  });

  it('never replace secrets the operator set, nor the fixed ones tests rely on', async () => {
    const own = await withLocalSecrets(
      loadConfig({ VEZA_DATA_DIR: dir, JWT_SECRET: 'mine', SESSION_SECRET: 'also mine' }),
    );
    expect(own.auth).toMatchObject({ jwtSecret: 'mine', sessionSecret: 'also mine' });
    const test = await withLocalSecrets(loadConfig({ NODE_ENV: 'test', VEZA_DATA_DIR: dir }));
    expect(test.auth.jwtSecret).toBe(DEV_SECRETS.JWT_SECRET);
  });
});
