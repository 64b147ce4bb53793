import { randomUUID } from 'node:crypto';
import type { Config } from '@/config';
import type { Clock } from '@/platform/clock/clock';
import type { Db, DbOrTx } from '@/platform/db/db';
import type { UserRole } from '@/platform/db/schema';
import type { UserRow } from '@/modules/users/users.tables';
import type { Principal } from '@/platform/http/access';
import { Unauthorized, type AppError } from '@/platform/http/errors';
import type { EventPublisher } from '@/platform/events/outbox';
import type { Mailer } from '@/platform/mail/mail';
import { ipRateLimitKey } from '@/platform/ratelimit/ip-key';
import type { RateLimiter, RateLimiterFactory } from '@/platform/ratelimit/limiter';
import type { Me } from '@/modules/users/users.schemas';
import { AccountTaken } from '@/modules/users/users.errors';
import { toMe, type UsersService } from '@/modules/users/users.service';
import {
  CsrfRejected,
  InvalidCredentials,
  InvalidEmailToken,
  InvalidSession,
  SessionExpired,
  WrongPassword,
} from './auth.errors';
import { passwordChangedMail, passwordResetMail, signupAttemptMail, verificationMail } from './auth.mails';
import { burnPasswordCheck, hashPassword, verifyPassword } from './auth.passwords';
import { AuthRepo } from './auth.repo';
import type { AccessRevocations } from '@/platform/revocations/revocations';
import type { Signup } from './auth.schemas';
import { AccessTokens, CsrfTokens, hashToken, newOpaqueToken } from './auth.tokens';

/** The auth part of the configuration, plus where mailed links point. */
export type AuthSettings = Config['auth'] & { publicUrl: string; rateLimit: Config['rateLimit'] };

export interface ClientMeta {
  ip: string;
  userAgent?: string | undefined;
}

/** What a login or refresh hands the client; the route puts the secrets in cookies. */
export interface Session {
  accessToken: string;
  expiresIn: number;
  user: Me;
  refreshToken: string;
  refreshExpiresAt: Date;
  csrfToken: string;
}

/**
 * The part of the job queue the service hands work to. Not started (CLI
 * commands, most tests) means there is no queue: the work runs in the call.
 */
export interface AuthQueue {
  readonly started: boolean;
  send(name: 'auth.send-password-reset', data: { email: string }): Promise<void>;
}

export const FORGOT_PASSWORD_MESSAGE = 'If an account uses this e-mail, a link to reset the password is on its way.';

export class AuthService {
  private readonly repo: AuthRepo;
  private readonly accessTokens: AccessTokens;
  private readonly csrf: CsrfTokens;
  private readonly limits: {
    ip: RateLimiter;
    account: RateLimiter;
    loginAccountIp: RateLimiter;
    loginAccount: RateLimiter;
    signupIp: RateLimiter;
    emailTokenIp: RateLimiter;
  };

  constructor(
    private readonly deps: {
      db: Db;
      users: UsersService;
      mailer: Mailer;
      events: EventPublisher;
      clock: Clock;
      rateLimiters: RateLimiterFactory;
      revocations: AccessRevocations;
      queue: AuthQueue;
      settings: AuthSettings;
    },
  ) {
    const s = deps.settings;
    this.repo = new AuthRepo(deps.db);
    this.accessTokens = new AccessTokens(s.jwtSecret, s.accessTokenTtlMs, deps.clock);
    this.csrf = new CsrfTokens(s.sessionSecret);
    const durationMs = s.rateLimit.windowMs;
    const limiter = (name: string, points: number) => deps.rateLimiters.create({ name, points, durationMs });
    this.limits = {
      ip: limiter('auth-ip', s.rateLimit.authPerIp),
      account: limiter('auth-account', s.rateLimit.authPerAccount),
      // A stranger's failures block the stranger's address only; the owner elsewhere still logs in.
      loginAccountIp: limiter('login-account-ip', s.rateLimit.authPerAccount),
      // Only an attack spread over many addresses reaches this one.
      loginAccount: limiter('login-account', s.rateLimit.authPerAccountAnyIp),
      signupIp: limiter('signup-ip', s.rateLimit.signupPerIp),
      emailTokenIp: limiter('email-token-ip', s.rateLimit.authPerIp),
    };
  }

  /**
   * A taken username is public (profiles show it) and answers 409. A taken
   * e-mail is not: the answer is the same as for a new account, after the
   * same password hashing, and only the address's owner is told, by mail.
   */
  async signup(input: Signup, meta: ClientMeta): Promise<Me> {
    await this.limits.signupIp.consume(ipRateLimitKey(meta.ip));
    await this.limits.account.consume(`signup:${input.email.toLowerCase()}`);
    const taken = await this.deps.users.taken(input.email, input.username);
    if (taken.includes('username')) throw new AccountTaken(['username']);
    const passwordHash = await hashPassword(input.password);
    if (taken.includes('email')) return this.answerTakenEmail(input);
    let user: UserRow;
    try {
      user = await this.deps.db.transaction().execute(async (trx) => {
        const created = await this.deps.users.create(
          { email: input.email, username: input.username, passwordHash, displayName: input.displayName },
          trx,
        );
        await this.sendVerification(created.id, created.email, created.username, trx);
        await this.deps.events.publish(trx, 'user.signed-up', { userId: created.id });
        return created;
      });
    } catch (err) {
      // A signup racing this one took the name or the address first.
      if (!(err instanceof AccountTaken)) throw err;
      if (err.errors?.some((e) => e.path === 'body/username')) throw new AccountTaken(['username']);
      return this.answerTakenEmail(input);
    }
    await this.deps.mailer.kick();
    return toMe(user);
  }

  async resendVerification(userId: string): Promise<void> {
    await this.limits.account.consume(`verify:${userId}`);
    const user = await this.deps.users.findById(userId);
    if (!user || user.email_verified_at) return;
    await this.deps.db.transaction().execute((trx) => this.sendVerification(user.id, user.email, user.username, trx));
    await this.deps.mailer.kick();
  }

  /**
   * Opening the link twice (a mail client's preview, a second click) finds
   * the address already verified: that is the truth to tell, not a failure.
   */
  async verifyEmail(token: string, meta: ClientMeta): Promise<{ alreadyVerified: boolean }> {
    await this.limits.emailTokenIp.consume(ipRateLimitKey(meta.ip));
    const tokenHash = hashToken(token);
    const verified = await this.deps.db.transaction().execute(async (trx) => {
      const used = await this.repo.consumeEmailToken(tokenHash, 'verify_email', this.deps.clock.now(), trx);
      if (!used) return false;
      await this.deps.users.markEmailVerified(used.user_id, trx);
      await this.deps.events.publish(trx, 'user.email-verified', { userId: used.user_id });
      return true;
    });
    if (verified) return { alreadyVerified: false };
    const sent = await this.repo.findEmailToken(tokenHash, 'verify_email');
    const owner = sent && (await this.deps.users.findById(sent.user_id));
    if (owner?.email_verified_at) return { alreadyVerified: true };
    throw new InvalidEmailToken();
  }

  async login(login: string, password: string, meta: ClientMeta): Promise<Session> {
    await this.limits.ip.consume(ipRateLimitKey(meta.ip));
    const user = await this.deps.users.findByLogin(login.trim());
    // Counted per account, not per spelling: the username and the e-mail share one budget.
    const accountKey = user ? `user:${user.id}` : `login:${login.trim().toLowerCase()}`;
    const pairKey = `${accountKey}|${ipRateLimitKey(meta.ip)}`;
    await this.limits.loginAccountIp.consume(pairKey);
    await this.limits.loginAccount.consume(accountKey);
    if (!user) {
      await burnPasswordCheck(password);
      throw new InvalidCredentials();
    }
    if (!(await verifyPassword(user.password_hash, password))) throw new InvalidCredentials();
    // The account-wide counter is not reset: the owner's success must not refill a spread-out attack.
    await this.limits.loginAccountIp.reset(pairKey);
    const now = this.deps.clock.now();
    return this.openSession(user.id, user.role, { familyId: randomUUID(), startedAt: now }, meta);
  }

  /**
   * Rotates the refresh token. Presenting a token that was already rotated
   * or revoked is treated as theft: the whole family is revoked (RFC 9700).
   */
  async refresh(refreshToken: string, csrfToken: string, meta: ClientMeta): Promise<Session> {
    const now = this.deps.clock.now();
    // Errors are returned, not thrown, so the revocation commits before the caller is refused.
    const outcome = await this.deps.db
      .transaction()
      .execute(
        async (
          trx,
        ): Promise<
          | { error: AppError; revoked?: string }
          | { row: { family_id: string; user_id: string; session_started_at: Date } }
        > => {
          const row = await this.repo.refreshTokenByHash(hashToken(refreshToken), trx);
          if (!row) return { error: new InvalidSession() };
          if (!this.csrf.verify(csrfToken, row.family_id)) return { error: new CsrfRejected() };
          if (row.rotated_at || row.revoked_at || !(await this.repo.markRotated(row.id, now, trx))) {
            await this.repo.revokeFamily(row.family_id, now, trx);
            return {
              error: new InvalidSession('This session was already used elsewhere and has been closed. Log in again.'),
              revoked: row.family_id,
            };
          }
          if (row.session_started_at.getTime() + this.deps.settings.sessionMaxAgeMs <= now.getTime()) {
            await this.repo.revokeFamily(row.family_id, now, trx);
            return { error: new SessionExpired(), revoked: row.family_id };
          }
          if (row.expires_at <= now) return { error: new InvalidSession() };
          return { row };
        },
      );
    if ('error' in outcome) {
      // Whoever holds the stolen session's access tokens loses them on their next request.
      if (outcome.revoked) await this.deps.revocations.revokeSessions([outcome.revoked]);
      throw outcome.error;
    }
    const user = await this.deps.users.findById(outcome.row.user_id);
    if (!user) throw new InvalidSession();
    return this.openSession(
      user.id,
      user.role,
      { familyId: outcome.row.family_id, startedAt: outcome.row.session_started_at },
      meta,
    );
  }

  async logout(refreshToken: string, csrfToken: string): Promise<void> {
    const row = await this.repo.refreshTokenByHash(hashToken(refreshToken));
    if (!row) return;
    if (!this.csrf.verify(csrfToken, row.family_id)) throw new CsrfRejected();
    await this.repo.revokeFamily(row.family_id, this.deps.clock.now());
    await this.deps.revocations.revokeSessions([row.family_id]);
  }

  /**
   * Answers the same, after the same work, whether or not the e-mail exists:
   * the lookup and the mail are queued, so the answer never waits on them.
   */
  async forgotPassword(email: string, meta: ClientMeta): Promise<void> {
    await this.limits.ip.consume(ipRateLimitKey(meta.ip));
    await this.limits.account.consume(`reset:${email.toLowerCase()}`);
    if (this.deps.queue.started) await this.deps.queue.send('auth.send-password-reset', { email });
    else await this.sendPasswordReset(email);
  }

  /** The queued half of forgot-password: a fresh link for an existing account, nothing otherwise. */
  async sendPasswordReset(email: string): Promise<void> {
    const user = await this.deps.users.findByEmail(email);
    if (!user) return;
    const token = newOpaqueToken();
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo.voidEmailTokens(user.id, 'reset_password', now, trx);
      await this.repo.insertEmailToken(
        {
          userId: user.id,
          purpose: 'reset_password',
          tokenHash: hashToken(token),
          expiresAt: new Date(now.getTime() + this.deps.settings.resetPasswordTtlMs),
        },
        trx,
      );
      await this.deps.mailer.enqueue(
        passwordResetMail(user.email, user.username, this.link('/reset-password', token)),
        trx,
      );
    });
    await this.deps.mailer.kick();
  }

  /**
   * Whether a reset link still works, without using it: the page checks on
   * open instead of failing after the new password was typed. Limited per IP
   * like every token-guessing surface.
   */
  async checkResetToken(token: string, meta: ClientMeta): Promise<void> {
    await this.limits.emailTokenIp.consume(ipRateLimitKey(meta.ip));
    if (!(await this.repo.liveEmailToken(hashToken(token), 'reset_password', this.deps.clock.now())))
      throw new InvalidEmailToken();
  }

  /** A reset ends every session: whoever knew the old password is out. */
  async resetPassword(token: string, password: string, meta: ClientMeta): Promise<void> {
    await this.limits.emailTokenIp.consume(ipRateLimitKey(meta.ip));
    const tokenHash = hashToken(token);
    // A bogus token is refused after one indexed read: guessing costs no password hashing.
    if (!(await this.repo.liveEmailToken(tokenHash, 'reset_password', this.deps.clock.now())))
      throw new InvalidEmailToken();
    const passwordHash = await hashPassword(password);
    const now = this.deps.clock.now();
    const userId = await this.deps.db.transaction().execute(async (trx) => {
      const used = await this.repo.consumeEmailToken(tokenHash, 'reset_password', now, trx);
      if (!used) throw new InvalidEmailToken();
      await this.deps.users.setPasswordHash(used.user_id, passwordHash, trx);
      // Receiving the link proves the mailbox, so the address is verified too.
      await this.deps.users.markEmailVerified(used.user_id, trx);
      await this.repo.revokeUserSessions(used.user_id, now, {}, trx);
      return used.user_id;
    });
    await this.deps.revocations.revokeUser(userId);
  }

  /** Keeps the current session, ends all others. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    await this.limits.account.consume(`change:${principal.userId}`);
    const user = await this.deps.users.findById(principal.userId);
    if (!user) throw new InvalidSession();
    if (!(await verifyPassword(user.password_hash, currentPassword))) throw new WrongPassword();
    const passwordHash = await hashPassword(newPassword);
    const now = this.deps.clock.now();
    const ended = await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.users.setPasswordHash(user.id, passwordHash, trx);
      const families = await this.repo.revokeUserSessions(
        user.id,
        now,
        principal.sessionId ? { exceptFamily: principal.sessionId } : {},
        trx,
      );
      await this.deps.mailer.enqueue(passwordChangedMail(user.email, user.username), trx);
      return families;
    });
    await this.deps.revocations.revokeSessions(ended);
    await this.deps.mailer.kick();
  }

  /** The bearer credential resolver's check: a valid, unexpired access token. */
  async principalFromAccessToken(token: string): Promise<Principal> {
    const claims = await this.accessTokens.verify(token);
    if (await this.deps.revocations.isRevoked(claims)) {
      throw new Unauthorized('TOKEN_REVOKED', 'Access token revoked', 'Refresh the session and retry.');
    }
    return { userId: claims.userId, role: claims.role, via: 'bearer', sessionId: claims.sessionId };
  }

  async purgeExpired(opts: {
    limit: number;
  }): Promise<{ refreshTokens: number; emailTokens: number; revocations: number }> {
    // Kept a week past expiry so reuse of a recently expired token is still recognised.
    const before = new Date(this.deps.clock.now().getTime() - 7 * 86_400_000);
    const tokens = await this.repo.purgeExpired(before, opts.limit);
    return { ...tokens, revocations: await this.deps.revocations.purgeExpired() };
  }

  private async openSession(
    userId: string,
    role: UserRole,
    { familyId, startedAt }: { familyId: string; startedAt: Date },
    meta: ClientMeta,
  ): Promise<Session> {
    const refreshToken = newOpaqueToken();
    // The cookie never outlives the session's absolute lifetime.
    const refreshExpiresAt = new Date(
      Math.min(
        this.deps.clock.now().getTime() + this.deps.settings.refreshTokenTtlMs,
        startedAt.getTime() + this.deps.settings.sessionMaxAgeMs,
      ),
    );
    await this.repo.insertRefreshToken({
      familyId,
      userId,
      sessionStartedAt: startedAt,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshExpiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip,
    });
    const user = await this.deps.users.me(userId);
    return {
      accessToken: await this.accessTokens.sign({ userId, role, sessionId: familyId }),
      expiresIn: this.accessTokens.ttlSeconds,
      user,
      refreshToken,
      refreshExpiresAt,
      csrfToken: this.csrf.issue(familyId),
    };
  }

  /** What a new signup answers, built without an account; the owner of the address gets a mail instead. */
  private async answerTakenEmail(input: Signup): Promise<Me> {
    const owner = await this.deps.users.findByEmail(input.email);
    if (owner) {
      const mail = signupAttemptMail(
        owner.email,
        owner.username,
        `${this.deps.settings.publicUrl}/login`,
        `${this.deps.settings.publicUrl}/forgot-password`,
      );
      await this.deps.mailer.enqueue(mail);
      await this.deps.mailer.kick();
    }
    const now = this.deps.clock.now();
    return toMe({
      id: randomUUID(),
      email: input.email,
      username: input.username,
      password_hash: '',
      display_name: input.displayName ?? null,
      bio: null,
      links: [],
      avatar_key: null,
      role: 'listener',
      follower_count: 0,
      following_count: 0,
      likes_public: true,
      email_verified_at: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
  }

  private async sendVerification(userId: string, email: string, username: string, trx: DbOrTx): Promise<void> {
    const token = newOpaqueToken();
    const now = this.deps.clock.now();
    await this.repo.voidEmailTokens(userId, 'verify_email', now, trx);
    await this.repo.insertEmailToken(
      {
        userId,
        purpose: 'verify_email',
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + this.deps.settings.verifyEmailTtlMs),
      },
      trx,
    );
    await this.deps.mailer.enqueue(verificationMail(email, username, this.link('/verify-email', token)), trx);
  }

  private link(path: string, token: string): string {
    return `${this.deps.settings.publicUrl}${path}?token=${encodeURIComponent(token)}`;
  }
}
