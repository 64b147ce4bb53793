import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The only reader of process.env. Every variable is parsed, validated and
 * converted once; all problems are reported together so an operator fixes
 * the environment in one pass. `.env.example` documents each variable.
 */

export const ROLES = ['api', 'chat', 'stream', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Development defaults for secrets; production refuses to start with them. */
export const DEV_SECRETS = {
  JWT_SECRET: 'dev-only-jwt-secret-change-me-in-production',
  SESSION_SECRET: 'dev-only-session-secret-change-me-in-production',
} as const;

export interface Config {
  env: 'development' | 'test' | 'production';
  isProduction: boolean;
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  roles: ReadonlySet<Role>;
  logLevel: string;
  /** Fastify's trustProxy: proxies in front (a hop count) or their addresses; false when none. */
  trustProxy: TrustProxy;
  /** The development mailbox routes, which show mails (reset links included) to whoever asks. */
  devMailbox: boolean;
  db: { url: string | undefined; embeddedPort: number | undefined; poolMax: number };
  redisUrl: string | undefined;
  mail: {
    smtpUrl: string | undefined;
    from: string;
    /** smtp:// relays must offer STARTTLS: mails carry reset links. */
    requireTls: boolean;
  };
  auth: {
    jwtSecret: string;
    sessionSecret: string;
    accessTokenTtlMs: number;
    refreshTokenTtlMs: number;
    verifyEmailTtlMs: number;
    resetPasswordTtlMs: number;
    /** Absolute lifetime of a login: refreshing never extends a session past it. */
    sessionMaxAgeMs: number;
  };
  rateLimit: {
    authPerIp: number;
    /** Login attempts per account from one address: the stranger is blocked, the owner elsewhere is not. */
    authPerAccount: number;
    /** Login attempts per account from all addresses together: only a spread-out attack reaches it. */
    authPerAccountAnyIp: number;
    signupPerIp: number;
    windowMs: number;
  };
  http: { bodyLimitBytes: number; corsOrigins: string[]; metricsToken: string | undefined };
  jobs: { pollIntervalMs: number };
  tracks: {
    maxUploadBytes: number;
    /** Transcodes one worker runs at once. */
    transcodeConcurrency: number;
    /** ffmpeg / ffprobe binaries when not the ones on PATH or from npm. */
    ffmpegPath: string | undefined;
    ffprobePath: string | undefined;
    /** Where to look for a system ffmpeg/ffprobe pair otherwise (the process's PATH). */
    toolSearchPath: string | undefined;
  };
  streaming: { tokenTtlMs: number; segmentCacheBytes: number };
  /** Per-user and per-address budgets, in fixed windows of the clock (UTC days, hours). */
  quotas: {
    uploadsPerDay: number;
    uploadBytesPerDay: number;
    retriesPerDay: number;
    playSessionsPerIpHour: number;
  };
  demoContent: boolean;
  webBuild: 'auto' | 'off';
}

export type TrustProxy = false | number | string[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const SIZE = /^(\d+)(b|kb|mb|gb)?$/i;
const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as const;

/** '30m' → 1 800 000; also accepts a bare number of milliseconds. */
export function parseDuration(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value);
  const match = DURATION.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** '1mb' → 1 048 576. */
export function parseSize(value: string): number | undefined {
  const match = SIZE.exec(value);
  if (!match) return undefined;
  const unit = (match[2]?.toLowerCase() ?? 'b') as keyof typeof UNIT_BYTES;
  return Number(match[1]) * UNIT_BYTES[unit];
}

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name) ?? fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${value}")`);
    return fallback;
  }

  optionalInt(name: string, opts: { min: number; max: number }): number | undefined {
    return this.raw(name) === undefined ? undefined : this.int(name, opts.min, opts);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  duration(name: string, fallback: string): number {
    const value = this.raw(name) ?? fallback;
    const ms = parseDuration(value);
    if (ms !== undefined && ms > 0) return ms;
    this.problems.push(`${name} must be a duration like 500ms, 30s, 15m, 1h or 7d (got "${value}")`);
    return parseDuration(fallback) ?? 0;
  }

  size(name: string, fallback: string): number {
    const value = this.raw(name) ?? fallback;
    const bytes = parseSize(value);
    if (bytes !== undefined && bytes > 0) return bytes;
    this.problems.push(`${name} must be a size like 512kb or 1mb (got "${value}")`);
    return parseSize(fallback) ?? 0;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (protocols.includes(parsed.protocol)) return value;
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
    return undefined;
  }

  trustProxy(name: string): TrustProxy {
    const parsed = parseTrustProxy(this.raw(name));
    if ('problem' in parsed) {
      this.problems.push(`${name} ${parsed.problem}`);
      return false;
    }
    return parsed.value;
  }

  secret(name: keyof typeof DEV_SECRETS, production: boolean): string {
    const value = this.raw(name);
    if (production) {
      if (value === undefined || value === DEV_SECRETS[name]) {
        this.problems.push(`${name} must be set to a secret of your own in production`);
      } else if (value.length < 32) {
        this.problems.push(`${name} must be at least 32 characters long`);
      }
    }
    return value ?? DEV_SECRETS[name];
  }
}

export function loadConfig(env: Env = process.env): Config {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development');
  const isProduction = nodeEnv === 'production';
  const port = r.int('PORT', 8080, { min: 0, max: 65535 });
  const publicUrl = (r.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/$/, '');

  const roleList = r.string('VEZA_ROLES', ROLES.join(','));
  const roles = parseRoles(roleList);
  if (!roles) r.problems.push(`VEZA_ROLES must list roles among ${ROLES.join(', ')} (got "${roleList}")`);

  const dbUrl = r.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  if (isProduction && dbUrl === undefined) r.problems.push('DATABASE_URL is required in production');
  const smtpUrl = r.url('SMTP_URL', ['smtp:', 'smtps:']);
  if (isProduction && smtpUrl === undefined) r.problems.push('SMTP_URL is required in production');

  const devMailbox = r.bool('DEV_MAILBOX', nodeEnv === 'development');
  if (isProduction && devMailbox) {
    r.problems.push('DEV_MAILBOX must be off in production: the mailbox shows password-reset links to whoever asks');
  }
  const metricsToken = r.raw('METRICS_TOKEN');
  if (isProduction && metricsToken === undefined) {
    r.problems.push('METRICS_TOKEN is required in production: /metrics would describe the server to anyone');
  }

  const corsDefault = isProduction ? publicUrl : `${publicUrl},http://localhost:5173`;
  const config: Config = {
    env: nodeEnv,
    isProduction,
    port,
    // A laptop's server is not the network's: outside production, HOST opens it deliberately.
    host: r.string('HOST', isProduction ? '0.0.0.0' : '127.0.0.1'),
    publicUrl,
    dataDir: path.resolve(REPO_ROOT, r.string('VEZA_DATA_DIR', '.veza')),
    roles: roles ?? new Set(ROLES),
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    trustProxy: r.trustProxy('TRUST_PROXY'),
    devMailbox,
    db: {
      url: dbUrl,
      embeddedPort: r.optionalInt('VEZA_PG_PORT', { min: 1, max: 65535 }),
      poolMax: r.int('DATABASE_POOL_MAX', 10, { min: 1, max: 500 }),
    },
    redisUrl: r.url('REDIS_URL', ['redis:', 'rediss:']),
    mail: {
      smtpUrl,
      from: r.string('MAIL_FROM', 'Veza <no-reply@veza.local>'),
      requireTls: r.bool('SMTP_REQUIRE_TLS', isProduction),
    },
    auth: {
      jwtSecret: r.secret('JWT_SECRET', isProduction),
      sessionSecret: r.secret('SESSION_SECRET', isProduction),
      accessTokenTtlMs: r.duration('ACCESS_TOKEN_TTL', '15m'),
      refreshTokenTtlMs: r.duration('REFRESH_TOKEN_TTL', '30d'),
      verifyEmailTtlMs: r.duration('VERIFY_EMAIL_TTL', '24h'),
      resetPasswordTtlMs: r.duration('RESET_PASSWORD_TTL', '1h'),
      sessionMaxAgeMs: r.duration('SESSION_MAX_AGE', '90d'),
    },
    rateLimit: {
      authPerIp: r.int('AUTH_RATE_LIMIT_PER_IP', 30, { min: 1, max: 1_000_000 }),
      authPerAccount: r.int('AUTH_RATE_LIMIT_PER_ACCOUNT', 10, { min: 1, max: 1_000_000 }),
      authPerAccountAnyIp: r.int('AUTH_RATE_LIMIT_PER_ACCOUNT_ANY_IP', 100, { min: 1, max: 1_000_000 }),
      signupPerIp: r.int('SIGNUP_RATE_LIMIT_PER_IP', 10, { min: 1, max: 1_000_000 }),
      windowMs: r.duration('AUTH_RATE_LIMIT_WINDOW', '15m'),
    },
    http: {
      bodyLimitBytes: r.size('BODY_LIMIT', '1mb'),
      corsOrigins: r
        .string('CORS_ORIGINS', corsDefault)
        .split(',')
        .map((o) => o.trim().replace(/\/$/, ''))
        .filter(Boolean),
      metricsToken,
    },
    jobs: { pollIntervalMs: r.duration('JOBS_POLL_INTERVAL', '1s') },
    tracks: {
      maxUploadBytes: r.int('TRACK_MAX_UPLOAD_MB', 500, { min: 1, max: 1_000_000 }) * 1024 * 1024,
      transcodeConcurrency: r.int('TRANSCODE_CONCURRENCY', os.availableParallelism(), { min: 1, max: 256 }),
      ffmpegPath: r.raw('FFMPEG_PATH'),
      ffprobePath: r.raw('FFPROBE_PATH'),
      // The system's search path, not a Veza setting (so not in .env.example); the process's own when the
      // environment handed in has none, as tests pass a partial one.
      toolSearchPath: env.PATH ?? process.env.PATH,
    },
    streaming: {
      tokenTtlMs: r.duration('STREAM_TOKEN_TTL', '6h'),
      segmentCacheBytes: r.size('STREAM_CACHE_SIZE', '64mb'),
    },
    quotas: {
      uploadsPerDay: r.int('UPLOAD_DAILY_COUNT', 50, { min: 1, max: 1_000_000 }),
      uploadBytesPerDay: r.size('UPLOAD_DAILY_BYTES', '5gb'),
      retriesPerDay: r.int('TRACK_RETRY_DAILY', 20, { min: 1, max: 1_000_000 }),
      playSessionsPerIpHour: r.int('PLAY_SESSIONS_PER_IP_HOUR', 600, { min: 1, max: 10_000_000 }),
    },
    demoContent: r.bool('DEMO_CONTENT', !isProduction),
    webBuild: r.oneOf('WEB_BUILD', ['auto', 'off'], 'auto'),
  };
  if (config.quotas.uploadBytesPerDay > 2 * 1024 ** 4) r.problems.push('UPLOAD_DAILY_BYTES must be at most 2048gb');
  if (config.jobs.pollIntervalMs < 500) r.problems.push('JOBS_POLL_INTERVAL must be at least 500ms');
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return deepFreeze(config);
}

const TRUST_PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Fastify's trustProxy takes it: a hop count, or the proxies'
 * addresses (IPs, CIDRs, or proxy-addr's loopback / linklocal / uniquelocal).
 * A plain `true` is refused: it believes X-Forwarded-For from any client, so
 * anyone could pick the address their rate limits are counted against.
 */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { problem: string } {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '' || ['false', 'no', 'off', '0'].includes(value)) return { value: false };
  if (['true', 'yes', 'on'].includes(value)) {
    return {
      problem:
        `must say which proxies to trust, not "${raw}": trusting every sender of X-Forwarded-For lets any client ` +
        'choose its address. Write the number of proxies in front of Veza (TRUST_PROXY=1 for one nginx) ' +
        'or their addresses (TRUST_PROXY=127.0.0.1,10.0.0.0/8)',
    };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 100 ? { value: hops } : { problem: `must be a hop count of at most 100 (got "${raw}")` };
  }
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => !TRUST_PROXY_PRESETS.includes(e) && !isAddressOrCidr(e));
  if (bad.length > 0 || entries.length === 0) {
    return {
      problem:
        `must be a hop count or a comma-separated list of IPs and CIDRs (not ${bad.map((b) => `"${b}"`).join(', ')}), ` +
        'e.g. TRUST_PROXY=1 or TRUST_PROXY=127.0.0.1,10.0.0.0/8',
    };
  }
  return { value: entries };
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export function parseRoles(list: string): Set<Role> | undefined {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0 || !names.every((n): n is Role => (ROLES as readonly string[]).includes(n))) {
    return undefined;
  }
  return new Set(names);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Set)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
