/**
 * The simulated node `minikube`: a scheduler that binds Pods to it within its capacity, a kubelet
 * that runs them — images, containers, probes, hooks, graceful termination — container logs for the
 * API server's `pods/log`, and the node's pod network, through which the Service proxy
 * (src/sandbox/traffic) reaches the servers running in Pods.
 */
import type { SimClock } from '../clock.js';
import type { Registry } from '../registry/registry.js';
import { typeKey } from '../api/resources.js';
import type { ObjectStore, StoreEvent } from '../store/object-store.js';
import type { PodLogSource } from '../server/logs.js';
import { NODE_IP, NODE_NAME } from '../bootstrap.js';
import type { EventRecorder } from '../controllers/events/event-recorder.js';
import { NODES, PODS } from '../controllers/kinds.js';
import { Backoff } from './backoff.js';
import { ContainerLogs } from './container-logs.js';
import type { ExecResult, ServiceFetch } from './container-process.js';
import { ImageManager } from './image-manager.js';
import { ImagePuller } from './image-puller.js';
import { PodIpAllocator } from './ip-allocator.js';
import { Kubelet } from './kubelet.js';
import type { KubeletContext } from './kubelet-context.js';
import { NodeNetwork, type PodServer } from './node-network.js';
import { startInteractiveShell, type ExecShell } from './interactive-shell.js';
import { Scheduler } from './scheduler.js';
import { simNow } from './sim-time.js';
import { TaskRunner } from './task-runner.js';

export type { PodServer, PodRequest, PodResponse } from './node-network.js';
export type { ExecResult, ServiceFetch } from './container-process.js';
export type { ExecShell, ShellStream } from './interactive-shell.js';
export { podAfterNodeRestart, pulledImages } from './node-restart.js';

export interface SimNode {
  /** What `kubectl logs` reads, for the API server. */
  logSource: PodLogSource;
  /** A connection to whatever listens on `podIP:port` now; undefined means connection refused. */
  connect(podIP: string, port: number): PodServer | undefined;
  /**
   * `kubectl exec`: runs `argv` in the container (the set shell-runner.ts documents). A Pod or
   * container that is not running answers exit code 1 with kubectl's error on stderr.
   */
  exec(namespace: string, pod: string, container: string, argv: string[]): Promise<ExecResult>;
  /**
   * `kubectl exec -it POD -- sh`: an interactive shell in a running container, or undefined when
   * there is none to open (no such Pod, container or shell): `exec` then reports why.
   */
  shell(namespace: string, pod: string, container: string, argv: string[], options: { tty: boolean }): ExecShell | undefined;
  /** Lets containers reach Services (curl, wget): the Service proxy's fetch. */
  setServiceFetch(fetch: ServiceFetch | undefined): void;
  stop(): void;
}

export interface NodeOptions {
  store: ObjectStore;
  registry: Registry;
  clock: SimClock;
  events: EventRecorder;
  /** Requests from inside Pods to a Service name or ClusterIP. */
  fetchService?: ServiceFetch;
  /** The kubelet's jitter source (back-off resyncs, start-up delays); tests may fix it. */
  random?: () => number;
  /**
   * Schedule no more Pods than the Node's allocatable `pods` (the kubelet's maxPods, 110 on minikube):
   * "Too many pods". Off unless set, because the controllers' scale test runs 1,000 Pods on a Node
   * reporting 110; CPU, memory and ephemeral storage are always checked.
   */
  podLimit?: boolean;
  /** Images already on the node when it starts (pulled before a restart: node-restart.ts). */
  presentImages?: string[];
  /** All containers' logs together keep at most this many bytes (container-logs.ts). */
  logBudgetBytes?: number;
}

export function startNode({ store, registry, clock, events, fetchService, random = Math.random, podLimit = false, presentImages = [], logBudgetBytes }: NodeOptions): SimNode {
  const logs = new ContainerLogs(store, clock, { budgetBytes: logBudgetBytes });
  const runner = new TaskRunner(clock);
  const network = new NodeNetwork();
  const puller = new ImagePuller(clock, random);
  for (const image of presentImages) puller.markPresent(image);
  const now = () => simNow(clock);
  const node = () => store.peek(NODES, undefined, NODE_NAME);
  const ctx: KubeletContext = {
    registry,
    clock,
    recorder: events.legacy({ component: 'kubelet', host: NODE_NAME }),
    logs,
    images: new ImageManager(puller, new Backoff(now), now),
    crashBackOff: new Backoff(now),
    ips: new PodIpAllocator(),
    network,
    hostIP: NODE_IP,
    runner,
    random,
    fetchService,
    node,
    runtime: () => (String(node()?.status?.nodeInfo?.containerRuntimeVersion ?? '').startsWith('containerd') ? 'containerd' : 'docker'),
  };
  const scheduler = new Scheduler(registry, NODE_NAME, events.eventsApi('default-scheduler', `default-scheduler-${NODE_NAME}`), runner, podLimit);
  const kubelet = new Kubelet(ctx, NODE_NAME);
  const dispatch = (event: StoreEvent) => {
    scheduler.onEvent(event);
    kubelet.onEvent(event);
  };
  const unsubscribe = store.subscribe(dispatch);
  // Pods stored before the node started: bound ones are adopted, pending ones scheduled.
  for (const pod of store.list(PODS).items) {
    dispatch({ type: 'ADDED', typeKey: typeKey(PODS), object: pod, resourceVersion: Number(pod.metadata.resourceVersion) });
  }
  const failed = (stderr: string): ExecResult => ({ exitCode: 1, stdout: '', stderr: `${stderr}\n` });
  return {
    logSource: logs,
    connect: (podIP, port) => network.connect(podIP, port),
    async exec(namespace, pod, container, argv) {
      const uid = store.peek(PODS, namespace, pod)?.metadata.uid;
      if (!uid) return failed(`Error from server (NotFound): pods "${pod}" not found`);
      const process = kubelet.worker(uid)?.containers.find((c) => c.spec.name === container && c.running)?.process;
      if (!process?.running) return failed(`error: unable to upgrade connection: container not found ("${container}")`);
      const { exitCode, stdout, stderr } = await process.exec(argv);
      return { exitCode, stdout, stderr };
    },
    shell(namespace, pod, container, argv, { tty }) {
      const uid = store.peek(PODS, namespace, pod)?.metadata.uid;
      const process = uid ? kubelet.worker(uid)?.containers.find((c) => c.spec.name === container && c.running)?.process : undefined;
      const attached = process?.attachShell(argv[0] ?? 'sh', { out: () => {}, err: () => {} });
      if (!attached) return undefined;
      const shell = startInteractiveShell({ shell: argv[0] ?? 'sh', image: attached.image, host: attached.host, tty, died: attached.died });
      void shell.exited.then(() => attached.detach());
      return shell;
    },
    setServiceFetch(fetch) {
      ctx.fetchService = fetch;
    },
    stop() {
      unsubscribe();
      runner.stop();
      kubelet.stop();
    },
  };
}
