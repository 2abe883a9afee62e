/**
 * Runs the real /usr/bin/kubectl against a sandbox, with its own HOME (discovery cache) and
 * KUBECACHEDIR (the dispatcher's binary cache), so tests never touch the developer's files.
 */
import { mkdtempSync } from 'node:fs';
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
