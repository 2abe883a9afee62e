/**
 * The network rule, enforced in every test process: a socket may connect only to loopback
 * (127.0.0.0/8, ::1, `localhost`) or a local path. Code under test that dials anything else (a
 * context at 192.168.49.2, a Service's cluster address, a DNS name) fails at once with a clear error
 * instead of sending traffic off the machine. Tests of how kubedojo treats a non-local address run
 * that code in a child process inside `unshare -n` (no routes), where this guard is not needed.
 *
 * Written here rather than taken from a library: the rule is "patch the one place every TCP client
 * in Node goes through" (net.Socket#connect: net, tls, http, https, undici), which no package offers.
 */
import { isIP } from 'node:net';
import net from 'node:net';

/** Whether `host` names this machine's loopback. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare) || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(bare);
  return false;
}

/** The host a `Socket#connect` call dials, or undefined for a local (IPC) path. */
export function connectTarget(args: unknown[]): { host: string } | undefined {
  // net.connect and http's agents pass one array, already normalised: [options, callback].
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string' && options.path !== '') return undefined;
    return { host: typeof options.host === 'string' && options.host !== '' ? options.host : 'localhost' };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined; // a path
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost' };
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const target = connectTarget(args);
  if (target !== undefined && !isLoopbackHost(target.host)) {
    throw new Error(`test network rule: refused to connect to ${target.host} (only loopback; run code that dials other addresses inside \`unshare -n\`)`);
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof connect;
