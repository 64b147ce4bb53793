import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '@/platform/http/access';
import { problems, type ProblemCodes } from '@/platform/http/problem';
import { CsrfRejected, InvalidSession, SessionExpired } from './auth.errors';
import {
  Accepted,
  ChangePassword,
  Empty,
  ForgotPassword,
  Login,
  NoContent,
  ResetPassword,
  ResetTokenValid,
  SessionResponse,
  Signup,
  SignupResponse,
  TokenBody,
  Verified,
} from './auth.schemas';
import { FORGOT_PASSWORD_MESSAGE, type AuthService, type ClientMeta, type Session } from './auth.service';

export const REFRESH_COOKIE = 'veza_refresh';
export const CSRF_COOKIE = 'veza_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const REFRESH_PATH = '/api/v1/auth';

/**
 * The CSRF cookie lives at Path=/, so it can take the `__Host-` prefix: the
 * browser then accepts it only Secure, host-only and from this host, so a
 * sibling subdomain or a plain-http page cannot plant or shadow it. Plain-http
 * localhost cannot set Secure cookies and keeps the bare name. (The refresh
 * cookie is scoped to REFRESH_PATH, which `__Host-` forbids.)
 */
export function csrfCookieName(secureCookies: boolean): string {
  return secureCookies ? `__Host-${CSRF_COOKIE}` : CSRF_COOKIE;
}

export interface AuthRouteOptions {
  auth: AuthService;
  /** Cookies are Secure everywhere but plain-http localhost development. */
  secureCookies: boolean;
}

export function registerAuthRoutes(root: FastifyInstance, opts: AuthRouteOptions): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { auth } = opts;
  const tags = ['auth'];
  const csrfCookie = csrfCookieName(opts.secureCookies);

  const sendSession = (reply: FastifyReply, session: Session) => {
    const common = { sameSite: 'lax' as const, secure: opts.secureCookies, expires: session.refreshExpiresAt };
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, { ...common, httpOnly: true, path: REFRESH_PATH });
    // Readable by the page's script on purpose: it echoes it in X-CSRF-Token.
    reply.setCookie(csrfCookie, session.csrfToken, { ...common, httpOnly: false, path: '/' });
    // The body holds an access token: no cache may keep it (login carries no credential, so the access hook skips it).
    reply.header('cache-control', 'no-store');
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user };
  };

  const clearSession = (reply: FastifyReply) => {
    reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_PATH, secure: opts.secureCookies });
    reply.clearCookie(csrfCookie, { path: '/', secure: opts.secureCookies });
  };

  app.post(
    '/api/v1/auth/signup',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signup',
        tags,
        summary: 'Create an account',
        body: Signup,
        response: { 201: SignupResponse, ...problems({ 409: ['ACCOUNT_TAKEN'], 429: ['RATE_LIMITED'] }) },
      },
    },
    async (req, reply) => reply.code(201).send({ user: await auth.signup(req.body, clientMeta(req)) }),
  );

  app.post(
    '/api/v1/auth/verify-email',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'verifyEmail',
        tags,
        summary: 'Confirm an e-mail address with the mailed token',
        body: TokenBody,
        response: { 200: Verified, ...problems({ 400: ['INVALID_TOKEN'], 429: ['RATE_LIMITED'] }) },
      },
    },
    async (req) => ({ verified: true as const, ...(await auth.verifyEmail(req.body.token, clientMeta(req))) }),
  );

  app.post(
    '/api/v1/auth/verify-email/resend',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'resendVerificationEmail',
        tags,
        summary: 'Send the verification e-mail again',
        body: Empty,
        response: { 202: Accepted, ...problems({ 429: ['RATE_LIMITED'] }) },
      },
    },
    async (req, reply) => {
      await auth.resendVerification(principalOf(req).userId);
      return reply.code(202).send({ message: 'If your address is not verified yet, a new link is on its way.' });
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'login',
        tags,
        summary: 'Log in with e-mail or username',
        body: Login,
        response: { 200: SessionResponse, ...problems({ 401: ['INVALID_CREDENTIALS'], 429: ['RATE_LIMITED'] }) },
      },
    },
    async (req, reply) => sendSession(reply, await auth.login(req.body.login, req.body.password, clientMeta(req))),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      config: { access: 'session' },
      schema: {
        operationId: 'refreshSession',
        tags,
        summary: 'Rotate the session cookie and get a new access token',
        response: { 200: SessionResponse, ...problems({ 401: ['INVALID_SESSION', 'SESSION_EXPIRED'] }) },
      },
    },
    async (req, reply) => {
      const refreshToken = req.cookies[REFRESH_COOKIE];
      if (!refreshToken) throw new InvalidSession('No session cookie. Log in again.');
      try {
        return sendSession(reply, await auth.refresh(refreshToken, csrfHeader(req), clientMeta(req)));
      } catch (err) {
        if (err instanceof InvalidSession || err instanceof SessionExpired) clearSession(reply);
        throw err;
      }
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'session' },
      schema: {
        operationId: 'logout',
        tags,
        summary: 'End this session',
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const refreshToken = req.cookies[REFRESH_COOKIE];
      if (refreshToken) await auth.logout(refreshToken, csrfHeader(req));
      clearSession(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password/forgot',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'forgotPassword',
        tags,
        summary: 'Mail a password reset link',
        body: ForgotPassword,
        response: { 202: Accepted, ...problems({ 429: ['RATE_LIMITED'] }) },
      },
    },
    async (req, reply) => {
      await auth.forgotPassword(req.body.email, clientMeta(req));
      return reply.code(202).send({ message: FORGOT_PASSWORD_MESSAGE });
    },
  );

  app.post(
    '/api/v1/auth/password/reset/check',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'checkPasswordResetToken',
        tags,
        summary: 'Check that a password reset token still works, without using it',
        body: TokenBody,
        response: { 200: ResetTokenValid, ...problems({ 400: ['INVALID_TOKEN'], 429: ['RATE_LIMITED'] }) },
      },
    },
    async (req) => {
      await auth.checkResetToken(req.body.token, clientMeta(req));
      return { valid: true as const };
    },
  );

  app.post(
    '/api/v1/auth/password/reset',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'resetPassword',
        tags,
        summary: 'Set a new password with the mailed token',
        body: ResetPassword,
        response: { 204: NoContent, ...problems({ 400: ['INVALID_TOKEN'], 429: ['RATE_LIMITED'] }) },
      },
    },
    async (req, reply) => {
      await auth.resetPassword(req.body.token, req.body.password, clientMeta(req));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password/change',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'changePassword',
        tags,
        summary: 'Change your password',
        body: ChangePassword,
        response: {
          204: NoContent,
          ...problems({ 400: ['WRONG_PASSWORD'], 401: ['INVALID_SESSION'], 429: ['RATE_LIMITED'] }),
        },
      },
    },
    async (req, reply) => {
      await auth.changePassword(principalOf(req), req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send(null);
    },
  );
}

function clientMeta(req: FastifyRequest): ClientMeta {
  return { ip: req.ip, userAgent: req.headers['user-agent'] };
}

function csrfHeader(req: FastifyRequest): string {
  const value = req.headers[CSRF_HEADER];
  return typeof value === 'string' ? value : '';
}

/**
 * The origin the request was addressed to. A page served by this very server
 * (at 127.0.0.1 while PUBLIC_URL says localhost, or at a LAN address) is
 * same-origin whatever the configured list says; `protocol` follows
 * TRUST_PROXY, so behind a TLS proxy it reads https only when trusted.
 */
function ownOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/**
 * The double-submit half of the CSRF check, before any handler runs: the
 * header must repeat the cookie, and a browser-announced cross-site request
 * is refused outright. The service then checks the token's session binding.
 */
export function sessionCsrf(allowedOrigins: readonly string[], opts: { secureCookies: boolean }) {
  const csrfCookie = csrfCookieName(opts.secureCookies);
  const refusals: ProblemCodes = { 403: ['CSRF_REJECTED'] };
  const check = (req: FastifyRequest): void => {
    // Without the session cookie there is nothing to forge; the route answers 401 (or 204 for logout).
    if (!req.cookies[REFRESH_COOKIE]) return;
    if (req.headers['sec-fetch-site'] === 'cross-site')
      throw new CsrfRejected('Cross-site requests cannot use the session cookie.');
    const origin = req.headers.origin;
    if (origin && origin !== ownOrigin(req) && !allowedOrigins.includes(origin))
      throw new CsrfRejected(`Origin ${origin} is not allowed.`);
    const header = csrfHeader(req);
    if (!header || header !== req.cookies[csrfCookie]) throw new CsrfRejected();
  };
  return { check, refusals };
}
