import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SECRETS, loadConfig, parseDuration, parseSize, parseTrustProxy, REPO_ROOT } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://db/veza',
  SMTP_URL: 'smtp://mail:25',
  JWT_SECRET: 'x'.repeat(40),
  SESSION_SECRET: 'y'.repeat(40),
  METRICS_TOKEN: 'z'.repeat(40),
};

describe('config', () => {
  it('has working laptop defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.dataDir).toBe(path.join(REPO_ROOT, '.veza'));
    expect([...config.roles]).toEqual(['api', 'chat', 'stream', 'worker']);
    expect(config.auth.accessTokenTtlMs).toBe(15 * 60_000);
    expect(config.http.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.db.url).toBeUndefined();
    expect(Object.isFrozen(config.auth)).toBe(true);
  });

  it('lists every problem at once, naming each variable', () => {
    try {
      loadConfig({ PORT: 'eighty', ACCESS_TOKEN_TTL: 'soon', VEZA_ROLES: 'api,dj', REDIS_URL: 'http://x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      for (const name of ['PORT', 'ACCESS_TOKEN_TTL', 'VEZA_ROLES', 'REDIS_URL']) expect(message).toContain(name);
    }
  });

  it('refuses development secrets and missing services in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...DEV_SECRETS })).toThrow(
      /JWT_SECRET[\s\S]*SESSION_SECRET|DATABASE_URL/,
    );
    const problems = (() => {
      try {
        loadConfig({ NODE_ENV: 'production' });
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    })();
    expect(problems.join('\n')).toMatch(/JWT_SECRET/);
    expect(problems.join('\n')).toMatch(/SESSION_SECRET/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL is required/);
    expect(problems.join('\n')).toMatch(/SMTP_URL is required/);
    const ok = loadConfig(PRODUCTION);
    expect(ok.demoContent).toBe(false);
    expect(ok.http.corsOrigins).toEqual(['http://localhost:8080']);
  });

  it('takes TRUST_PROXY as a hop count or a list of addresses, and refuses a plain true', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8 ,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ]);
    for (const yes of ['true', 'TRUE', 'yes', 'on']) {
      const problems = problemsOf({ TRUST_PROXY: yes, PORT: 'x' });
      // Listed with the other problems, saying what to write instead.
      expect(problems).toHaveLength(2);
      expect(problems.join('\n')).toMatch(
        /TRUST_PROXY .*lets any client choose its address.*TRUST_PROXY=1 .*TRUST_PROXY=127\.0\.0\.1,10\.0\.0\.0\/8/,
      );
    }
    expect(parseTrustProxy('10.0.0.0/33,proxy.local')).toEqual({
      problem: expect.stringMatching(/"10\.0\.0\.0\/33", "proxy\.local"/),
    });
    expect(parseTrustProxy('::1/129')).toHaveProperty('problem');
    expect(parseTrustProxy('1.2.3.4/8/8')).toHaveProperty('problem');
  });

  it('binds to this machine outside production unless HOST opens it', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig(PRODUCTION).host).toBe('0.0.0.0');
  });

  it('turns the dev mailbox on in development only, and refuses it in production', () => {
    expect(loadConfig({}).devMailbox).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).devMailbox).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', DEV_MAILBOX: 'true' }).devMailbox).toBe(true);
    expect(loadConfig({ DEV_MAILBOX: 'off' }).devMailbox).toBe(false);
    expect(loadConfig(PRODUCTION).devMailbox).toBe(false);
    expect(problemsOf({ ...PRODUCTION, DEV_MAILBOX: 'true' }).join('\n')).toMatch(
      /DEV_MAILBOX must be off in production/,
    );
  });

  it('requires METRICS_TOKEN in production', () => {
    expect(problemsOf({ ...PRODUCTION, METRICS_TOKEN: '' })).toEqual([
      expect.stringMatching(/^METRICS_TOKEN is required in production/),
    ]);
    expect(loadConfig({}).http.metricsToken).toBeUndefined();
  });

  it('requires TLS of smtp:// relays in production by default', () => {
    expect(loadConfig(PRODUCTION).mail.requireTls).toBe(true);
    expect(loadConfig({ ...PRODUCTION, SMTP_REQUIRE_TLS: 'false' }).mail.requireTls).toBe(false);
    expect(loadConfig({}).mail.requireTls).toBe(false);
  });

  it('reads the quotas, with defaults', () => {
    expect(loadConfig({}).quotas).toEqual({
      uploadsPerDay: 50,
      uploadBytesPerDay: 5 * 1024 ** 3,
      retriesPerDay: 20,
      playSessionsPerIpHour: 600,
    });
    const set = loadConfig({
      UPLOAD_DAILY_COUNT: '3',
      UPLOAD_DAILY_BYTES: '200mb',
      TRACK_RETRY_DAILY: '1',
      PLAY_SESSIONS_PER_IP_HOUR: '9',
    });
    expect(set.quotas).toEqual({
      uploadsPerDay: 3,
      uploadBytesPerDay: 200 * 1024 ** 2,
      retriesPerDay: 1,
      playSessionsPerIpHour: 9,
    });
    expect(problemsOf({ UPLOAD_DAILY_COUNT: '0', UPLOAD_DAILY_BYTES: 'lots' })).toHaveLength(2);
  });

  it('converts units', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('1 hour')).toBeUndefined();
    expect(parseSize('2mb')).toBe(2 * 1024 * 1024);
    expect(parseSize('lots')).toBeUndefined();
  });

  it('documents every variable it reads in .env.example', () => {
    const source = readFileSync(path.join(REPO_ROOT, 'apps/server/src/config.ts'), 'utf8');
    const example = readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8');
    const read = [...source.matchAll(/r\.\w+\('([A-Z0-9_]+)'/g)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(20);
    const documented = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });
});
