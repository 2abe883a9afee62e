/**
 * The preStop hook (kuberuntime_container.go executePreStopHook, pkg/kubelet/lifecycle/handlers.go):
 * an exec command in the container (`sleep 15`, `nginx -s quit`), the native `sleep` action, or an
 * httpGet to the container. The kubelet waits for it at most the grace period, deducts the whole
 * seconds it took from the grace period, and records `FailedPreStopHook` if it failed — the hook's
 * output stays out of the event, as the kubelet keeps it out. A failed hook still leads to the stop
 * signal; an httpGet counts as done on any answer, only a failed connection is a failure.
 */
import type { KubeObject } from '../api/status.js';
import type { SimClock } from '../clock.js';
import type { ContainerProcess } from './container-process.js';
import type { NodeNetwork } from './node-network.js';
import { KUBE_PROBE_AGENT, PROBE_SOURCE_IP } from './prober.js';
import { simNow } from './sim-time.js';

export interface HookTarget {
  podIP: string;
  container: KubeObject;
  process: ContainerProcess;
}

/** Runs the handler; resolves whether it succeeded. */
async function runHandler(handler: KubeObject, target: HookTarget, network: NodeNetwork, clock: SimClock): Promise<boolean> {
  if (handler.exec) return (await target.process.exec(handler.exec.command ?? [])).exitCode === 0;
  if (handler.sleep) {
    await clock.sleep((handler.sleep.seconds ?? 0) * 1000);
    return true;
  }
  if (handler.httpGet) {
    const action = handler.httpGet;
    const named = (target.container.ports ?? []).find((p: KubeObject) => p.name === action.port);
    const port = typeof action.port === 'number' ? action.port : (named?.containerPort ?? Number(action.port));
    const host: string = action.host || target.podIP;
    const server = network.connect(host, port);
    if (!server) return false;
    try {
      await server.handle({ method: 'GET', path: action.path ?? '/', headers: { host: `${host}:${port}`, 'user-agent': KUBE_PROBE_AGENT }, remoteAddress: PROBE_SOURCE_IP });
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Resolves with the whole seconds the hook took (capped at the grace period, when the kubelet stops
 * waiting for it); `failed` runs if the hook finished with an error within the wait.
 */
export function executePreStopHook(handler: KubeObject, target: HookTarget, network: NodeNetwork, clock: SimClock, graceSeconds: number, failed: () => void): Promise<number> {
  const start = simNow(clock);
  return new Promise((resolve) => {
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      cancel();
      resolve(Math.min(graceSeconds, Math.floor((simNow(clock) - start) / 1000)));
    };
    const cancel = clock.after(graceSeconds * 1000, settle);
    runHandler(handler, target, network, clock).then(
      (ok) => {
        if (!ok && !settled) failed();
        settle();
      },
      () => {
        if (!settled) failed();
        settle();
      },
    );
  });
}
