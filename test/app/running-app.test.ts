/** The running-app record `kubedojo env` and `check` read (docs/decisions.md, "the second terminal's kubeconfig"). */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOT_RUNNING_CONTEXT } from '../../src/app/running-app.js';
import { findRunningApp, publishRunningApp, runningAppDir, sandboxNotice, serverOf, withdrawRunningApp } from '../../src/app/index.js';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{name: kubedojo-sandbox, cluster: {server: 'https://127.0.0.1:41234'}}]
contexts: [{name: kubedojo-sandbox, context: {cluster: kubedojo-sandbox, namespace: kubedojo}}]
current-context: kubedojo-sandbox
`;

let cache: string;
let previous: string | undefined;
beforeEach(() => {
  previous = process.env.XDG_CACHE_HOME;
  cache = mkdtempSync(join(tmpdir(), 'kubedojo-app-cache-'));
  process.env.XDG_CACHE_HOME = cache;
});
afterEach(() => {
  if (previous === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = previous;
});

function pinned(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kubedojo-pinned-')), 'kubeconfig.yaml');
  writeFileSync(path, KUBECONFIG);
  return path;
}

const info = { context: 'kubedojo-sandbox', sandbox: true, remote: false, namespace: 'kubedojo', startedAt: '2026-01-02T03:04:05.000Z' };

describe('the running-app record', () => {
  it('keeps a private copy of the pinned kubeconfig at a stable path under the cache dir', async () => {
    const record = await publishRunningApp(pinned(), info);
    expect(runningAppDir()).toBe(join(cache, 'kubedojo', 'app'));
    expect(record).toMatchObject({ ...info, pid: process.pid, server: 'https://127.0.0.1:41234', kubeconfig: join(cache, 'kubedojo', 'app', 'kubeconfig') });
    expect(readFileSync(record.kubeconfig, 'utf8')).toBe(KUBECONFIG);
    expect(statSync(record.kubeconfig).mode & 0o777).toBe(0o600);
    expect(await findRunningApp()).toEqual(record);
    expect(await serverOf(record.kubeconfig)).toBe('https://127.0.0.1:41234');
  });

  it('is withdrawn only by the app that wrote it', async () => {
    const record = await publishRunningApp(pinned(), info);
    await withdrawRunningApp(process.pid + 1);
    expect(await findRunningApp()).toEqual(record);
    await withdrawRunningApp();
    expect(await findRunningApp()).toBeUndefined();
    // What is left at the stable path has no cluster and no credentials, only a context that
    // makes a second terminal's kubectl say why it cannot connect (instead of localhost:8080).
    const left = readFileSync(record.kubeconfig, 'utf8');
    expect(left).not.toContain('127.0.0.1');
    expect(left).not.toContain('token');
    expect(left).toContain(`current-context: ${NOT_RUNNING_CONTEXT}`);
    const kubectl = await execa('kubectl', ['get', 'pods'], { env: { KUBECONFIG: record.kubeconfig, HOME: dirname(record.kubeconfig) }, extendEnv: false, reject: false });
    expect(kubectl.exitCode).toBe(1);
    expect(kubectl.stderr).toContain(`context was not found for specified context: ${NOT_RUNNING_CONTEXT}`);
    expect(kubectl.stderr).not.toContain('localhost:8080');
  });

  it('ignores a record left behind by an app that was killed', async () => {
    const record = await publishRunningApp(pinned(), info);
    // No process has pid 2^22 + 1 (above Linux's pid_max).
    writeFileSync(join(runningAppDir(), 'app.json'), JSON.stringify({ ...record, pid: 4_194_305 }));
    expect(await findRunningApp()).toBeUndefined();
  });

  it('says on screen when and where the sandbox started', () => {
    const startedAt = new Date(2026, 0, 2, 9, 5, 7).toISOString();
    // (the invocation is passed: the default depends on how the tests were started, npx or npm test)
    expect(sandboxNotice({ server: 'https://127.0.0.1:41234', startedAt }, false, 'kubedojo')).toBe(
      'Sandbox started 09:05:07 at https://127.0.0.1:41234 · other terminal: eval "$(kubedojo env)"',
    );
    // The line names the invocation that works for this install (issue #8, item 11).
    expect(sandboxNotice({ server: 'https://127.0.0.1:41234', startedAt }, true, 'npx kubedojo')).toBe(
      'Sandbox restored 09:05:07 at https://127.0.0.1:41234 · other terminal: eval "$(npx kubedojo env)"',
    );
  });
});
