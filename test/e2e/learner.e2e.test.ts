/**
 * The learner's experience in a real terminal (issue #8): the BUILT app in tmux, on the sandbox.
 * Each test writes the progress a learner would have, starts the app there, and reads the screen
 * as the learner would: the lesson intro and summary, a wrong quiz answer that explains itself,
 * skipping a step, a passed step that stays passed, a remembered Pod from another cluster, and
 * text that wraps instead of being cut at 80 columns.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/support/cli.js';
import { NODE, useBuiltApp, runAtPrompt as run, closeCard } from './support/built-app.js';
import { writeEditor, type Pane } from './support/tmux.js';


const app = useBuiltApp();

type Lessons = Record<string, { doneSteps: string[]; hintsRevealed?: Record<string, number>; remembered?: Record<string, string>; rememberedOn?: string }>;

const LESSON_ONE = ['start', 'nodes', 'all-pods', 'services', 'scheduler-quiz', 'service-quiz'];
const LESSON_TWO = ['create', 'get-deployment', 'get-replicaset', 'get-pod', 'chain-quiz'];
const LESSON_THREE = ['pin-image', 'two-replicasets', 'new-pod', 'replaced-quiz'];
/** The course's lesson count, as the lesson card says it ("Lesson 1 of N"). */
const LESSON_COUNT = readdirSync(join(REPO, 'lessons')).filter((name) => /^\d+-.*\.md$/.test(name)).length;

/** Starts the app with this progress (none: a first start) in a terminal of `size`. */
async function startApp(progress?: { lessonId: string; stepId: string; lessons: Lessons }, size = { columns: 100, rows: 30 }): Promise<Pane> {
  const pane = await app.pane(size);
  writeEditor(pane);
  if (progress !== undefined) {
    const path = join(pane.env.XDG_CONFIG_HOME!, 'kubedojo', 'progress.json');
    mkdirSync(dirname(path), { recursive: true });
    const lessons = Object.fromEntries(
      Object.entries(progress.lessons).map(([id, lesson]) => [id, { hintsRevealed: {}, remembered: {}, ...lesson }]),
    );
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, current: { lessonId: progress.lessonId, stepId: progress.stepId }, lessons }));
  }
  await pane.waitFor('e2e$');
  await pane.send(`${NODE} ${pane.bin} --sandbox --speed 20; echo "EXIT:$?"`, 'Enter');
  await pane.waitFor((screen) => screen.includes('● connected'), 30_000);
  return pane;
}

/**
 * The step panel's text (the column right of the course outline), its wrapped rows joined: beside
 * a 21-lesson outline every row of the step text starts with an outline row.
 */
function stepText(screen: string): string {
  const rows = screen.split('\n');
  const header = rows.findIndex((row) => row.includes(' · step '));
  if (header === -1) return '';
  const column = rows[header]!.indexOf(' ─ ') + 1;
  const body: string[] = [];
  for (const row of rows.slice(header + 1)) {
    if (row.startsWith('─ ')) break;
    body.push(row.slice(column).trim());
  }
  return body.filter((text) => text !== '').join(' ');
}

/** The screen with wrapped rows joined, for sentences that may span rows. */
function joined(screen: string): string {
  return screen.replace(/\n\s*/g, ' ');
}

/** Polls `read` until it returns a value (progress is written just after the screen shows it). */
async function eventually<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the progress file');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function progressOf(pane: Pane): { lessons: Record<string, { doneSteps: string[]; skippedSteps?: string[]; remembered: Record<string, string>; rememberedOn?: string }> } {
  return JSON.parse(readFileSync(join(pane.env.XDG_CONFIG_HOME!, 'kubedojo', 'progress.json'), 'utf8'));
}

describe('lesson intro and summary (item 6)', () => {
  it('entering a lesson shows its story, objectives, steps and length; finishing one shows what was learned and what comes next', async () => {
    // Given a first start
    const pane = await startApp();

    // Then lesson 1 opens with its intro, over the panels, and the outline gives its minutes
    const intro = await pane.waitFor('New lesson');
    expect(intro).toContain(`Lesson 1 of ${LESSON_COUNT} · 6 steps · about 8 min`);
    expect(intro).toContain('Black Friday is four weeks away.');
    expect(intro).toMatch(/○ Your cluster +0\/6 8m/);
    // (the step itself stays in view, and the intro scrolls)
    expect(intro).toContain('Start the cluster · step 1/6');
    for (let i = 0; i < 12; i += 1) await pane.send('Down');
    // (the keys land one frame apart: wait for the last scroll position, not a passing one)
    const scrolled = await pane.waitFor('Steps: 1. Start the cluster');
    expect(scrolled).toContain('You will be able to:');

    // When Esc closes it, the checks are back
    await pane.send('Escape');
    await pane.waitFor((s) => !s.includes('New lesson') && s.includes('Checks · 0/1'));

  });

  it('after the last step, n shows the summary, Enter goes on to the next lesson and its intro', async () => {
    const pane = await startApp({ lessonId: 'your-cluster', stepId: 'service-quiz', lessons: { 'your-cluster': { doneSteps: LESSON_ONE.slice(0, 5) } } });
    await pane.waitFor('What survives a crash? · step 6/6');
    await pane.send('1');
    await pane.waitFor('Correct — A Service keeps one name');

    await pane.send('n');
    const summary = await pane.waitFor('Lesson finished');
    expect(summary).toContain('✔ Lesson finished: Your cluster');
    expect(summary).toContain('You can now:');
    expect(joined(summary)).toContain('Next: Your first Deployment · about 8 min');

    await pane.send('Enter');
    const next = await pane.waitFor((s) => s.includes('New lesson') && s.includes('Create the Deployment · step 1/5'));
    expect(next).toContain(`Lesson 2 of ${LESSON_COUNT} · 5 steps · about 8 min`);
    expect(next).toContain('storefront is a web server');
    expect(next).toMatch(/✔ Your cluster +6\/6 8m/);
  });
});

describe('a wrong quiz answer (item 1)', () => {
  it('says why that choice is wrong, never the answer, and lets the learner choose again', async () => {
    const pane = await startApp({ lessonId: 'your-cluster', stepId: 'scheduler-quiz', lessons: { 'your-cluster': { doneSteps: LESSON_ONE.slice(0, 4) } } });
    await pane.waitFor('Who decides where a Pod runs? · step 5/6');

    // When the learner picks the kubelet
    await pane.send('1');
    const wrongScreen = await pane.waitFor('Not quite');
    const wrong = stepText(wrongScreen);
    // Then the reason shows, the answer does not, and the quiz stays open
    expect(wrong).toContain('✖ 1. the kubelet');
    expect(wrong).toContain('Not quite — The kubelet runs on every node and starts the containers of Pods already assigned to its node.');
    expect(wrong).toContain('Pick another answer.');
    expect(wrong).not.toContain('Correct');
    expect(wrongScreen).toContain('1-9 pick');

    // When they choose again
    await pane.send('2');
    const right = await pane.waitFor('Correct');
    expect(right).toContain('✔ 2. the scheduler');
    expect(right).toContain('step passed');
    await pane.send('n');
    await pane.waitFor('What survives a crash? · step 6/6');
  });
});

describe('skipping a step (item 2)', () => {
  it('n on a failing step asks, runs the solution, marks the step skipped (not done) and moves on', async () => {
    const pane = await startApp({ lessonId: 'first-deployment', stepId: 'create', lessons: { 'your-cluster': { doneSteps: LESSON_ONE } } });
    await pane.waitFor((s) => s.includes('Create the Deployment · step 1/5') && s.includes('New lesson'));
    await closeCard(pane);
    // Given a command that did not pass the step
    await run(pane, 'kubectl get deployments');
    await pane.waitFor('$ kubectl get deployments · exit 0');

    // When n on the failing step
    await pane.send('n');
    const ask = await pane.waitFor('Skip this step?');
    expect(ask).toContain('Not yet: 3 checks still failing');
    await pane.send('y');

    // Then the solution runs in the output, and the next step opens once it has
    const moved = await pane.waitFor((s) => s.includes('The Deployment · step 2/5'), 60_000);
    expect(moved).toContain('$ kubectl create deployment nginx-depl --image=nginx');
    expect(moved).toMatch(/Skipped “Create the Deployment”/);
    // (not under the header of the learner's last command: the solution's lines echo their own)
    expect(moved).toMatch(/─ Output ─/);
    // and the outline marks the lesson with a skipped step
    expect(moved).toMatch(/❯ ○ Your first .* 0\/5 ↷1 8m/);
    const lesson = await eventually(() => progressOf(pane).lessons['first-deployment']);
    expect(lesson.skippedSteps).toEqual(['create']);
    expect(lesson.doneSteps).not.toContain('create');
    // The cluster is what the next step expects: its checks can pass
    await pane.send('Enter');
    await pane.waitFor('step passed', 30_000);
  });
});

describe('a passed step (item 3)', () => {
  it('keeps the check results it passed with, whatever runs after', { timeout: 180_000 }, async () => {
    const pane = await startApp({
      lessonId: 'debug-and-delete',
      stepId: 'logs',
      lessons: { 'your-cluster': { doneSteps: LESSON_ONE }, 'first-deployment': { doneSteps: LESSON_TWO }, 'edit-the-blueprint': { doneSteps: LESSON_THREE } },
    });
    await pane.waitFor((s) => s.includes('Read the logs · step 1/6') && s.includes('New lesson'), 60_000);
    await closeCard(pane);
    await run(pane, 'kubectl logs deployment/nginx-depl');
    const passed = await pane.waitFor('step passed', 60_000);
    expect(passed).toMatch(/✔ ran kubectl logs deployment\/nginx-depl or\s.*\n\s+kubectl logs -l app=nginx-depl/);

    // When another command runs in the same step
    await run(pane, 'kubectl get pods -n kube-system');
    const after = await pane.waitFor('$ kubectl get pods -n kube-system · exit 0');
    // Then the step is still passed, its check still green
    expect(after).toContain('step passed');
    expect(after).toContain('✔ ran kubectl logs deployment/nginx-depl');
    expect(after).not.toContain('✖');
  });
});

describe('a value remembered on another cluster (item 4)', () => {
  it('is captured again on this one: the old Pod name does not pass "replaced"', { timeout: 180_000 }, async () => {
    // Given lesson 3 left on another cluster, its old Pod remembered there
    const pane = await startApp({
      lessonId: 'edit-the-blueprint',
      stepId: 'pin-image',
      lessons: {
        'your-cluster': { doneSteps: LESSON_ONE },
        'first-deployment': { doneSteps: LESSON_TWO },
        'edit-the-blueprint': { doneSteps: [], remembered: { oldPod: 'nginx-depl-7c5ddbdf54-gone1' }, rememberedOn: 'uid-of-yesterdays-sandbox' },
      },
    });
    await pane.waitFor((s) => s.includes('Pin the image · step 1/4') && s.includes('New lesson'), 60_000);
    await closeCard(pane);
    // Then "replaced" fails: the Pod it looks for is this cluster's, and it is still there
    const checks = await pane.waitFor((s) => /✖ the Pod remembered as oldPod/.test(s) && !s.includes('waiting for the cluster'), 30_000);
    expect(checks).not.toMatch(/✔ the Pod remembered as oldPod/);
    // and progress now holds a Pod of this cluster, bound to it
    const lesson = await eventually(() => {
      const entry = progressOf(pane).lessons['edit-the-blueprint'];
      return entry?.rememberedOn !== 'uid-of-yesterdays-sandbox' ? entry : undefined;
    });
    expect(lesson.remembered.oldPod).toMatch(/^nginx-depl-/);
    expect(lesson.remembered.oldPod).not.toBe('nginx-depl-7c5ddbdf54-gone1');
    expect(lesson.rememberedOn).not.toBe('uid-of-yesterdays-sandbox');
  });
});

describe('at 80×24 nothing a learner must read is cut (item 7)', () => {
  it('wraps the sandbox notice, kubedojo\'s own guidance, quiz questions and reasons', { timeout: 120_000 }, async () => {
    const pane = await startApp({ lessonId: 'your-cluster', stepId: 'services', lessons: { 'your-cluster': { doneSteps: LESSON_ONE.slice(0, 3) } } }, { columns: 80, rows: 24 });
    // The notice, whole: the line to copy into another terminal
    const notice = joined(await pane.waitFor(/env\)"/));
    expect(notice).toMatch(/other terminal: eval "\$\(\S+ \S+ env\)"/);
    expect(notice).not.toContain('…');

    // kubedojo's own guidance in the output, whole
    await run(pane, 'kubectl get services | grep nginx');
    const guidance = joined(await pane.waitFor('your own terminal for pipes'));
    expect(guidance).toContain('kubedojo: `|` is shell syntax.');
    expect(guidance).toMatch(/your own terminal for pipes \(or put it in quotes if kubectl should see it as text\)\./);

    // The quiz question and a reason, whole
    await run(pane, 'kubectl get services');
    await pane.waitFor('step passed');
    await pane.send('n');
    await pane.waitFor('Who decides where a Pod runs? · step 5/6');
    await pane.send('3');
    const quiz = joined(await pane.waitFor('Not quite'));
    expect(quiz).toContain('A new storefront Pod has just been created. Which component chooses the node it will run on?');
    expect(quiz).toContain("Not quite — etcd is the database that stores the cluster's state. It makes no decisions. Pick another answer.");
  });
});
