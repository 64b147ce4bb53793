import { randomUUID } from 'node:crypto';
import type { Config } from '@/config';
import type { DomainEvents } from '@/events';
import type { Clock } from '@/platform/clock/clock';
import type { Db, DbOrTx } from '@/platform/db/db';
import type { UserRole } from '@/platform/db/schema';
import type { Principal } from '@/platform/http/access';
import type { AppError } from '@/platform/http/errors';
import type { EventBus } from '@/platform/events/bus';
import type { Mailer } from '@/platform/mail/mail';
import type { RateLimiter, RateLimiterFactory } from '@/platform/ratelimit/limiter';
import type { Me } from '@/modules/users/users.schemas';
import { toMe, type UsersService } from '@/modules/users/users.service';
import { CsrfRejected, InvalidCredentials, InvalidEmailToken, InvalidSession, WrongPassword } from './auth.errors';
import { passwordChangedMail, passwordResetMail, verificationMail } from './auth.mails';
import { burnPasswordCheck, hashPassword, verifyPassword } from './auth.passwords';
import { AuthRepo } from './auth.repo';
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

export const FORGOT_PASSWORD_MESSAGE = 'If an account uses this e-mail, a link to reset the password is on its way.';

export class AuthService {
  private readonly repo: AuthRepo;
  private readonly accessTokens: AccessTokens;
  private readonly csrf: CsrfTokens;
  private readonly limits: { ip: RateLimiter; account: RateLimiter; signupIp: RateLimiter };

  constructor(
    private readonly deps: {
      db: Db;
      users: UsersService;
      mailer: Mailer;
      events: EventBus<DomainEvents>;
      clock: Clock;
      rateLimiters: RateLimiterFactory;
      settings: AuthSettings;
    },
  ) {
    const s = deps.settings;
    this.repo = new AuthRepo(deps.db);
    this.accessTokens = new AccessTokens(s.jwtSecret, s.accessTokenTtlMs, deps.clock);
    this.csrf = new CsrfTokens(s.sessionSecret);
    const windowMs = s.rateLimit.windowMs;
    this.limits = {
      ip: deps.rateLimiters.create({ name: 'auth-ip', points: s.rateLimit.authPerIp, durationMs: windowMs }),
      account: deps.rateLimiters.create({
        name: 'auth-account',
        points: s.rateLimit.authPerAccount,
        durationMs: windowMs,
      }),
      signupIp: deps.rateLimiters.create({ name: 'signup-ip', points: s.rateLimit.signupPerIp, durationMs: windowMs }),
    };
  }

  async signup(input: Signup, meta: ClientMeta): Promise<Me> {
    await this.limits.signupIp.consume(meta.ip);
    await this.limits.account.consume(`signup:${input.email.toLowerCase()}`);
    const passwordHash = await hashPassword(input.password);
    const user = await this.deps.db.transaction().execute(async (trx) => {
      const created = await this.deps.users.create(
        { email: input.email, username: input.username, passwordHash, displayName: input.displayName },
        trx,
      );
      await this.sendVerification(created.id, created.email, created.username, trx);
      return created;
    });
    await this.deps.mailer.kick();
    await this.announce('user.signed-up', { userId: user.id });
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
  async verifyEmail(token: string): Promise<{ alreadyVerified: boolean }> {
    const tokenHash = hashToken(token);
    const userId = await this.deps.db.transaction().execute(async (trx) => {
      const used = await this.repo.consumeEmailToken(tokenHash, 'verify_email', this.deps.clock.now(), trx);
      if (!used) return undefined;
      await this.deps.users.markEmailVerified(used.user_id, trx);
      return used.user_id;
    });
    if (!userId) {
      const sent = await this.repo.findEmailToken(tokenHash, 'verify_email');
      const owner = sent && (await this.deps.users.findById(sent.user_id));
      if (owner?.email_verified_at) return { alreadyVerified: true };
      throw new InvalidEmailToken();
    }
    await this.announce('user.email-verified', { userId });
    return { alreadyVerified: false };
  }

  async login(login: string, password: string, meta: ClientMeta): Promise<Session> {
    const accountKey = login.trim().toLowerCase();
    await this.limits.ip.consume(meta.ip);
    await this.limits.account.consume(accountKey);
    const user = await this.deps.users.findByLogin(login.trim());
    if (!user) {
      await burnPasswordCheck(password);
      throw new InvalidCredentials();
    }
    if (!(await verifyPassword(user.password_hash, password))) throw new InvalidCredentials();
    await this.limits.account.reset(accountKey);
    return this.openSession(user.id, user.role, randomUUID(), meta);
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
      .execute(async (trx): Promise<{ error: AppError } | { row: { family_id: string; user_id: string } }> => {
        const row = await this.repo.refreshTokenByHash(hashToken(refreshToken), trx);
        if (!row) return { error: new InvalidSession() };
        if (!this.csrf.verify(csrfToken, row.family_id)) return { error: new CsrfRejected() };
        if (row.rotated_at || row.revoked_at || !(await this.repo.markRotated(row.id, now, trx))) {
          await this.repo.revokeFamily(row.family_id, now, trx);
          return {
            error: new InvalidSession('This session was already used elsewhere and has been closed. Log in again.'),
          };
        }
        if (row.expires_at <= now) return { error: new InvalidSession() };
        return { row };
      });
    if ('error' in outcome) throw outcome.error;
    const user = await this.deps.users.findById(outcome.row.user_id);
    if (!user) throw new InvalidSession();
    return this.openSession(user.id, user.role, outcome.row.family_id, meta);
  }

  async logout(refreshToken: string, csrfToken: string): Promise<void> {
    const row = await this.repo.refreshTokenByHash(hashToken(refreshToken));
    if (!row) return;
    if (!this.csrf.verify(csrfToken, row.family_id)) throw new CsrfRejected();
    await this.repo.revokeFamily(row.family_id, this.deps.clock.now());
  }

  /** Answers the same whether or not the e-mail exists. */
  async forgotPassword(email: string, meta: ClientMeta): Promise<void> {
    await this.limits.ip.consume(meta.ip);
    await this.limits.account.consume(`reset:${email.toLowerCase()}`);
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
    await this.limits.ip.consume(`reset-check:${meta.ip}`);
    const sent = await this.repo.findEmailToken(hashToken(token), 'reset_password');
    if (!sent || sent.used_at || sent.expires_at <= this.deps.clock.now()) throw new InvalidEmailToken();
  }

  /** A reset ends every session: whoever knew the old password is out. */
  async resetPassword(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (trx) => {
      const used = await this.repo.consumeEmailToken(hashToken(token), 'reset_password', now, trx);
      if (!used) throw new InvalidEmailToken();
      await this.deps.users.setPasswordHash(used.user_id, passwordHash, trx);
      // Receiving the link proves the mailbox, so the address is verified too.
      await this.deps.users.markEmailVerified(used.user_id, trx);
      await this.repo.revokeUserSessions(used.user_id, now, {}, trx);
    });
  }

  /** Keeps the current session, ends all others. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    await this.limits.account.consume(`change:${principal.userId}`);
    const user = await this.deps.users.findById(principal.userId);
    if (!user) throw new InvalidSession();
    if (!(await verifyPassword(user.password_hash, currentPassword))) throw new WrongPassword();
    const passwordHash = await hashPassword(newPassword);
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.users.setPasswordHash(user.id, passwordHash, trx);
      await this.repo.revokeUserSessions(
        user.id,
        now,
        principal.sessionId ? { exceptFamily: principal.sessionId } : {},
        trx,
      );
      await this.deps.mailer.enqueue(passwordChangedMail(user.email, user.username), trx);
    });
    await this.deps.mailer.kick();
  }

  /** The bearer credential resolver's check: a valid, unexpired access token. */
  async principalFromAccessToken(token: string): Promise<Principal> {
    const claims = await this.accessTokens.verify(token);
    return { userId: claims.userId, role: claims.role, via: 'bearer', sessionId: claims.sessionId };
  }

  async purgeExpired(opts: { limit: number }): Promise<{ refreshTokens: number; emailTokens: number }> {
    // Kept a week past expiry so reuse of a recently expired token is still recognised.
    const before = new Date(this.deps.clock.now().getTime() - 7 * 86_400_000);
    return this.repo.purgeExpired(before, opts.limit);
  }

  private async openSession(userId: string, role: UserRole, familyId: string, meta: ClientMeta): Promise<Session> {
    const refreshToken = newOpaqueToken();
    const refreshExpiresAt = new Date(this.deps.clock.now().getTime() + this.deps.settings.refreshTokenTtlMs);
    await this.repo.insertRefreshToken({
      familyId,
      userId,
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

  /** Published after commit; a lost event must not undo an account, so failures are only logged. */
  private async announce<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): Promise<void> {
    await this.deps.events.publish(name, payload).catch(() => undefined);
  }

  private link(path: string, token: string): string {
    return `${this.deps.settings.publicUrl}${path}?token=${encodeURIComponent(token)}`;
  }
}
