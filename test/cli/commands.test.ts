/**
 * `list`, `check`, `env`, `reset`, `doctor` and `rehearse` as processes, on the sandbox, with a
 * temp progress file (XDG_CONFIG_HOME) and a temp running-app record (XDG_CACHE_HOME).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRunningApp, withdrawRunningApp } from '../../src/app/index.js';
import { writePinnedKubeconfig } from '../../src/engine/cluster/index.js';
import { loadCourse } from '../../src/engine/lessons/index.js';
import { emptyProgress, type Progress } from '../../src/engine/progress/index.js';
import { KUBECTL, startTestCluster, type TestCluster } from '../support/kubectl.js';
import { cliHome, kubedojo, writeProgress, type CliHome } from './support/cli.js';

const ESC = '\u001b[';

function progressAt(lessonId: string, stepId: string | null, done: Record<string, string[]> = {}): Progress {
  const lessons = Object.fromEntries(Object.entries(done).map(([id, doneSteps]) => [id, { doneSteps, hintsRevealed: {}, remembered: {} }]));
  return { ...emptyProgress(), current: { lessonId, stepId }, lessons };
}

/** Steps in the whole course, which grows chapter by chapter. */
const COURSE_STEPS = (await loadCourse('lessons')).course.lessons.reduce((total, lesson) => total + lesson.steps.length, 0);

const LESSON_ONE = ['start', 'nodes', 'all-pods', 'services', 'scheduler-quiz', 'service-quiz'];

describe('kubedojo list', () => {
  it('shows every lesson open with no progress yet, the first one current', async () => {
    const { stdout, exitCode } = await kubedojo(cliHome(), ['list']);
    expect(exitCode).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^\s+#\s+LESSON\s+TITLE\s+STATUS\s+STEPS$/);
    expect(lines[1]).toMatch(/^>\s+1\s+your-cluster\s+Your cluster\s+open\s+0\/6$/);
    expect(lines[2]).toMatch(/^\s+2\s+first-deployment\s+Your first Deployment\s+open\s+0\/5$/);
    expect(stdout).toContain(`0/${COURSE_STEPS} steps done (0%)`);
    expect(stdout).not.toContain(ESC);
  });

  it('shows done lessons, steps done and the current lesson from the progress file', async () => {
    const home = cliHome();
    writeProgress(home, progressAt('first-deployment', 'get-deployment', { 'your-cluster': LESSON_ONE, 'first-deployment': ['create'] }));
    const { stdout, exitCode } = await kubedojo(home, ['list']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^\s+1\s+your-cluster\s+Your cluster\s+done\s+6\/6$/m);
    expect(stdout).toMatch(/^>\s+2\s+first-deployment\s+Your first Deployment\s+open\s+1\/5$/m);
    expect(stdout).toContain(`7/${COURSE_STEPS} steps done (${Math.round((7 / COURSE_STEPS) * 100)}%). Progress is saved in ${home.progressPath}`);

    const json = JSON.parse((await kubedojo(home, ['list', '-o', 'json'])).stdout);
    expect(json.progressFile).toBe(home.progressPath);
    expect(json.lessons[1]).toEqual({ number: 2, id: 'first-deployment', title: 'Your first Deployment', status: 'open', stepsDone: 1, stepsTotal: 5, current: true });
  });
});

describe('kubedojo check --sandbox', () => {
  it('evaluates the current step on a fresh sandbox: not passed, exit 1, each check with its message', async () => {
    const { stdout, stderr, exitCode } = await kubedojo(cliHome(), ['check', '--sandbox', '--speed', '50']);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('Your cluster › step 1/6: Start the cluster  (kubedojo-sandbox)');
    expect(stdout).toContain('✖ ran minikube start or kubectl cluster-info — no command run yet, want minikube start or kubectl cluster-info');
    expect(stdout).toContain('Not yet: 1 of 1 checks failing.');
    expect(stdout).toContain('count only inside the app');
    expect(stderr).toContain('Using the built-in sandbox cluster (--sandbox).');
  });

  it('fails a cluster step on an empty sandbox', async () => {
    const home = cliHome();
    writeProgress(home, progressAt('first-deployment', 'create', { 'your-cluster': LESSON_ONE }));
    const { stdout, exitCode } = await kubedojo(home, ['check', '--sandbox', '--speed', '50']);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('Your first Deployment › step 1/5: Create the Deployment');
    expect(stdout).toContain('✖ deployment/nginx-depl exists — deployment nginx-depl: not found, want it to exist');
    expect(stdout).toContain('Not yet: 3 of 3 checks failing.');
  });
});

describe('with a running app (its sandbox, its record)', () => {
  let cluster: TestCluster;
  let home: CliHome;
  let kubeconfig: string;
  const cacheBefore = process.env.XDG_CACHE_HOME;

  beforeAll(async () => {
    // Given an app's sandbox where the learner created nginx-depl, and the app's record
    cluster = await startTestCluster({ speed: 50 });
    home = cliHome({ KUBECONFIG: join(tmpdir(), 'kubedojo-no-such-kubeconfig') });
    const source = new KubeConfig();
    source.loadFromFile(cluster.sandbox.kubeconfigPath);
    const pinned = await writePinnedKubeconfig(source, source.getCurrentContext(), 'kubedojo', mkdtempSync(join(tmpdir(), 'kubedojo-run-')));
    await cluster.kubectl(['create', 'namespace', 'kubedojo']);
    expect((await cluster.kubectl(['-n', 'kubedojo', 'create', 'deployment', 'nginx-depl', '--image=nginx'])).exitCode).toBe(0);
    expect((await cluster.kubectl(['-n', 'kubedojo', 'rollout', 'status', 'deployment/nginx-depl', '--timeout=60s'])).exitCode).toBe(0);
    writeProgress(home, progressAt('first-deployment', 'create', { 'your-cluster': LESSON_ONE }));
    process.env.XDG_CACHE_HOME = home.cacheDir;
    ({ kubeconfig } = await publishRunningApp(pinned, {
      context: source.getCurrentContext(),
      sandbox: true,
      remote: false,
      namespace: 'kubedojo',
      startedAt: new Date().toISOString(),
    }));
  }, 120_000);

  afterAll(async () => {
    await withdrawRunningApp();
    if (cacheBefore === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = cacheBefore;
    await cluster?.stop();
  });

  it('kubedojo env prints the export line, and kubectl with it lands in the app cluster and namespace', async () => {
    const { stdout, exitCode } = await kubedojo(home, ['env']);
    expect(exitCode).toBe(0);
    const [exportLine, ...comments] = stdout.split('\n');
    expect(exportLine).toBe(`export KUBECONFIG=${kubeconfig}`);
    expect(comments.join('\n')).toContain(`the sandbox at ${cluster.sandbox.server}`);
    expect(comments.join('\n')).toContain('eval "$(kubedojo env)"');
    // The hint for when the app has quit (kubectl would otherwise try localhost:8080 without a word)
    expect(comments.join('\n')).toContain('When kubedojo quits, kubectl here says context "kubedojo-is-not-running--start-kubedojo-again" was not found');

    const kubectl = await execa(KUBECTL, ['get', 'deployments', '-o', 'name'], { env: { ...home.env, KUBECONFIG: kubeconfig }, extendEnv: false, reject: false });
    expect(kubectl.stdout).toBe('deployment.apps/nginx-depl');

    const fish = await kubedojo(home, ['env', '--shell', 'fish']);
    expect(fish.stdout.split('\n')[0]).toBe(`set -gx KUBECONFIG ${kubeconfig}`);
  });

  it('kubedojo check uses the app cluster: the step passes, exit 0', async () => {
    const { stdout, exitCode } = await kubedojo(home, ['check']);
    expect(stdout).toContain("Your first Deployment › step 1/5: Create the Deployment  (kubedojo-sandbox, the running app's cluster)");
    expect(stdout).toContain('✔ deployment/nginx-depl exists');
    expect(stdout).toContain('✔ 1 Pod of nginx-depl ready');
    expect(stdout).toContain('Step passed.');
    expect(exitCode).toBe(0);
    // A passing step is recorded as done.
    const saved = JSON.parse(readFileSync(home.progressPath, 'utf8')) as Progress;
    expect(saved.lessons['first-deployment']?.doneSteps).toEqual(['create']);
  });

  it('kubedojo reset refuses while the app runs: its r key does it', async () => {
    const { stderr, exitCode } = await kubedojo(home, ['reset', '--yes']);
    expect(exitCode).toBe(1);
    expect(stderr.trim()).toBe(`kubedojo reset: kubedojo is running (pid ${process.pid}): press r there to reset “Your first Deployment”`);
  });
});

describe('kubedojo env without an app', () => {
  it('says kubedojo is not running, exit 1', async () => {
    const { stderr, exitCode } = await kubedojo(cliHome(), ['env']);
    expect(exitCode).toBe(1);
    expect(stderr.trim()).toBe('kubedojo env: kubedojo is not running; start it with `kubedojo` (or run the sandbox alone with `kubedojo sandbox`)');
  });
});

describe('kubedojo reset --sandbox', () => {
  it('builds the lesson start state and clears its progress, keeping the other lessons', async () => {
    const home = cliHome();
    writeProgress(home, progressAt('first-deployment', 'get-deployment', { 'your-cluster': LESSON_ONE, 'first-deployment': ['create'] }));
    const { stdout, stderr, exitCode } = await kubedojo(home, ['reset', 'first-deployment', '--yes', '--sandbox', '--speed', '50']);
    expect(stderr).toContain('Using the built-in sandbox cluster (--sandbox).');
    expect(stdout).toContain('✔ “Your first Deployment” is back at its start state on kubedojo-sandbox; its progress is cleared.');
    expect(exitCode).toBe(0);
    const saved = JSON.parse(readFileSync(home.progressPath, 'utf8')) as Progress;
    expect(saved.lessons['first-deployment']).toBeUndefined();
    expect(saved.lessons['your-cluster']?.doneSteps).toEqual(LESSON_ONE);
    expect(saved.current).toEqual({ lessonId: 'first-deployment', stepId: 'create' });
  });

  it('asks first, and a "no" changes nothing', async () => {
    const home = cliHome();
    writeProgress(home, progressAt('first-deployment', 'create', { 'first-deployment': ['create'] }));
    // Not a terminal: without --yes it refuses (see help-and-flags.test.ts); `script` gives it one.
    const answer = await execa('script', ['-qec', `${process.execPath} --import tsx src/cli/main.ts reset 2`, '/dev/null'], {
      cwd: join(import.meta.dirname, '../..'),
      env: home.env,
      extendEnv: false,
      input: 'n\n',
      reject: false,
      timeout: 30_000,
    });
    expect(answer.stdout).toContain('Reset lesson 2 “Your first Deployment”? This deletes everything in the namespace kubedojo');
    expect(answer.stdout).toContain('Nothing was changed.');
    expect(answer.exitCode).toBe(1);
    expect(existsSync(home.progressPath) && JSON.parse(readFileSync(home.progressPath, 'utf8')).lessons['first-deployment'].doneSteps).toEqual(['create']);
  });
});

describe('kubedojo doctor', () => {
  it('prints the report without colours under NO_COLOR, and exits 1 exactly when a check failed', async () => {
    const { stdout, exitCode } = await kubedojo(cliHome(), ['doctor']);
    expect(stdout).toContain('kubedojo doctor');
    expect(stdout).not.toContain(ESC);
    expect(exitCode).toBe(/✖/.test(stdout) ? 1 : 0);
  });
});

describe('kubedojo rehearse (on the sandbox)', () => {
  it('rehearses a course: each step, then the summary; exit 0', async () => {
    const { stdout, exitCode } = await kubedojo(cliHome(), ['rehearse', '--lessons', 'test/engine/lessons/fixtures/course-ok/lessons', '--speed', '50', '--timeout', '30s']);
    expect(stdout).toContain('Rehearsing test/engine/lessons/fixtures/course-ok/lessons on the sandbox (speed ×50), namespace kubedojo.');
    expect(stdout).toMatch(/^  ✔ \S+ /m);
    expect(stdout).toMatch(/Rehearsal passed — 2 lessons, 3 steps: 3 passed, 0 failed, 0 skipped in [\d.]+ s\./);
    expect(exitCode).toBe(0);
  });

  it('reports failing steps with their checks; exit 1', async () => {
    const { stdout, exitCode } = await kubedojo(cliHome(), ['rehearse', '--lessons', 'test/engine/rehearse/fixtures/broken-course/lessons', '--speed', '50', '--timeout', '3s']);
    expect(stdout).toContain('✖ node  before: its checks already pass before the solution');
    expect(stdout).toContain('○ ');
    expect(stdout).toMatch(/Rehearsal FAILED — 3 lessons, 4 steps: 1 passed, 2 failed, 1 skipped in [\d.]+ s\./);
    expect(exitCode).toBe(1);
  });
});
