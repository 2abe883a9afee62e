/**
 * A TutorialSession on the real course, against the real sandbox (speed 50) and the real
 * kubectl: it connects, follows the cluster through informers (also when a separate kubectl
 * process changes it), runs and refuses commands, and keeps progress.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_MINIKUBE_REASON, type TutorialSession } from '../../../src/engine/session/index.js';
import { probeCluster } from '../../../src/engine/cluster/index.js';
import type { OutputLine } from '../../../src/engine/commands/index.js';
import { kubectlHome, makeSession, stepOf, waitForSnapshot, type TestSession } from './support.js';

const env = kubectlHome();
const open: TutorialSession[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((session) => session.close()));
});

/** A kubeconfig for `server` (insecure: only to ask whether anything still listens there). */
function kubeconfigAt(server: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kubedojo-gone-')), 'kubeconfig');
  writeFileSync(
    path,
    `apiVersion: v1\nkind: Config\nclusters: [{name: s, cluster: {server: '${server}', insecure-skip-tls-verify: true}}]\n` +
      `users: [{name: u, user: {token: t}}]\ncontexts: [{name: s, context: {cluster: s, user: u}}]\ncurrent-context: s\n`,
  );
  return path;
}

async function connected(options: Parameters<typeof makeSession>[1] = {}): Promise<TestSession> {
  const test = makeSession(env, options);
  open.push(test.session);
  await test.session.connect({ flags: { sandbox: true, speed: 50 } });
  await waitForSnapshot(test.session, (s) => s.cluster.connection.state === 'connected' && s.step !== undefined, 'connected');
  return test;
}

describe('TutorialSession on the sandbox', () => {
  it('connects to the built-in sandbox with --sandbox, through a pinned kubeconfig in its namespace', async () => {
    const { session, kubectl } = await connected();
    const snapshot = session.snapshot();
    expect(snapshot.cluster).toMatchObject({ context: 'kubedojo-sandbox', sandbox: true, namespace: 'kubedojo' });
    expect(snapshot.notices.map((notice) => notice.text)).toContain('Using the built-in sandbox cluster (--sandbox).');
    expect(stepOf(snapshot)).toBe('your-cluster/start');
    const path = session.kubeconfigPath!;
    expect(await readFile(path, 'utf8')).toContain('namespace: kubedojo');
    // The namespace exists, and the pinned kubeconfig puts kubectl in it.
    expect((await kubectl(['get', 'namespace', 'kubedojo', '-o', 'name'])).stdout).toBe('namespace/kubedojo');
    expect((await kubectl(['config', 'view', '--minify', '-o', 'jsonpath={.contexts[0].context.namespace}'])).stdout).toBe('kubedojo');

    await session.close();
    expect(existsSync(path)).toBe(false);
    expect(session.snapshot().cluster.connection.state).toBe('disconnected');
  });

  it('passes a `ran` step through run(), streaming the output', async () => {
    const { session } = await connected();
    const lines: OutputLine[] = [];
    session.onOutput((line) => lines.push(line));
    expect(session.snapshot().passed).toBe(false);
    expect(session.snapshot().checks).toEqual([
      { kind: 'ran', label: 'ran minikube start or kubectl cluster-info', ok: false, message: 'no command run yet, want minikube start or kubectl cluster-info' },
    ]);

    const outcome = await session.run('kubectl cluster-info');
    expect(outcome).toMatchObject({ kind: 'ran', argv: ['kubectl', 'cluster-info'], exitCode: 0 });
    expect(lines.map((line) => line.text).join('\n')).toContain('Kubernetes control plane is running at https://127.0.0.1:');
    const passed = await waitForSnapshot(session, (s) => s.passed, 'the ran check');
    expect(passed.step).toMatchObject({ id: 'start', done: true });
    expect(passed.lastCommand).toEqual({ argv: ['kubectl', 'cluster-info'], exitCode: 0 });

    expect(await session.nextStep()).toBe(true);
    const next = session.snapshot();
    expect(stepOf(next)).toBe('your-cluster/nodes');
    // `ran` reads only commands of the current step.
    expect(next.lastCommand).toBeUndefined();
    expect(next.passed).toBe(false);
    expect(await session.nextStep()).toBe(false);
  });

  it('turns a refused command into a message, and never runs minikube on the sandbox', async () => {
    const { session } = await connected();
    const lines: OutputLine[] = [];
    session.onOutput((line) => lines.push(line));

    expect(await session.run('ls -la')).toMatchObject({ kind: 'refused', reason: '`ls` is not a kubectl or minikube command: run it in your own terminal.' });
    expect(await session.run('kubectl get pods | grep web')).toMatchObject({ kind: 'refused' });
    expect(await session.run('minikube start')).toEqual({ kind: 'refused', reason: SANDBOX_MINIKUBE_REASON });
    expect(await session.run('kubectl edit deployment web')).toMatchObject({ kind: 'refused', reason: expect.stringContaining('needs a terminal of its own') });
    expect(lines).toEqual([
      { stream: 'stderr', text: 'kubedojo: `ls` is not a kubectl or minikube command: run it in your own terminal.' },
      { stream: 'stderr', text: expect.stringMatching(/^kubedojo: `\|` is shell syntax/) },
      { stream: 'stderr', text: `kubedojo: ${SANDBOX_MINIKUBE_REASON}` },
      { stream: 'stderr', text: expect.stringContaining('needs a terminal of its own') },
    ]);
    const snapshot = session.snapshot();
    expect(snapshot.lastCommand).toBeUndefined();
    expect(snapshot.passed).toBe(false);
    expect(snapshot.cluster.connection.state).toBe('connected');
  });

  it('hands interactive commands to the injected terminal runner', async () => {
    const calls: { argv: readonly string[]; kubeconfig: string | undefined }[] = [];
    const { session } = await connected({
      runInteractive: async (argv, commandEnv) => {
        calls.push({ argv, kubeconfig: commandEnv.KUBECONFIG });
        return { exitCode: 0, signal: undefined, aborted: false, startError: undefined };
      },
    });
    expect(await session.run('kubectl edit deployment nginx-depl')).toMatchObject({ kind: 'ran', mode: 'interactive', exitCode: 0 });
    expect(calls).toEqual([{ argv: ['kubectl', 'edit', 'deployment', 'nginx-depl'], kubeconfig: session.kubeconfigPath }]);
  });

  it('stop() ends only the running command', async () => {
    const { session } = await connected();
    const running = session.run('kubectl get pods -w');
    await waitForSnapshot(session, (s) => s.running?.mode === 'streaming', 'the watch to run');
    session.stop();
    const outcome = await running;
    expect(outcome).toMatchObject({ kind: 'ran', aborted: true });
    expect(session.snapshot().running).toBeUndefined();
    expect(session.snapshot().cluster.connection.state).toBe('connected');
    expect(await session.run('kubectl get pods')).toMatchObject({ kind: 'ran', exitCode: 0 });
  });

  it('close() stops the running child, the informers and its sandbox, saves progress, and is idempotent', async () => {
    const { session, store } = await connected();
    const server = /server: (\S+)/.exec(await readFile(session.kubeconfigPath!, 'utf8'))![1]!;
    expect((await probeCluster(session.kubeconfigPath!)).reachable).toBe(true);
    const watching = session.run('kubectl get pods -w');
    await waitForSnapshot(session, (s) => s.running !== undefined, 'the watch to run');

    await Promise.all([session.close(), session.close()]);
    expect(await watching).toMatchObject({ kind: 'ran', aborted: true });
    await session.close();
    // The sandbox is gone: nothing answers at its address any more.
    const gone = kubeconfigAt(server);
    expect(await probeCluster(gone, 1000)).toMatchObject({ reachable: false, reason: expect.stringContaining('nothing is listening') });
    expect(JSON.parse(await readFile(store.path, 'utf8')).current).toEqual({ lessonId: 'your-cluster', stepId: 'start' });
  });

  it('answers a quiz: a wrong choice never names the answer, the right one passes with its explanation', async () => {
    const { session } = await connected();
    for (const text of ['kubectl cluster-info', 'kubectl get nodes', 'kubectl get pods -A', 'kubectl get services']) {
      await session.run(text);
      await waitForSnapshot(session, (s) => s.passed, text);
      expect(await session.nextStep()).toBe(true);
    }
    expect(stepOf(session.snapshot())).toBe('your-cluster/scheduler-quiz');
    session.answerQuiz(0);
    let snapshot = await waitForSnapshot(session, (s) => s.step?.quiz?.answer !== undefined, 'the answer');
    // The lesson's reason for that choice, never the right answer; the learner may choose again.
    expect(snapshot.step!.quiz!.answer).toEqual({ choice: 0, correct: false, reason: expect.stringContaining('starts the containers of Pods already assigned') });
    expect(snapshot.step!.quiz!.answer!.reason).not.toContain('scheduler');
    expect(snapshot.checks[0]!.message).toBe('quiz: "the kubelet" is not it, try again');
    expect(snapshot.passed).toBe(false);
    session.answerQuiz(1);
    snapshot = await waitForSnapshot(session, (s) => s.passed, 'the right answer');
    expect(snapshot.step!.quiz!.answer).toMatchObject({ choice: 1, correct: true, explain: expect.stringContaining('The scheduler assigns') });
    // A passed quiz keeps its right answer: another pick changes nothing (checks frozen on pass).
    session.answerQuiz(0);
    expect(session.snapshot().step!.quiz!.answer).toMatchObject({ choice: 1, correct: true });
    expect(session.snapshot().checks.every((check) => check.ok)).toBe(true);
  });
});
