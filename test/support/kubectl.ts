/**
 * Runs the real /usr/bin/kubectl against a sandbox, with its own HOME (discovery cache) and
 * KUBECACHEDIR (the dispatcher's binary cache), so tests never touch the developer's files.
 */
import { mkdtempSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export const KUBECTL = process.env.KUBEDOJO_TEST_KUBECTL ?? '/usr/bin/kubectl';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface TestCluster {
  sandbox: Sandbox;
  env: Record<string, string>;
  /** Runs kubectl to completion; never throws on a non-zero exit. */
  kubectl(args: string[], options?: { input?: string; env?: Record<string, string>; timeout?: number }): Promise<KubectlResult>;
  /** Starts a long-running kubectl (`get -w`, `logs -f`) to be killed by the test. */
  spawn(args: string[]): ResultPromise;
  stop(): Promise<void>;
}

export async function startTestCluster(options: SandboxOptions = {}): Promise<TestCluster> {
  const sandbox = await startSandbox({ speed: 50, ...options });
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-test-home-'));
  const env = {
    KUBECONFIG: sandbox.kubeconfigPath,
    HOME: home,
    KUBECACHEDIR: join(home, 'kubecache'),
    PATH: process.env.PATH ?? '/usr/bin:/bin',
  };
  return {
    sandbox,
    env,
    async kubectl(args, opts = {}) {
      const result = await execa(KUBECTL, args, {
        env: { ...env, ...opts.env },
        extendEnv: false,
        input: opts.input,
        reject: false,
        timeout: opts.timeout ?? 30_000,
      });
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1 };
    },
    spawn(args) {
      return execa(KUBECTL, args, { env, extendEnv: false, reject: false, buffer: true });
    },
    stop: () => sandbox.stop(),
  };
}

/** Waits until `predicate` holds, checking on each store change of the sandbox (no fixed sleeps). */
export function waitForState(sandbox: Sandbox, predicate: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate()) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = sandbox.store.subscribe(() => {
      if (predicate()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** A raw HTTPS request to the sandbox API (trusting its certificate), for what kubectl cannot send. */
export function apiRequest(
  sandbox: Sandbox,
  path: string,
  init: { method?: string; body?: string | Buffer; headers?: Record<string, string>; token?: string | null } = {},
): Promise<RawResponse> {
  const url = new URL(path, sandbox.server);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
  const token = init.token === undefined ? sandbox.token : init.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: init.method ?? 'GET', headers, ca: sandbox.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
