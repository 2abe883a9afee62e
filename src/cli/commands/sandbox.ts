/**
 * `kubedojo sandbox`: runs the sandbox cluster alone, for learners who prefer their own terminal,
 * and prints the line that points kubectl at it. Runs until Ctrl+C.
 *
 * The kubeconfig holds the sandbox's bearer token. By default it goes into a fresh private
 * directory (`mkdtemp`, 0700, a name nobody can guess or pre-create) that is removed on every
 * exit path: a signal, a clean stop, or a crash (issue #7).
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startSandboxThread, type SandboxThread } from '../../sandbox/worker/sandbox-thread.js';
import { SANDBOX_CONTEXT } from '../../sandbox/kubeconfig.js';
import { ROOM_CAPACITY } from '../../sandbox/bootstrap.js';
import { UsageError } from '../usage-error.js';

export interface SandboxCommandOptions {
  speed: number;
  port: number;
  kubeconfig?: string;
  /** kube-apiserver's --event-ttl, in ms. */
  eventTtl?: number;
  /** `--workshop`: the room's shared cluster (RBAC on, `workshop create` next). */
  workshop?: boolean;
  /** `--address ADDR` (with --workshop): listen there instead of 127.0.0.1. */
  address?: string;
}

/** Loopback spellings: no warning for those. */
function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

export async function runSandboxCommand(options: SandboxCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  if (options.address !== undefined && !options.workshop) throw new UsageError('--address is for a workshop room: kubedojo sandbox --workshop --address ADDR');
  if (options.address !== undefined && (options.address === '0.0.0.0' || options.address === '::' || !/^[0-9a-fA-F.:]+$|^[a-z0-9.-]+$/.test(options.address))) {
    throw new UsageError(`--address ${options.address}: name the one address of this machine the room reaches (e.g. 192.168.1.20); learners' kubeconfigs will point there`);
  }
  if (options.kubeconfig !== undefined) await refuseForeignFile(options.kubeconfig);
  const dir = options.kubeconfig === undefined ? await mkdtemp(join(tmpdir(), 'kubedojo-sandbox-')) : undefined;
  const kubeconfigPath = options.kubeconfig ?? join(dir!, 'kubeconfig');
  // Synchronous, so it also runs from process.exit() after a crash.
  const removeKubeconfig = (): void => rmSync(dir ?? kubeconfigPath, { recursive: true, force: true });
  process.once('exit', removeKubeconfig);
  // Listening before the sandbox starts: a signal that comes as the KUBECONFIG line is printed
  // (or during start-up) still stops it cleanly and removes the file.
  const stopSignal = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
  let sandbox: SandboxThread | undefined;
  let stopping = false;
  try {
    const address = options.address ?? '127.0.0.1';
    // In a worker thread of this process, as in the app: the thread's heap limits keep its memory
    // to what the cluster holds (sandbox-thread.ts), and every exit path of this process ends it.
    const sandboxOptions = { speed: options.speed, port: options.port, kubeconfigPath, eventTtlMs: options.eventTtl, ...(options.workshop ? { nodeCapacity: ROOM_CAPACITY } : {}), ...(options.address === undefined ? {} : { address: options.address }) };
    sandbox = await startSandboxThread(sandboxOptions, { keepsProcessAlive: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRNOTAVAIL') throw new UsageError(`--address ${address} is not an address of this machine`);
        // A port someone else holds is the user's to change, not a crash: one line, exit 1.
        if (error.code === 'EADDRINUSE') throw new UsageError(`port ${options.port} on ${address} is already in use; pick another with --port, or --port 0 for any free one`);
        if (error.code === 'EACCES') throw new UsageError(`port ${options.port} on 127.0.0.1 needs privileges this user does not have; pick one above 1023`);
        throw error;
      },
    );
    out.write(`kubedojo sandbox cluster is running at ${sandbox.server} (speed ×${options.speed}).\n`);
    out.write(`In another terminal, point kubectl at it:\n\n  export KUBECONFIG=${sandbox.kubeconfigPath}\n\n`);
    if (options.workshop) {
      if (!isLoopback(address)) {
        out.write(`WARNING: the API listens on ${address}, not only on this machine: anyone on that network can reach it. Only the tokens \`workshop create\` hands out (and this kubeconfig's admin token) get in. On this machine, name it to the workshop commands and the board: --context kubedojo-sandbox --allow-remote.\n`);
      }
      out.write(`Workshop: with that KUBECONFIG, run \`kubedojo workshop create --learners N\`, then \`kubedojo board\`.\n`);
    }
    out.write(`Press Ctrl+C to stop it.\n`);
    // `minikube service --url`, for every NodePort or LoadBalancer Service, as kube-proxy opens it.
    sandbox.serviceUrls.on('url', ({ namespace, name, url }) => out.write(`service ${namespace}/${name}: ${url}\n`));
    sandbox.serviceUrls.on('warning', ({ message }) => out.write(`kube-proxy: ${message}\n`));
    // A sandbox that ends on its own (a crash in its thread) ends the command with an error.
    const crashed = sandbox.ended.then(() => {
      if (!stopping) throw new Error('the sandbox stopped unexpectedly');
    });
    await Promise.race([stopSignal, crashed]);
    stopping = true;
  } finally {
    await sandbox?.stop();
    removeKubeconfig();
    process.off('exit', removeKubeconfig);
  }
  out.write('Sandbox stopped.\n');
}

/** `--kubeconfig ~/.kube/config` must not replace the learner's own kubeconfig: only an old sandbox one. */
async function refuseForeignFile(path: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return; // nothing there (or unreadable: the exclusive write will say so)
  }
  if (!text.includes(`current-context: ${SANDBOX_CONTEXT}`)) {
    throw new UsageError(`${path} exists and is not a kubedojo sandbox kubeconfig: choose another --kubeconfig path`);
  }
}
