import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SECRETS, loadConfig, parseDuration, parseSize, REPO_ROOT } from './config';

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
    const ok = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/veza',
      SMTP_URL: 'smtp://mail:25',
      JWT_SECRET: 'x'.repeat(40),
      SESSION_SECRET: 'y'.repeat(40),
    });
    expect(ok.demoContent).toBe(false);
    expect(ok.http.corsOrigins).toEqual(['http://localhost:8080']);
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
