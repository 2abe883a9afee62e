/**
 * Helpers for session tests: a session on the real course with a temp progress file, the real
 * kubectl with its own HOME and KUBECACHEDIR (as test/support/kubectl.ts does), and waiting for
 * snapshots instead of sleeping.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { createExecaRunner } from '../../../src/engine/commands/execa-runner.js';
import type { CommandRunner } from '../../../src/engine/commands/command-runner.js';
import { loadCourse, type Course } from '../../../src/engine/lessons/index.js';
import { createProgressStore, type ProgressStore } from '../../../src/engine/progress/index.js';
import { createTutorialSession, type TutorialSession, type TutorialSessionOptions, type TutorialSnapshot } from '../../../src/engine/session/index.js';
import { KUBECTL, type KubectlResult } from '../../support/kubectl.js';

const { course: realCourse } = await loadCourse('lessons');
export const COURSE: Course = realCourse;

/** A fresh HOME and KUBECACHEDIR for every kubectl of this test file. */
export function kubectlHome(): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-session-home-'));
  return { HOME: home, KUBECACHEDIR: join(home, 'kubecache'), PATH: process.env.PATH ?? '/usr/bin:/bin' };
}

/** The execa runner, with `kubectl` resolved to the kubectl the tests use. */
export function testRunner(): CommandRunner {
  const runner = createExecaRunner({ graceMs: 1000 });
  const resolve = (argv: readonly string[]) => (argv[0] === 'kubectl' ? [KUBECTL, ...argv.slice(1)] : [...argv]);
  return {
    run: (argv, options) => runner.run(resolve(argv), options),
    runInteractive: (argv, env) => runner.runInteractive(resolve(argv), env),
    stopAll: () => runner.stopAll(),
  };
}

export function tempProgress(): ProgressStore {
  return createProgressStore({ path: join(mkdtempSync(join(tmpdir(), 'kubedojo-progress-')), 'progress.json') });
}

export interface TestSession {
  session: TutorialSession;
  store: ProgressStore;
  env: Record<string, string>;
  /** kubectl in "another terminal": the session's pinned kubeconfig, its own process. */
  kubectl(args: string[]): Promise<KubectlResult>;
}

export function makeSession(env: Record<string, string>, options: Partial<TutorialSessionOptions> = {}): TestSession {
  const store = options.progressStore ?? tempProgress();
  const session = createTutorialSession({ course: COURSE, progressStore: store, runner: testRunner(), commandEnv: env, ...options });
  return {
    session,
    store,
    env,
    async kubectl(args) {
      const kubeconfig = session.kubeconfigPath;
      if (kubeconfig === undefined) throw new Error('not connected');
      const result = await execa(KUBECTL, args, { env: { ...env, KUBECONFIG: kubeconfig }, extendEnv: false, reject: false, timeout: 30_000 });
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1 };
    },
  };
}

/** Resolves with the first snapshot (the current one included) that satisfies `predicate`. */
export function waitForSnapshot(
  session: TutorialSession,
  predicate: (snapshot: TutorialSnapshot) => boolean,
  what = 'snapshot',
  timeoutMs = 20_000,
): Promise<TutorialSnapshot> {
  return new Promise((resolve, reject) => {
    let last = session.snapshot();
    if (predicate(last)) return resolve(last);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last snapshot: ${JSON.stringify(summary(last))}`));
    }, timeoutMs);
    const unsubscribe = session.subscribe((snapshot) => {
      last = snapshot;
      if (!predicate(snapshot)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
    });
  });
}

function summary(snapshot: TutorialSnapshot) {
  return {
    step: snapshot.step && `${snapshot.step.lessonId}/${snapshot.step.id}`,
    passed: snapshot.passed,
    checks: snapshot.checks.map((check) => `${check.ok ? 'ok' : 'no'}: ${check.message}`),
    pods: snapshot.pods.map((pod) => `${pod.name} ${pod.ready} ${pod.status}`),
    connection: snapshot.cluster.connection,
    busy: snapshot.busy,
    notices: snapshot.notices.map((notice) => notice.text),
  };
}

export const stepOf = (snapshot: TutorialSnapshot): string | undefined => snapshot.step && `${snapshot.step.lessonId}/${snapshot.step.id}`;
