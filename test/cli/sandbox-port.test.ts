/**
 * `kubedojo sandbox --port <in use>`: one plain line and exit 1, never a stack trace, and nothing
 * left running behind it (issue #7).
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliHome, kubedojo } from './support/cli.js';

let holder: Server;
let port: number;
beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  port = (holder.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

it('a port in use is one line on stderr and exit code 1', async () => {
  const { stdout, stderr, exitCode } = await kubedojo(cliHome(), ['sandbox', '--port', String(port)]);
  expect(exitCode).toBe(1);
  expect(stderr.trim()).toBe(`kubedojo sandbox: port ${port} on 127.0.0.1 is already in use; pick another with --port, or --port 0 for any free one`);
  expect(stdout).toBe('');
}, 60_000);

it('--event-ttl takes a Go duration and refuses anything else in one line', async () => {
  const { stderr, exitCode } = await kubedojo(cliHome(), ['sandbox', '--event-ttl', 'soon']);
  expect(exitCode).toBe(1);
  expect(stderr.trim()).toBe("kubedojo sandbox: option '--event-ttl <duration>' argument 'soon' is invalid. expected a duration such as 1h, 30m or 90s (see kubedojo sandbox --help)");
});
