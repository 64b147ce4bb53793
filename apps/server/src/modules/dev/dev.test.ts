import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';

const url = '/api/v1/dev/mailbox?to=someone@example.test';
const enabled = await createTestApp({ DEV_MAILBOX: 'true' });
const disabled = await createTestApp({ DEV_MAILBOX: 'false' });

describe('the development mailbox', () => {
  it('answers on this machine when DEV_MAILBOX is on', async () => {
    const res = await enabled.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ messages: [] });
  });

  it('never answers another machine: the mailbox holds reset links', async () => {
    expectProblem(await enabled.app.inject({ url, remoteAddress: '192.168.1.20' }), 404, 'ROUTE_NOT_FOUND');
  });

  it('does not exist when DEV_MAILBOX is off, not even for this machine', async () => {
    expectProblem(await disabled.app.inject({ url }), 404, 'ROUTE_NOT_FOUND');
    expectProblem(await disabled.app.inject({ url, remoteAddress: '::1' }), 404, 'ROUTE_NOT_FOUND');
    // The other development helpers stay.
    expect((await disabled.app.inject({ url: '/api/v1/dev/sleep?ms=0' })).statusCode).toBe(200);
  });
});
