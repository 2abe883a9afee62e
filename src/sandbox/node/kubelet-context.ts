/** What the kubelet's parts share: the API, the clock, the node's stores, network and recorder. */
import type { KubeObject } from '../api/status.js';
import type { SimClock } from '../clock.js';
import type { Recorder } from '../controllers/events/event-recorder.js';
import type { Registry } from '../registry/registry.js';
import type { Backoff } from './backoff.js';
import type { ContainerLogs } from './container-logs.js';
import type { ServiceFetch } from './container-process.js';
import type { ImageManager } from './image-manager.js';
import type { Runtime } from './images.js';
import type { PodIpAllocator } from './ip-allocator.js';
import type { NodeNetwork } from './node-network.js';
import type { TaskRunner } from './task-runner.js';

export interface KubeletContext {
  registry: Registry;
  clock: SimClock;
  recorder: Recorder;
  logs: ContainerLogs;
  images: ImageManager;
  /** The container restart back-off (kuberuntime's backOff), keyed per Pod, container and image. */
  crashBackOff: Backoff;
  ips: PodIpAllocator;
  network: NodeNetwork;
  hostIP: string;
  /** Where timers' work runs, within the sandbox's per-turn budget. */
  runner: TaskRunner;
  /** Jitter source; tests may make it fixed. */
  random: () => number;
  fetchService?: ServiceFetch;
  /** The Node as stored: its runtime, kernel and CPUs shape what containers report. */
  node(): KubeObject | undefined;
  runtime(): Runtime;
}
