import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEV_SECRETS, type Config } from '@/config';

interface LocalSecrets {
  jwtSecret: string;
  sessionSecret: string;
}

/**
 * A development server left reachable from a network must not sign tokens
 * with secrets printed in this repository: anyone could forge an admin
 * session. Without JWT_SECRET / SESSION_SECRET, development installs get
 * random secrets of their own, kept in $VEZA_DATA_DIR/secrets.json so
 * sessions survive restarts. (Production refuses to start without them;
 * tests keep the fixed ones.)
 */
export async function withLocalSecrets(config: Config): Promise<Config> {
  if (config.env !== 'development') return config;
  const { jwtSecret, sessionSecret } = config.auth;
  if (jwtSecret !== DEV_SECRETS.JWT_SECRET && sessionSecret !== DEV_SECRETS.SESSION_SECRET) return config;
  const local = await loadOrCreate(path.join(config.dataDir, 'secrets.json'));
  return Object.freeze({
    ...config,
    auth: Object.freeze({
      ...config.auth,
      jwtSecret: jwtSecret === DEV_SECRETS.JWT_SECRET ? local.jwtSecret : jwtSecret,
      sessionSecret: sessionSecret === DEV_SECRETS.SESSION_SECRET ? local.sessionSecret : sessionSecret,
    }),
  });
}

async function loadOrCreate(file: string): Promise<LocalSecrets> {
  const existing = await fs.readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Partial<LocalSecrets>,
    () => undefined,
  );
  if (typeof existing?.jwtSecret === 'string' && typeof existing.sessionSecret === 'string') {
    return { jwtSecret: existing.jwtSecret, sessionSecret: existing.sessionSecret };
  }
  const created = { jwtSecret: randomSecret(), sessionSecret: randomSecret() };
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600 });
  return created;
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
