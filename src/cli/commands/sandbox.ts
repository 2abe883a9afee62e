/**
 * `kubedojo sandbox`: runs the sandbox cluster alone, for learners who prefer their own terminal,
 * and prints the line that points kubectl at it. Runs until Ctrl+C.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startSandbox } from '../../sandbox/index.js';
import { UsageError } from '../usage-error.js';

export interface SandboxCommandOptions {
  speed: number;
  port: number;
  kubeconfig?: string;
  /** kube-apiserver's --event-ttl, in ms. */
  eventTtl?: number;
}

export async function runSandboxCommand(options: SandboxCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const sandbox = await startSandbox({
    speed: options.speed,
    port: options.port,
    kubeconfigPath: options.kubeconfig ?? join(tmpdir(), `kubedojo-sandbox-${process.pid}`, 'kubeconfig'),
    eventTtlMs: options.eventTtl,
  }).catch((error: NodeJS.ErrnoException) => {
    // A port someone else holds is the user's to change, not a crash: one line, exit 1.
    if (error.code === 'EADDRINUSE') throw new UsageError(`port ${options.port} on 127.0.0.1 is already in use; pick another with --port, or --port 0 for any free one`);
    if (error.code === 'EACCES') throw new UsageError(`port ${options.port} on 127.0.0.1 needs privileges this user does not have; pick one above 1023`);
    throw error;
  });
  out.write(`kubedojo sandbox cluster is running at ${sandbox.server} (speed ×${options.speed}).\n`);
  out.write(`In another terminal, point kubectl at it:\n\n  export KUBECONFIG=${sandbox.kubeconfigPath}\n\n`);
  out.write(`Press Ctrl+C to stop it.\n`);
  // `minikube service --url`, for every NodePort or LoadBalancer Service, as kube-proxy opens it.
  sandbox.serviceUrls.on('url', ({ namespace, name, url }) => out.write(`service ${namespace}/${name}: ${url}\n`));
  sandbox.serviceUrls.on('warning', ({ message }) => out.write(`kube-proxy: ${message}\n`));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
  await sandbox.stop();
  out.write('Sandbox stopped.\n');
}
