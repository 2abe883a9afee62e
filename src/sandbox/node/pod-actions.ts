/**
 * What one SyncPod pass does to a container, after kuberuntime_manager.go computePodActions and
 * SyncPod: a running container whose liveness or startup probe failed, or whose image changed, is
 * killed (and restarted unless restartPolicy is Never); one that is not running is started — unless
 * restartPolicy says no — after doBackOff (CrashLoopBackOff: 10 s doubling to 5 min, measured from
 * its last exit) and EnsureImageExists. Also killPod: every container stopped in parallel.
 */
import type { KubeObject } from '../api/status.js';
import type { ContainerRuntime } from './container-runtime.js';
import { goDuration } from './images.js';
import type { KubeletContext } from './kubelet-context.js';

export interface PodActionsHost {
  ctx: KubeletContext;
  pod(): KubeObject;
  restartPolicy(): string;
  containerEvent(container: string, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** `fn` on the node's runner, dropped if the Pod's pending work was cancelled meanwhile. */
  continuation(fn: () => void): () => void;
  /** Keeps a cancel function with the Pod's pending work; returns the function that forgets it. */
  track(cancel: () => void): () => void;
  writeStatus(): void;
}

/** `done(false)` when the container is left waiting on an error (the pod worker retries later). */
export function syncContainer(host: PodActionsHost, c: ContainerRuntime, done: (ok: boolean) => void): void {
  if (c.stopping) return done(true);
  // The back-off looks at the last exit known before this sync (the status snapshot SyncPod uses),
  // also when a newer run is the one being killed.
  const lastExit = c.finishedAt;
  const policy = host.restartPolicy();
  if (c.running) {
    const reason = c.livenessFailed ? 'failed liveness probe' : c.startupFailed ? 'failed startup probe' : c.runningImage !== c.spec.image ? 'definition changed' : undefined;
    if (!reason) return done(true);
    const probe = c.livenessFailed ? c.spec.livenessProbe : c.startupFailed ? c.spec.startupProbe : undefined;
    // A probe's own terminationGracePeriodSeconds wins over the Pod's for the kill it causes.
    const grace = probe?.terminationGracePeriodSeconds ?? host.pod().spec?.terminationGracePeriodSeconds ?? 30;
    const restart = policy !== 'Never';
    return c.kill(`Container ${c.spec.name} ${reason}${restart ? ', will be restarted' : ''}`, grace, () => (restart ? startContainer(host, c, lastExit, done) : done(true)));
  }
  const exitCode = c.status.state.kind === 'terminated' ? c.status.state.exitCode : undefined;
  if (c.exited && (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0))) return done(true);
  startContainer(host, c, lastExit, done);
}

/** doBackOff, EnsureImageExists, then start. */
function startContainer(host: PodActionsHost, c: ContainerRuntime, lastExit: number | undefined, done: (ok: boolean) => void): void {
  const { ctx } = host;
  const { uid, name, namespace } = host.pod().metadata;
  // getStableKey: the container's spec is part of the key, so a new image starts without back-off.
  const key = `${uid}_${c.spec.name}_${c.spec.image}`;
  const keepLastState = () => {
    if (c.status.state.kind === 'terminated') c.status.lastTerminated = { ...c.status.state };
  };
  if (lastExit !== undefined) {
    if (ctx.crashBackOff.isInBackOffSince(key, lastExit)) {
      const pod = `${name}_${namespace}(${uid})`;
      host.containerEvent(c.spec.name, 'Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${pod}`);
      keepLastState();
      c.setWaiting('CrashLoopBackOff', `back-off ${goDuration(ctx.crashBackOff.get(key))} restarting failed container=${c.spec.name} pod=${pod}`);
      return done(false);
    }
    ctx.crashBackOff.next(key, lastExit);
  }
  const event = (type: 'Normal' | 'Warning', reason: string, message: string) => host.containerEvent(c.spec.name, type, reason, message);
  c.status.image = c.spec.image;
  let forget = () => {};
  const cancel = ctx.images.ensure(uid, c.spec, ctx.runtime(), event, (result) =>
    host.continuation(() => {
      forget();
      if (!result.ok) {
        // kuberuntime startContainer: the pull's failure is also the container's.
        event('Warning', 'Failed', `Error: ${result.reason}`);
        keepLastState();
        c.setWaiting(result.reason, result.message);
        host.writeStatus();
        return done(false);
      }
      c.start(done);
    })(),
  );
  forget = host.track(cancel);
}

/** killPod: every container in parallel, each with the grace period; `done` when all are stopped. */
export function killPod(containers: ContainerRuntime[], graceSeconds: number, done: () => void): void {
  let pending = containers.length + 1;
  const finished = () => {
    if (--pending === 0) done();
  };
  for (const c of containers) c.kill(`Stopping container ${c.spec.name}`, graceSeconds, finished);
  finished();
}
