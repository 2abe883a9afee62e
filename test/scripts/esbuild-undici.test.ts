/**
 * scripts/esbuild-undici.mjs: `import { fetch, Agent, ProxyAgent } from 'undici'` bundles undici's
 * fetch and agents, not its index (mocks, caches, WebSocket, EventSource), and they work as the
 * index's do (the same program bundled with undici's index gives the same answers): fetch over an
 * Agent and through a ProxyAgent to loopback servers, the Dispatcher API on an Agent, a failed
 * fetch's error. A name the plugin does not give fails the build.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations.
import { REQUIRE_BANNER } from '../../scripts/app-build-options.mjs';
// @ts-expect-error: a plain .mjs build script without type declarations.
import { undiciPlugin } from '../../scripts/esbuild-undici.mjs';

const dir = mkdtempSync(join(tmpdir(), 'kubedojo-undici-plugin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(name: string, source: string, plugins = [undiciPlugin]): Promise<{ outfile: string; inputs: string[] }> {
  const entry = join(process.cwd(), 'test', 'scripts', `.${name}-${process.pid}.mjs`);
  // Bundled as dist/ is: undici's own require()s of built-ins need the banner's require.
  const outfile = join(dir, `${name}-${plugins.length}.mjs`);
  writeFileSync(entry, source);
  try {
    const result = await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', banner: { js: REQUIRE_BANNER as string }, plugins, metafile: true, logLevel: 'silent' });
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input);
    return { outfile, inputs };
  } finally {
    rmSync(entry, { force: true });
  }
}

describe("undici's fetch and agents, without its index", () => {
  it('fetches over an Agent and through a ProxyAgent, with the Dispatcher API, and fails alike', async () => {
    const program = `
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { fetch, Agent, ProxyAgent } from 'undici';
const server = createServer((req, res) => res.end('hello ' + req.url));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const target = 'http://127.0.0.1:' + server.address().port;
// A forward proxy for plain http: it answers the absolute-form request itself.
let proxied = 0;
const proxy = createServer((req, res) => {
  proxied += 1;
  httpRequest(req.url, (upstream) => upstream.pipe(res)).end();
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const agent = new Agent({ keepAliveTimeout: 1000 });
const viaAgent = await (await fetch(target + '/agent', { dispatcher: agent })).text();
const viaProxy = await (await fetch(target + '/proxy', { dispatcher: new ProxyAgent('http://127.0.0.1:' + proxy.address().port) })).text();
const viaApi = await (await agent.request({ origin: target, path: '/api', method: 'GET' })).body.text();
async function callerOfFetch() { return fetch('http://127.0.0.1:1/', { dispatcher: agent }); }
const failure = await callerOfFetch().catch((error) => error);
await agent.close();
server.close();
proxy.close();
process.stdout.write(JSON.stringify({ viaAgent, viaProxy, viaApi, proxied, failed: failure instanceof TypeError, stack: String(failure.stack), cause: failure.cause?.code }));
`;
    const { outfile, inputs } = await bundle('undici-narrow', program);
    const whole = await bundle('undici-narrow', program, []);
    const undiciFiles = inputs.filter((input) => input.includes('node_modules/undici/'));
    expect(undiciFiles.some((input) => input.endsWith('lib/web/fetch/index.js'))).toBe(true);
    expect(undiciFiles.filter((input) => /lib\/(mock|cache|web\/websocket|web\/eventsource|interceptor)\//.test(input))).toEqual([]);
    const run = async (file: string) => JSON.parse((await execa(process.execPath, [file])).stdout) as Record<string, unknown>;
    const result = await run(outfile);
    expect(result).toMatchObject({ viaAgent: 'hello /agent', viaProxy: 'hello /proxy', viaApi: 'hello /api', proxied: 1, failed: true });
    expect(result).toEqual(await run(whole.outfile));
  }, 60_000);

  it('fails the build for a name it does not give', async () => {
    await expect(bundle('undici-other', "import { WebSocket } from 'undici';\nconsole.log(WebSocket);\n")).rejects.toThrow(/No matching export .* "WebSocket"/);
  });
});
