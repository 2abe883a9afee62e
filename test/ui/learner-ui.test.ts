/** Pure pieces behind issue #8's UI items: skip and lesson-card keys, the checks rows, layout, card text. */
import { describe, expect, it } from 'vitest';
import { checkRows } from '../../src/ui/components/checks/check-rows.js';
import { fitCheckRows, checksRowsWanted } from '../../src/ui/components/checks/check-rows.js';
import { lessonCardLines } from '../../src/ui/components/lesson/lesson-card-lines.js';
import { computeLayout } from '../../src/ui/components/layout.js';
import { outputRows } from '../../src/ui/components/output/output-pane.js';
import { quizLines } from '../../src/ui/components/quiz/quiz-view.js';
import { plainText } from '../../src/ui/text/styled.js';
import { hardWrap } from '../../src/ui/text/width.js';
import { createViewState, type CheckView, type LessonSummary } from '../../src/ui/index.js';
import { data, lessons, passingChecks, step } from './support/fixtures.js';
import { ctxFor, keys } from './support/keys.js';

const symbols = { bullet: '•', ok: '✔', skipped: '↷', separator: '·' };

describe('n on a step that has not passed (item 2)', () => {
  it('says why, asks to skip (default No), and y skips', () => {
    const asked = keys(['n']);
    expect(asked.state.flash?.text).toBe('Not yet: 1 check still failing');
    expect(asked.state.modals).toEqual([{ kind: 'confirm', confirm: 'skip', choice: 'no' }]);
    expect(keys(['n', 'enter']).calls).toEqual([]);
    expect(keys(['n', 'n']).calls).toEqual([]);
    expect(keys(['n', 'y']).calls).toEqual([{ intent: 'skipStep' }]);
  });

  it('skipping the last step of a lesson shows its summary (the skip itself moves on)', () => {
    const last = data({ step: { ...step, index: 3 } });
    const skipped = keys(['n', 'y'], ctxFor(last));
    expect(skipped.calls).toEqual([{ intent: 'skipStep' }]);
    expect(skipped.state.modals).toEqual([{ kind: 'card', card: 'done', lessonId: 'deploy', advance: false, scroll: 0 }]);
    // Enter then only closes it
    expect(keys(['n', 'y', 'enter'], ctxFor(last)).calls).toEqual([{ intent: 'skipStep' }]);
  });
});

describe('lesson cards (item 6)', () => {
  const last = data({ step: { ...step, index: 3 }, checks: passingChecks });

  it('n on a passed last step shows the summary; Enter goes on, Esc stays', () => {
    const summary = keys(['n'], ctxFor(last));
    expect(summary.calls).toEqual([]);
    expect(summary.state.modals).toEqual([{ kind: 'card', card: 'done', lessonId: 'deploy', advance: true, scroll: 0 }]);
    expect(keys(['n', 'enter'], ctxFor(last)).calls).toEqual([{ intent: 'nextStep' }]);
    expect(keys(['n', 'esc'], ctxFor(last)).calls).toEqual([]);
  });

  it('a step that opens a lesson not started shows its intro; any other key closes it and acts', () => {
    const fresh = data({ step: { ...step, index: 0 }, outline: { lessons: lessons.map((l) => (l.id === 'deploy' ? { ...l, stepsDone: 0 } : l)), currentLessonId: 'deploy' } });
    const ctx = ctxFor(fresh);
    expect(ctx.enterLessonId).toBe('deploy');
    const opened = keys(['down'], ctx, createViewState({ stepKey: 'elsewhere' }));
    expect(opened.state.modals).toEqual([{ kind: 'card', card: 'intro', lessonId: 'deploy', advance: false, scroll: 0 }]);
    // Enter runs the suggested command and closes the card
    const ran = keys(['enter'], ctx, opened.state);
    expect(ran.calls).toEqual([{ intent: 'runCommand', text: step.suggestedCommand }]);
    expect(ran.state.modals).toEqual([]);
    // Resuming mid-lesson shows no intro
    expect(ctxFor(data()).enterLessonId).toBeUndefined();
  });

  it('the intro tells the story, the length, the objectives and the steps; the summary what comes next', () => {
    const course: LessonSummary[] = [
      { id: 'a', title: 'Your cluster', status: 'done', stepsDone: 2, stepsTotal: 2, minutes: 8, summary: 'Meet the cluster.', intro: 'Black Friday is **near**.', objectives: ['List nodes'], stepTitles: ['Start', 'Nodes'] },
      { id: 'b', title: 'First Deployment', status: 'open', stepsDone: 0, stepsTotal: 5, minutes: 9, summary: 'Run nginx.' },
    ];
    const intro = lessonCardLines({ card: 'intro', lessons: course, lessonId: 'a', width: 60, symbols }).map(plainText);
    expect(intro).toEqual(['Your cluster', 'Lesson 1 of 2 · 2 steps · about 8 min', '', 'Black Friday is near.', '', 'You will be able to:', '• List nodes', '', 'Steps: 1. Start · 2. Nodes', '']);
    const done = lessonCardLines({ card: 'done', lessons: course, lessonId: 'a', width: 60, symbols }).map(plainText);
    expect(done).toEqual(['✔ Lesson finished: Your cluster', 'Meet the cluster.', '', 'You can now:', '• List nodes', '', 'Next: First Deployment · about 9 min', 'Run nginx.']);
    const lastDone = lessonCardLines({ card: 'done', lessons: [{ ...course[1]!, stepsSkipped: 1 }], lessonId: 'b', width: 60, symbols }).map(plainText);
    expect(lastDone[0]).toBe('↷ Lesson finished, 1 step skipped: First Deployment');
    expect(lastDone).toContain('That was the last lesson of the course.');
  });
});

describe('a wrong quiz answer (item 1)', () => {
  const quiz = { question: 'Which component chooses the node?', choices: ['the kubelet', 'the scheduler'] };

  it('keeps the quiz open and says why, wrapped, never the answer', () => {
    const wrong = data({ checks: [], step: { ...step, quiz: { ...quiz, answer: { choice: 0, correct: false, reason: 'It starts the containers of Pods already placed on its node.' } } } });
    expect(ctxFor(wrong).quiz).toEqual({ choiceCount: 2, answered: false });
    expect(keys(['2'], ctxFor(wrong)).calls).toEqual([{ intent: 'answerQuiz', choice: 1 }]);
    const rows = quizLines(wrong.step!.quiz!, 0, true, 30, { ok: '✔', fail: '✖', pointer: '❯', dash: '—' }).map((row) => row.text);
    expect(rows.join(' ')).toContain('Not quite — It starts the containers of Pods already placed on its node. Pick another answer.');
    expect(rows.every((row) => row.length <= 30)).toBe(true);
    expect(rows.join(' ')).not.toContain('scheduler is');
  });
});

describe('nothing a learner must read is cut (item 7)', () => {
  const checks: CheckView[] = [
    { label: 'deployment nginx-depl exists', ok: true },
    { label: 'image is nginx:1.25', ok: true },
    { label: 'revisions at least 2', ok: true },
    { label: 'the Pod remembered as oldPod replaced in nginx-depl', ok: false, message: 'Pod nginx-depl-7c5ddbdf54-x8k2p is still there, want it gone and another Ready' },
  ];

  it('lists failing checks first with their whole message; passing ones fold when rows run out', () => {
    const all = checkRows(checks, 30);
    expect(all[0]).toMatchObject({ kind: 'check', check: { ok: false } });
    const fitted = fitCheckRows(checks, 30, 8);
    const text = fitted.map((row) => row.text).join(' ');
    expect(text).toContain('Pod nginx-depl-7c5ddbdf54-x8k2p is still there, want it gone and another Ready');
    expect(fitted.at(-1)).toMatchObject({ kind: 'folded' });
    expect(fitted.length).toBeLessThanOrEqual(8);
    // Failing checks are never dropped, even when they alone overflow (the layout grows the panel).
    expect(fitCheckRows(checks, 30, 2).filter((row) => row.kind === 'message').length).toBeGreaterThan(1);
    expect(checksRowsWanted(checks, 30, false)).toBeGreaterThan(5);
  });

  it('the layout gives the checks and a quiz the rows they need, and still fills the terminal', () => {
    const plain = computeLayout({ columns: 80, rows: 24 });
    const grown = computeLayout({ columns: 80, rows: 24, checksRows: 9 });
    expect(grown.panelsHeight).toBe(9);
    expect(grown.outputHeight).toBeLessThan(plain.outputHeight);
    const quiz = computeLayout({ columns: 80, rows: 24, noticeRows: 3, stepRows: 12 });
    expect(quiz.stepHeight).toBeGreaterThanOrEqual(12);
    // Never below three rows for the panels and the output.
    const greedy = computeLayout({ columns: 80, rows: 24, stepRows: 40 });
    expect([greedy.panelsHeight, greedy.outputHeight]).toEqual([3, 3]);
    for (const layout of [grown, quiz]) expect(layout.stepHeight + layout.panelsHeight + layout.outputHeight).toBe(layout.bodyHeight);
  });

  it('output wraps: kubedojo prose by word, command output by column', () => {
    const rows = outputRows(
      [
        { stream: 'stderr', text: 'kubedojo: `|` is shell syntax. Run it in your own terminal for pipes.' },
        { stream: 'stdout', text: 'NAME          READY   STATUS' },
      ],
      20,
      10,
    );
    expect(rows.map((row) => row.text)).toEqual(['kubedojo: `|` is', 'shell syntax. Run it', 'in your own terminal', 'for pipes.', 'NAME          READY ', '  STATUS']);
    expect(hardWrap('abcdef', 4)).toEqual(['abcd', 'ef']);
  });
});
