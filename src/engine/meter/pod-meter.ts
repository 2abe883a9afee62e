/**
 * The meter's in-cluster path: a small BusyBox Pod in the tutorial namespace runs a wget loop
 * against the Service's cluster DNS name (so requests take kube-proxy's path, as a user's would),
 * and the app follows its log through the API. The Pod is labelled as kubedojo's own: lesson
 * checks and the Pods panel leave it out (see isKubedojoOwn), and it is deleted when the meter
 * stops, and at the next start if a crash left one behind.
 */
import { randomBytes } from 'node:crypto';
import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import { followText, listPath, objectPath, requestJson } from '../session/kube-api.js';
import { KUBEDOJO_OWN_LABEL } from '../checks/k8s.js';
import type { MeterVersionSource } from '../checks/schema.js';
import type { MeterClock } from './meter-clock.js';
import type { MeterSource, SampleSink } from './meter-source.js';
import { METER_MARK, PodLogParser } from './pod-log-parser.js';

/** The label every meter Pod carries; checks and panels skip Pods with it. */
export const METER_POD_LABEL = KUBEDOJO_OWN_LABEL;
export const METER_IMAGE = 'busybox:1.37';

export interface PodMeterOptions {
  kubeconfig: KubeConfig;
  namespace: string;
  service: string;
  port: number;
  path: string;
  rate: number;
  clock: MeterClock;
  version?: MeterVersionSource;
  /** Wall ms to wait for the Pod to run; default 120 s (a first pull of busybox). */
  startTimeoutMs?: number;
}

/** BusyBox sh, one request per loop on a new connection (wget never keeps one alive). */
export function meterScript(options: Pick<PodMeterOptions, 'service' | 'port' | 'path' | 'rate' | 'version'>): string {
  const url = `http://${options.service}:${options.port}${options.path}`;
  // HEAD is enough for the Server header; a body marker needs the body.
  const fetch = options.version?.from === 'body' ? `wget -S -q -T 2 -O- ${url}` : `wget -S -q -T 2 --spider ${url}`;
  const pause = Math.max(0.001, 1 / options.rate).toFixed(3);
  return `while true; do echo ${METER_MARK} send; ${fetch} 2>&1 && echo ${METER_MARK} ok || echo ${METER_MARK} fail; sleep ${pause}; done`;
}

export function meterPod(name: string, options: PodMeterOptions): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { [METER_POD_LABEL]: 'true', 'app.kubernetes.io/managed-by': 'kubedojo' } },
    spec: {
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: 'meter',
          image: METER_IMAGE,
          command: ['sh', '-c', meterScript(options)],
          resources: { requests: { cpu: '10m', memory: '8Mi' } },
        },
      ],
    },
  };
}

/** Deletes meter Pods a crashed app left behind (at once: they only send requests). */
export async function removeMeterPods(kubeconfig: KubeConfig, namespace: string): Promise<void> {
  await requestJson(kubeconfig, 'DELETE', `${listPath('Pod', namespace)}?labelSelector=${encodeURIComponent(METER_POD_LABEL)}&gracePeriodSeconds=0`);
}

/** The meter Pod's reads and writes, as raw requests (kube-api.ts says why). */
function podApi(kubeconfig: KubeConfig, namespace: string, name: string) {
  const path = objectPath('Pod', namespace, name);
  return {
    read: async () => (await requestJson(kubeconfig, 'GET', path)) as V1Pod,
    create: async (pod: V1Pod) => void (await requestJson(kubeconfig, 'POST', listPath('Pod', namespace), { body: pod })),
    delete: async () => void (await requestJson(kubeconfig, 'DELETE', `${path}?gracePeriodSeconds=0`)),
  };
}

export function createPodMeter(options: PodMeterOptions): MeterSource {
  const name = `kubedojo-meter-${randomBytes(3).toString('hex')}`;
  let follow: { stop(): void } | undefined;
  let stopped = false;
  let created = false;
  let lastSampleAt = 0;
  const api = podApi(options.kubeconfig, options.namespace, name);
  const waiters = new Set<{ before: number; resolve(): void }>();

  async function waitRunning(): Promise<void> {
    const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
    for (;;) {
      const pod = await api.read();
      const phase = pod.status?.phase;
      if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') return;
      const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff') throw new Error(`the meter Pod cannot pull ${METER_IMAGE} (${waiting})`);
      if (stopped) return;
      if (Date.now() > deadline) throw new Error(`the meter Pod ${name} did not start in time (${phase ?? 'no phase'})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  return {
    describe: `meter Pod ${name} in ${options.namespace} → http://${options.service}:${options.port}${options.path}`,
    async start(sink: SampleSink) {
      await removeMeterPods(options.kubeconfig, options.namespace).catch(() => undefined);
      await api.create(meterPod(name, options));
      created = true;
      // Stopped while the create was on its way (Ctrl+C during start-up): stop() could not delete it.
      if (stopped) return void (await api.delete().catch(() => undefined));
      await waitRunning();
      if (stopped) return;
      const parser = new PodLogParser(options.clock.fromWall, options.version, (sample) => {
        lastSampleAt = sample.at;
        sink(sample);
        for (const waiter of [...waiters]) {
          if (lastSampleAt >= waiter.before) {
            waiters.delete(waiter);
            waiter.resolve();
          }
        }
      });
      const path = `${objectPath('Pod', options.namespace, name)}/log?container=meter&follow=true&timestamps=true`;
      follow = await followText(options.kubeconfig, path, (text) => parser.write(text));
      if (stopped) follow.stop();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      follow?.stop();
      for (const waiter of waiters) waiter.resolve();
      waiters.clear();
      if (created) await api.delete().catch(() => undefined);
    },
    settled(before) {
      // The log arrives in order: once a later request's sample came, every earlier one has.
      if (stopped || lastSampleAt >= before) return Promise.resolve();
      return new Promise((resolve) => waiters.add({ before, resolve }));
    },
  };
}
