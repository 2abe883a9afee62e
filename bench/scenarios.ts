/**
 * Figures of the lesson scenarios (issue 4):
 *  - the seed scenario test (readiness probe, maxUnavailable 0 / maxSurge 1, ≥ 300 requests, zero
 *    failures) run by vitest as a developer runs it, wall time from spawn to exit;
 *  - a 20-replica rolling update with a readiness probe at speed 1, against the time its settings
 *    imply, printed with the formula.
 */
import { spawn } from 'node:child_process';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { typeOfKind } from '../src/sandbox/api/resources.js';
import { findImage } from '../src/sandbox/node/image-catalog.js';
import { report } from './stats.js';

const DEPLOYMENTS = typeOfKind('apps', 'Deployment');
const SEED_TEST = 'test/sandbox/scenarios/readiness-rollout.test.ts';

/** `npx vitest run` of the seed test's zero-downtime case; wall time from spawn to exit. */
async function seedScenarioWallTime(): Promise<void> {
  const started = performance.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn('npx', ['vitest', 'run', SEED_TEST, '-t', 'zero of at least 300'], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (c) => resolve(c ?? -1));
  });
  const seconds = (performance.now() - started) / 1000;
  report('seed scenario test (probe + maxSurge 1 / maxUnavailable 0), wall', `${seconds.toFixed(1)} s`, '≤ 15 s', code === 0 && seconds <= 15);
  if (code !== 0) report('  (the test itself failed: exit code)', String(code), '0', false);
}

const REPLICAS = 20;
const FROM = 'nginx:1.25';
const TO = 'nginx:1.26';
/** nginx listens at once (no warm-up), so the first probe after the initial delay succeeds. */
/** The node's start-up latencies (simulated seconds): pod sandbox, container create, container start. */
const SANDBOX_S = 0.4;
const CREATE_S = 0.1;
const START_S = 0.4;
const PROBE = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 2, periodSeconds: 1, successThreshold: 1 };

function settled(sandbox: Sandbox, image: string): boolean {
  const d = sandbox.store.peek(DEPLOYMENTS, 'default', 'roll');
  const s = d?.status ?? {};
  return (
    d?.spec.template.spec.containers[0].image === image &&
    s.observedGeneration === d?.metadata.generation &&
    s.updatedReplicas === REPLICAS &&
    s.availableReplicas === REPLICAS &&
    s.readyReplicas === REPLICAS &&
    s.replicas === REPLICAS
  );
}

function until(sandbox: Sandbox, done: () => boolean, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`${what}: timed out`)), timeoutMs);
    const check = () => {
      if (!done()) return;
      clearTimeout(timeout);
      unsubscribe();
      resolve();
    };
    const unsubscribe = sandbox.store.subscribe(check);
    check();
  });
}

/** 20 replicas rolled one at a time (maxSurge 1, maxUnavailable 0), each gated by its readiness probe. */
async function twentyReplicaRollout(): Promise<void> {
  const pullSeconds = findImage(TO)!.pullSeconds;
  // One new Pod at a time: the next is created only when the previous one is Ready. The kubelet's
  // probe worker starts with the Pod and ticks every periodSeconds from then; a probe runs once the
  // container has been running initialDelaySeconds (whole seconds), and nginx answers at once. So a
  // Pod is Ready at the first tick after startup + initialDelaySeconds: ceil((startup + delay) /
  // period) × period. Startup: pod sandbox 0.4 s + create 0.1 s + start 0.4 s (pod-worker.ts,
  // container-runtime.ts); the new image is pulled once (IfNotPresent), by the first new Pod.
  const startup = SANDBOX_S + CREATE_S + START_S;
  const perPod = (extra: number) => Math.ceil((startup + extra + PROBE.initialDelaySeconds) / PROBE.periodSeconds) * PROBE.periodSeconds;
  const implied = perPod(pullSeconds) + (REPLICAS - 1) * perPod(0);
  const formula =
    `ceil((startup ${startup.toFixed(1)} + pull ${pullSeconds} + delay ${PROBE.initialDelaySeconds}) / period ${PROBE.periodSeconds}) × ${PROBE.periodSeconds}` +
    ` + ${REPLICAS - 1} × ceil((startup ${startup.toFixed(1)} + delay ${PROBE.initialDelaySeconds}) / period ${PROBE.periodSeconds}) × ${PROBE.periodSeconds}` +
    ` = ${perPod(pullSeconds)} + ${REPLICAS - 1} × ${perPod(0)} s`;
  const sandbox = await startSandbox({ speed: 1 });
  try {
    sandbox.registry.create(DEPLOYMENTS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'roll' },
      spec: {
        replicas: REPLICAS,
        selector: { matchLabels: { app: 'roll' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: { metadata: { labels: { app: 'roll' } }, spec: { containers: [{ name: 'nginx', image: FROM, ports: [{ containerPort: 80 }], readinessProbe: PROBE }] } },
      },
    });
    await until(sandbox, () => settled(sandbox, FROM), 'initial 20 replicas', 180_000);
    const started = performance.now();
    sandbox.registry.patch(DEPLOYMENTS, 'default', 'roll', 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'nginx', image: TO }] } } } });
    await until(sandbox, () => settled(sandbox, TO), `rollout to ${TO}`, implied * 3 * 1000);
    const measured = (performance.now() - started) / 1000;
    const off = (measured - implied) / implied;
    report(`${REPLICAS}-replica rollout, probe, speed 1: implied`, `${implied.toFixed(1)} s`, '-', true);
    console.log(`    implied = ${formula} (latencies ×0.8–1.2 at random)`);
    report(`  measured (patch → ${REPLICAS}/${REPLICAS} updated, ready, available)`, `${measured.toFixed(1)} s (${off >= 0 ? '+' : ''}${(off * 100).toFixed(1)}%)`, 'within 10%', Math.abs(off) <= 0.1);
  } finally {
    await sandbox.stop();
  }
}

/** The figures of the lesson scenarios of issue 4, in the order printed. */
export const scenarioFigures: [string, () => Promise<void>][] = [
  ['sandbox: seed scenario test', seedScenarioWallTime],
  ['sandbox: 20-replica rollout at speed 1', twentyReplicaRollout],
];
