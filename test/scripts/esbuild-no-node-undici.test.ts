/**
 * scripts/esbuild-yoga-wasm.mjs and scripts/esbuild-node-http.mjs: nothing in the bundle loads
 * Node's own undici (the app's memory, issue 9). Each case is bundled with and without its plugin
 * and run in a fresh node: without, Node loads its undici (so the plugin still has a reason to
 * exist); with, it does not, and the code works the same (yoga lays a tree out; node:http's
 * exports, plain and live, are there and serve a request).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations.
import { nodeHttpPlugin } from '../../scripts/esbuild-node-http.mjs';
// @ts-expect-error: a plain .mjs build script without type declarations.
import { patchYogaLoader, yogaWasmPlugin } from '../../scripts/esbuild-yoga-wasm.mjs';

const dir = mkdtempSync(join(tmpdir(), 'kubedojo-no-node-undici-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REPORT = "process.stdout.write(JSON.stringify({ result, undici: process.moduleLoadList.some((name) => name.includes('internal/deps/undici')) }));";

/** Bundles `source` (an ES module in the worktree, so packages resolve) and runs it in a new node. */
async function bundleAndRun(name: string, source: string, plugins: Plugin[]): Promise<{ result: unknown; undici: boolean }> {
  const entry = join(process.cwd(), 'test', 'scripts', `.${name}-${process.pid}.mjs`);
  const outfile = join(dir, `${name}-${plugins.length}.mjs`);
  writeFileSync(entry, `${source}\n${REPORT}\n`);
  try {
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', plugins, logLevel: 'silent' });
  } finally {
    rmSync(entry, { force: true });
  }
  const { stdout } = await execa(process.execPath, [outfile]);
  return JSON.parse(stdout) as { result: unknown; undici: boolean };
}

describe("yoga's WebAssembly without fetch", () => {
  const source = `
import Yoga from 'yoga-layout';
const root = Yoga.Node.create();
root.setWidth(100);
root.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);
const child = Yoga.Node.create();
child.setFlexGrow(1);
root.insertChild(child, 0);
const fixed = Yoga.Node.create();
fixed.setWidth(30);
root.insertChild(fixed, 1);
root.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
const result = [child.getComputedWidth(), fixed.getComputedLeft()];`;

  it('lays a tree out the same, and Node never loads its undici', async () => {
    const plain = await bundleAndRun('yoga', source, []);
    const patched = await bundleAndRun('yoga', source, [yogaWasmPlugin]);
    expect(plain).toEqual({ result: [70, 70], undici: true });
    expect(patched).toEqual({ result: [70, 70], undici: false });
  }, 60_000);

  it('fails the build when the loader no longer tests fetch twice', () => {
    expect(() => patchYogaLoader('if("function"!=typeof fetch)a()')).toThrow(/yoga-layout changed: its loader tests `"function"!=typeof fetch` 1 times, not 2/);
  });
});

describe('node:http required, not imported as an ES module', () => {
  const source = `
import http, { createServer, request, STATUS_CODES } from 'node:http';
const server = createServer((_req, res) => res.end('ok'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const body = await new Promise((resolve, reject) => {
  request({ host: '127.0.0.1', port: server.address().port, agent: http.globalAgent }, (res) => {
    let text = '';
    res.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
  }).on('error', reject).end();
});
server.close();
const result = [body, STATUS_CODES[404], http.globalAgent instanceof http.Agent, typeof http.maxHeaderSize];`;

  it('serves and sends a request the same, and Node never loads its undici', async () => {
    const plain = await bundleAndRun('http', source, []);
    const patched = await bundleAndRun('http', source, [nodeHttpPlugin]);
    expect(plain).toEqual({ result: ['ok', 'Not Found', true, 'number'], undici: true });
    expect(patched).toEqual({ result: ['ok', 'Not Found', true, 'number'], undici: false });
  }, 60_000);
});
