import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, TEST_PASSWORD } from '../../../test/app';

const { app, given } = await createTestApp({
  AUTH_RATE_LIMIT_PER_IP: '8',
  AUTH_RATE_LIMIT_PER_ACCOUNT: '3',
  AUTH_RATE_LIMIT_PER_ACCOUNT_ANY_IP: '6',
  SIGNUP_RATE_LIMIT_PER_IP: '2',
});

const login = (loginName: string, password: string, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password }, remoteAddress: ip });

describe('auth rate limits', () => {
  it("blocks a stranger's address after repeated failures, while the owner still logs in from theirs", async () => {
    const user = await given.user();
    for (let i = 0; i < 3; i += 1) expectProblem(await login(user.username, 'wrong password', '10.1.0.66'), 401);
    const blocked = await login(user.username, TEST_PASSWORD, '10.1.0.66');
    expectProblem(blocked, 429, 'RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The e-mail names the same account: the stranger cannot switch spelling to go on.
    expectProblem(await login(user.email.toUpperCase(), 'wrong password', '10.1.0.66'), 429, 'RATE_LIMITED');

    expect((await login(user.username, TEST_PASSWORD, '10.1.0.1')).statusCode).toBe(200);
  });

  it('stops an attack spread over many addresses at the much higher per-account limit', async () => {
    const user = await given.user();
    for (let i = 0; i < 6; i += 1) expectProblem(await login(user.username, 'wrong password', `10.5.0.${i}`), 401);
    expectProblem(await login(user.username, TEST_PASSWORD, '10.5.0.99'), 429, 'RATE_LIMITED');
  });

  it("a successful login clears that address's counter", async () => {
    const user = await given.user();
    expectProblem(await login(user.username, 'wrong password', '10.2.0.1'), 401);
    expectProblem(await login(user.username, 'wrong password', '10.2.0.1'), 401);
    expect((await login(user.username, TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
    expectProblem(await login(user.username, 'wrong password', '10.2.0.1'), 401);
    expectProblem(await login(user.username, 'wrong password', '10.2.0.1'), 401);
  });

  it('limits one address across accounts', async () => {
    for (let i = 0; i < 8; i += 1) expectProblem(await login(`someone_${i}`, 'wrong password', '10.3.0.1'), 401);
    expectProblem(await login('someone_else', 'wrong password', '10.3.0.1'), 429, 'RATE_LIMITED');
    expectProblem(await login('someone_else', 'wrong password', '10.3.0.2'), 401);
  });

  it('limits reset-link checks per address, since they guess tokens', async () => {
    const check = (ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/reset/check',
        remoteAddress: ip,
        payload: { token: 'x'.repeat(43) },
      });
    for (let i = 0; i < 8; i += 1) expectProblem(await check('10.5.0.1'), 400, 'INVALID_TOKEN');
    expectProblem(await check('10.5.0.1'), 429, 'RATE_LIMITED');
    expectProblem(await check('10.5.0.2'), 400, 'INVALID_TOKEN');
  });

  it('limits signups per address', async () => {
    const signup = (n: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        remoteAddress: '10.4.0.1',
        payload: { email: `rl${n}@example.test`, username: `rl_user_${n}`, password: 'a long enough password' },
      });
    expect((await signup(1)).statusCode).toBe(201);
    expect((await signup(2)).statusCode).toBe(201);
    expectProblem(await signup(3), 429, 'RATE_LIMITED');
  });

  it.each([
    ['password reset', '/api/v1/auth/password/reset', { password: 'a long enough password' }],
    ['e-mail verification', '/api/v1/auth/verify-email', {}],
  ])('limits %s attempts per address', async (_name, url, extra) => {
    const ip = url.includes('reset') ? '10.6.0.1' : '10.7.0.1';
    const attempt = (n: number, from = ip) =>
      app.inject({
        method: 'POST',
        url,
        remoteAddress: from,
        payload: { token: `a-guessed-token-number-${n}`, ...extra },
      });
    for (let i = 0; i < 8; i += 1) expectProblem(await attempt(i), 400, 'INVALID_TOKEN');
    const blocked = expectProblem(await attempt(8), 429, 'RATE_LIMITED');
    expect(blocked.detail).toBeTruthy();
    expect(Number((await attempt(9)).headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(await attempt(10, '10.8.0.1'), 400, 'INVALID_TOKEN');
  });
});
