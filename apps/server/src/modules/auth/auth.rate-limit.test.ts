import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, TEST_PASSWORD } from '../../../test/app';

const { app, given } = await createTestApp({
  AUTH_RATE_LIMIT_PER_IP: '8',
  AUTH_RATE_LIMIT_PER_ACCOUNT: '3',
  SIGNUP_RATE_LIMIT_PER_IP: '2',
});

const login = (loginName: string, password: string, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password }, remoteAddress: ip });

describe('auth rate limits', () => {
  it('locks an account after repeated failures, even from many addresses', async () => {
    const user = await given.user();
    for (let i = 0; i < 3; i += 1) expectProblem(await login(user.username, 'wrong password', `10.1.0.${i}`), 401);
    const blocked = await login(user.username, TEST_PASSWORD, '10.1.0.99');
    expectProblem(blocked, 429, 'RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a successful login clears the account counter', async () => {
    const user = await given.user();
    expectProblem(await login(user.username, 'wrong password', '10.2.0.1'), 401);
    expectProblem(await login(user.username, 'wrong password', '10.2.0.1'), 401);
    expect((await login(user.username, TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
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
});
