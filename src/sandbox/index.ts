/**
 * The sandbox cluster: an in-process Kubernetes API on 127.0.0.1 with simulated controllers and a
 * simulated minikube node, for learners without a cluster and for every end-to-end test.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimClock } from './clock.js';
import { ObjectStore } from './store/object-store.js';
import { Registry } from './registry/registry.js';
import { ApiServer } from './server/api-server.js';
import { createServingCertificate } from './server/certificate.js';
import { bootstrapCluster } from './bootstrap.js';
import { writeSandboxKubeconfig, SANDBOX_CONTEXT } from './kubeconfig.js';
import { startControllers } from './controllers/index.js';
import { startNode } from './node/index.js';

export { SANDBOX_CONTEXT };

export interface SandboxOptions {
  /** Divides every simulated delay (image pulls, container starts, grace periods): 1 is real pace. */
  speed?: number;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where to write the kubeconfig; a fresh temporary directory by default. */
  kubeconfigPath?: string;
}

export interface Sandbox {
  /** `https://127.0.0.1:<port>` */
  server: string;
  kubeconfigPath: string;
  token: string;
  /** The server's self-signed certificate (PEM), for clients outside the kubeconfig. */
  caPem: string;
  store: ObjectStore;
  registry: Registry;
  clock: SimClock;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = new SimClock(options.speed ?? 1);
  const store = new ObjectStore();
  const registry = new Registry(store, clock);
  const controllers = startControllers({ store, registry, clock });
  const node = startNode({ store, registry, clock, events: controllers.events });
  bootstrapCluster(registry);

  const token = randomBytes(24).toString('base64url');
  const tls = await createServingCertificate();
  const api = new ApiServer({ registry, logs: node.logSource, token, tls });
  const server = await api.listen(options.port ?? 0);

  const tempDir = options.kubeconfigPath ? undefined : await mkdtemp(join(tmpdir(), 'kubedojo-sandbox-'));
  const kubeconfigPath = options.kubeconfigPath ?? join(tempDir!, 'kubeconfig');
  await writeSandboxKubeconfig(kubeconfigPath, server, token, tls.certPem);

  let stopped = false;
  return {
    server,
    kubeconfigPath,
    token,
    caPem: tls.certPem,
    store,
    registry,
    clock,
    async stop() {
      if (stopped) return;
      stopped = true;
      await api.close();
      node.stop();
      controllers.stop();
      clock.stop();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}
