import { once } from 'node:events';
import { connect } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { registerFrontDoor } from './front-door';
import { closingFlag } from './http-server';
import { registerErrorHandling } from './problem';

const request = `GET /tracks HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

describe('a closing server', () => {
  it('refuses a request on a kept-alive connection with a 503 problem and Connection: close', async () => {
    const app = Fastify({ return503OnClosing: false });
    registerErrorHandling(app);
    registerFrontDoor(app, { https: false, closing: closingFlag(app) });
    app.get('/tracks', async () => ({ tracks: [] }));
    // Holds the close after the app knows it is closing and before the listener stops, as other hooks do.
    let holding = false;
    let letGo!: () => void;
    app.addHook('preClose', async () => {
      holding = true;
      await new Promise<void>((resolve) => (letGo = resolve));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const socket = connect((app.server.address() as { port: number }).port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));

    socket.write(request);
    await vi.waitFor(() => expect(received).toContain('{"tracks":[]}'));
    expect(received).toMatch(/^HTTP\/1\.1 200 .*\r\nConnection: keep-alive\r\n/s);
    received = '';
    const closed = app.close();
    await vi.waitFor(() => expect(holding).toBe(true));
    socket.write(request);
    await once(socket, 'close');
    letGo();
    await closed;

    expect(received).toMatch(/^HTTP\/1\.1 503 /);
    expect(received).toMatch(/\r\nconnection: close\r\n/i);
    expect(received).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(received).toContain('"code":"SERVER_CLOSING"');
  });
});
