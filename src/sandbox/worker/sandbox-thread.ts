/**
 * The app's side of the sandbox's worker thread (issue 9): starts the worker, resolves once the
 * sandbox serves, and stops it. Nothing the sandbox does — a thousand Pods' controllers, the node,
 * the API server's JSON — then runs on the app's thread, so it cannot delay a frame or a keystroke.
 * A worker thread ends with its process, so no exit path (a crash, a signal) can leave it running;
 * stop() is the clean one, which closes the sandbox's ports and files first.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SandboxNotice } from '../index.js';
import type { ServiceUrlEvents } from '../traffic/index.js';
import type { FromWorker, ToWorker, WorkerSandboxOptions } from './protocol.js';

export type { WorkerSandboxOptions } from './protocol.js';

/** Where a sandbox in another thread serves: what a client (kubectl, client-node) needs. */
export interface SandboxThread {
  /** `https://127.0.0.1:<port>` */
  server: string;
  kubeconfigPath: string;
  token: string;
  caPem: string;
  /** What start-up said about the saved state (restored, set aside, not saved). */
  notices: SandboxNotice[];
  /** The sandbox's time factor: simulated delays are divided by it. */
  speed: number;
  /** kube-proxy's Service URL events, as `Sandbox.serviceUrls` emits them. */
  serviceUrls: EventEmitter<ServiceUrlEvents>;
  /**
   * The first NodePort URL of a Service once kube-proxy opened it (`minikube service --url`), as
   * the URL events announced it; waits up to `waitMs` for one still on its way across the thread.
   */
  urlOf(namespace: string, name: string, waitMs?: number): Promise<string | undefined>;
  /** Settles when the thread ended: after stop(), or on its own (a crash in the sandbox). */
  ended: Promise<void>;
  /** Stops the sandbox and ends the thread. Idempotent. */
  stop(): Promise<void>;
}

/** How long a stop may take before the thread is terminated anyway. */
const STOP_TIMEOUT_MS = 5000;

/**
 * The sandbox's young generation, in MB (two 8 MB semi-spaces and the space objects are promoted
 * through). Left alone, V8 grows it to 128 MB under the controllers' allocation rate (Node 22+ on
 * a machine with a few GB), and RSS keeps those pages: at 2,000 Pods that was half the sandbox's
 * growth, ~60 KB per Pod of memory holding nothing live. Short-lived garbage dies just as well in
 * 8 MB semi-spaces; the CPU per Pod did not move measurably (docs/decisions.md, issue 9).
 */
export const SANDBOX_YOUNG_GENERATION_MB = 24;

export interface ThreadOptions {
  /**
   * Keep the process alive while the sandbox runs (`kubedojo sandbox`, which has nothing else to
   * wait on). The app's thread does not: the app's own exit path stops it.
   */
  keepsProcessAlive?: boolean;
}

/**
 * The worker's script: `sandbox-worker.js` next to the bundle's entry (dist/), or the TypeScript
 * source run through tsx when the app runs from src (tests, `npm run sandbox`).
 */
function workerScript(): { url: URL; execArgv: string[] } {
  for (const candidate of ['../sandbox-worker.js', './sandbox-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url, execArgv: [] };
  }
  return { url: new URL('./sandbox-worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

/**
 * The process's `--cpu-prof*` flags, which a worker given its own execArgv does not inherit: with
 * them the sandbox's thread writes a profile of its own beside the process's (`node --cpu-prof
 * dist/cli.js sandbox`, the room bench's KUBEDOJO_BENCH_SANDBOX_NODE_ARGS).
 */
const profilerFlags = () => process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'));

export function startSandboxThread(options: WorkerSandboxOptions = {}, thread: ThreadOptions = {}): Promise<SandboxThread> {
  const { url, execArgv } = workerScript();
  const worker = new Worker(url, { workerData: options, execArgv: [...profilerFlags(), ...execArgv], resourceLimits: { maxYoungGenerationSizeMb: SANDBOX_YOUNG_GENERATION_MB } });
  const serviceUrls = new EventEmitter<ServiceUrlEvents>();
  // What kube-proxy announced, so a URL can be read without a round trip to the thread.
  const urls = new Map<string, string>();
  serviceUrls.on('url', ({ namespace, name, url }) => urls.set(`${namespace}/${name}`, url));
  serviceUrls.on('removed', ({ namespace, name }) => urls.delete(`${namespace}/${name}`));
  const urlOf = (namespace: string, name: string, waitMs = 0): Promise<string | undefined> => {
    const key = `${namespace}/${name}`;
    const known = urls.get(key);
    if (known !== undefined || waitMs <= 0) return Promise.resolve(known);
    return new Promise((resolve) => {
      const onUrl = (event: { namespace: string; name: string; url: string }) => {
        if (`${event.namespace}/${event.name}` !== key) return;
        clearTimeout(timer);
        serviceUrls.off('url', onUrl);
        resolve(event.url);
      };
      const timer = setTimeout(() => {
        serviceUrls.off('url', onUrl);
        resolve(undefined);
      }, waitMs);
      serviceUrls.on('url', onUrl);
    });
  };
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => ((exited = true), resolve())));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (exited) return;
      worker.postMessage({ type: 'stop' } satisfies ToWorker);
      const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    })());

  return new Promise((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          // The app must not wait for the sandbox to exit; its own exit path stops it.
          if (!thread.keepsProcessAlive) worker.unref();
          resolve({ server: message.server, kubeconfigPath: message.kubeconfigPath, token: message.token, caPem: message.caPem, notices: message.notices, speed: options.speed ?? 1, serviceUrls, urlOf, stop, ended: exit });
          return;
        case 'failed': {
          const error: NodeJS.ErrnoException = new Error(message.message);
          if (message.stack !== undefined) error.stack = message.stack;
          if (message.code !== undefined) error.code = message.code;
          reject(error);
          return;
        }
        case 'service-url':
          (serviceUrls.emit as (event: string, payload: unknown) => boolean)(message.event, message.payload);
          return;
        case 'stopped':
          return;
      }
    });
    worker.once('error', reject);
    void exit.then(() => reject(new Error('the sandbox thread ended before it served')));
  });
}
