/**
 * The suite's network guard (test/support/loopback-only.ts, a setup file of every test process):
 * loopback connects go through; anything else is refused before a packet is sent.
 */
import { once } from 'node:events';
import { createServer, connect, type AddressInfo } from 'node:net';
import { get } from 'node:https';
import { describe, expect, it } from 'vitest';
import { connectTarget, isLoopbackHost } from './loopback-only.js';

describe('the test network guard', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['192.168.49.2', false], // the guard's own table: refused, never dialled
    ['10.0.0.5', false],
    ['example.com', false],
    ['::ffff:10.0.0.1', false],
    ['0.0.0.0', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('reads the host from every connect signature', () => {
    expect(connectTarget([8080])).toEqual({ host: 'localhost' });
    expect(connectTarget([8080, '10.1.2.3'])).toEqual({ host: '10.1.2.3' });
    expect(connectTarget([{ port: 1, host: 'example.com' }])).toEqual({ host: 'example.com' });
    expect(connectTarget([[{ port: 1, host: '127.0.0.1' }, null]])).toEqual({ host: '127.0.0.1' });
    expect(connectTarget([{ path: '/run/x.sock' }])).toBeUndefined();
    expect(connectTarget(['/run/x.sock'])).toBeUndefined();
  });

  it('lets a loopback connection through', async () => {
    const server = createServer((socket) => socket.end('hi'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const [data] = (await once(socket, 'data')) as [Buffer];
    expect(data.toString()).toBe('hi');
    server.close();
  });

  it('refuses a non-loopback one before dialling, through net and https alike', () => {
    expect(() => connect(443, '203.0.113.7')).toThrow(/test network rule: refused to connect to 203\.0\.113\.7/); // refused by the guard, never dialled
    expect(() => get('https://example.com/')).toThrow(/refused to connect to example\.com/);
  });
});
