/** The snapshot → view model mapper, from literals alone. */
import { describe, expect, it } from 'vitest';
import { FINISHED_MESSAGE, LOADING_MESSAGE, toTutorialData, type TutorialSnapshot } from '../../../src/engine/session/index.js';
import { stepPassed } from '../../../src/ui/model.js';

const NOW = Date.parse('2025-11-28T09:00:00Z');

function snapshot(overrides: Partial<TutorialSnapshot> = {}): TutorialSnapshot {
  return {
    lessons: [
      { id: 'your-cluster', title: 'Your cluster', summary: 's', stepsDone: 6, stepsTotal: 6, done: true, requires: [], requiresDone: true },
      { id: 'first-deployment', title: 'Your first Deployment', summary: 's', stepsDone: 1, stepsTotal: 5, done: false, requires: ['your-cluster'], requiresDone: true },
      { id: 'edit-the-blueprint', title: 'Edit the blueprint', summary: 's', stepsDone: 0, stepsTotal: 4, done: false, requires: ['first-deployment'], requiresDone: false },
    ],
    currentLessonId: 'first-deployment',
    step: {
      lessonId: 'first-deployment',
      lessonTitle: 'Your first Deployment',
      id: 'create',
      index: 0,
      count: 5,
      title: 'Create the Deployment',
      text: 'Some **text**.',
      command: 'kubectl create deployment nginx-depl --image=nginx',
      hints: ['one', 'two'],
      hintsRevealed: 1,
      solution: ['kubectl create deployment nginx-depl --image=nginx', 'kubectl rollout status deployment/nginx-depl'],
      done: false,
    },
    finished: false,
    checks: [
      { kind: 'exists', label: 'deployment/nginx-depl exists', ok: true, message: 'deployment nginx-depl: exists' },
      { kind: 'podsReady', label: '1 Pod of nginx-depl ready', ok: false, message: 'deployment nginx-depl: 0/1 Pods ready (nginx-depl-abc-12345: ContainerCreating)' },
    ],
    passed: false,
    pods: [
      { name: 'nginx-depl-abc-12345', ready: '0/1', status: 'ContainerCreating', restarts: 0, createdAt: '2025-11-28T08:59:48Z' },
      { name: 'old-pod', ready: '1/1', status: 'Terminating', restarts: 3, createdAt: '2025-11-28T06:58:00Z' },
    ],
    cluster: { context: 'kubedojo-sandbox', sandbox: true, namespace: 'kubedojo', kubeconfigPath: '/tmp/x', connection: { state: 'connected' } },
    notices: [{ id: 'notice-1', level: 'warn', text: 'No local cluster was reachable; using the built-in sandbox' }],
    ...overrides,
  };
}

describe('toTutorialData', () => {
  it('carries what the lesson cards show, marks a lesson finished with skipped steps, and a wrong answer\'s reason', () => {
    const lessons = snapshot().lessons.map((lesson, i) =>
      i === 0 ? { ...lesson, stepsDone: 5, stepsSkipped: 1, minutes: 8, intro: 'Black Friday.', objectives: ['List nodes'], stepTitles: ['Start'] } : lesson,
    );
    const base = snapshot().step!;
    const data = toTutorialData(
      snapshot({ lessons, step: { ...base, skipped: true, quiz: { question: 'Who?', choices: ['a', 'b'], answer: { choice: 0, correct: false, reason: 'a only stores.' } } } }),
      NOW,
    );
    expect(data.outline.lessons[0]).toEqual({
      id: 'your-cluster',
      title: 'Your cluster',
      summary: 's',
      status: 'skipped',
      stepsDone: 5,
      stepsSkipped: 1,
      stepsTotal: 6,
      minutes: 8,
      intro: 'Black Friday.',
      objectives: ['List nodes'],
      stepTitles: ['Start'],
    });
    expect(data.step?.skipped).toBe(true);
    expect(data.step?.quiz?.answer).toEqual({ choice: 0, correct: false, reason: 'a only stores.' });
  });

  it('maps the outline, the step, the checks, the Pods and the cluster', () => {
    const data = toTutorialData(snapshot(), NOW);
    expect(data.outline).toEqual({
      currentLessonId: 'first-deployment',
      lessons: [
        { id: 'your-cluster', title: 'Your cluster', summary: 's', status: 'done', stepsDone: 6, stepsTotal: 6 },
        { id: 'first-deployment', title: 'Your first Deployment', summary: 's', status: 'open', stepsDone: 1, stepsTotal: 5 },
        // Not locked: choosing it catches up (the session builds its start state).
        { id: 'edit-the-blueprint', title: 'Edit the blueprint', summary: 's', status: 'open', stepsDone: 0, stepsTotal: 4 },
      ],
    });
    expect(data.step).toEqual({
      id: 'first-deployment/create',
      lessonId: 'first-deployment',
      lessonTitle: 'Your first Deployment',
      index: 0,
      count: 5,
      title: 'Create the Deployment',
      text: 'Some **text**.',
      suggestedCommand: 'kubectl create deployment nginx-depl --image=nginx',
      hints: ['one', 'two'],
      solution: '```\nkubectl create deployment nginx-depl --image=nginx\nkubectl rollout status deployment/nginx-depl\n```',
      passed: false,
    });
    expect(data.emptyMessage).toBeUndefined();
    expect(data.checks).toEqual([
      { label: 'deployment/nginx-depl exists', ok: true, message: 'deployment nginx-depl: exists' },
      { label: '1 Pod of nginx-depl ready', ok: false, message: 'deployment nginx-depl: 0/1 Pods ready (nginx-depl-abc-12345: ContainerCreating)' },
    ]);
    expect(data.pods).toEqual([
      { name: 'nginx-depl-abc-12345', ready: '0/1', status: 'ContainerCreating', restarts: 0, age: '12s' },
      { name: 'old-pod', ready: '1/1', status: 'Terminating', restarts: 3, age: '122m' },
    ]);
    expect(data.cluster).toEqual({ context: 'kubedojo-sandbox', sandbox: true, namespace: 'kubedojo', connection: { state: 'connected' } });
    expect(data.notices).toEqual([{ id: 'notice-1', level: 'warn', text: 'No local cluster was reachable; using the built-in sandbox' }]);
    expect(stepPassed(data.step, data.checks)).toBe(false);
  });

  it('on the sandbox, suggests the solution\'s kubectl command instead of a minikube one', () => {
    const minikubeStep = { ...snapshot().step!, command: 'minikube start', solution: ['kubectl cluster-info'] };
    expect(toTutorialData(snapshot({ step: minikubeStep }), NOW).step?.suggestedCommand).toBe('kubectl cluster-info');
    const laptop = snapshot({ step: minikubeStep, cluster: { ...snapshot().cluster, context: 'minikube', sandbox: false } });
    expect(toTutorialData(laptop, NOW).step?.suggestedCommand).toBe('minikube start');
    // `minikube service NAME --url` is answered by the app on the sandbox: Enter runs it as written.
    const serviceStep = { ...snapshot().step!, command: 'minikube service web -n kubedojo --url', solution: ['kubectl get service web'] };
    expect(toTutorialData(snapshot({ step: serviceStep }), NOW).step?.suggestedCommand).toBe('minikube service web -n kubedojo --url');
  });

  it('lets `n` through once the session says the step passed', () => {
    const data = toTutorialData(snapshot({ passed: true }), NOW);
    expect(data.step?.passed).toBe(true);
    expect(stepPassed(data.step, data.checks)).toBe(true);
  });

  it('shows a quiz in the step, not in the checks panel, and its explanation only when right', () => {
    const quizStep = {
      ...snapshot().step!,
      id: 'chain-quiz',
      solution: [],
      quiz: { question: 'Which object?', choices: ['The Deployment', 'A Pod'], answer: { choice: 0, correct: true, explain: 'The blueprint.' } },
    };
    delete (quizStep as { command?: string }).command;
    const data = toTutorialData(
      snapshot({ step: quizStep, passed: true, checks: [{ kind: 'quiz', label: 'quiz answered', ok: true, message: 'quiz: "The Deployment" is right' }] }),
      NOW,
    );
    expect(data.checks).toEqual([]);
    expect(data.step?.quiz).toEqual({ question: 'Which object?', choices: ['The Deployment', 'A Pod'], answer: { choice: 0, correct: true, explanation: 'The blueprint.' } });
    expect(data.step?.solution).toBeUndefined();
    expect(data.step?.suggestedCommand).toBeUndefined();

    const wrong = { ...quizStep, quiz: { ...quizStep.quiz, answer: { choice: 1, correct: false } } };
    expect(toTutorialData(snapshot({ step: wrong }), NOW).step?.quiz?.answer).toEqual({ choice: 1, correct: false });
  });

  it('maps every connection state', () => {
    const connection = (given: TutorialSnapshot['cluster']['connection']) =>
      toTutorialData(snapshot({ cluster: { ...snapshot().cluster, connection: given } }), NOW).cluster.connection;
    expect(connection({ state: 'disconnected' })).toEqual({ state: 'connecting' });
    expect(connection({ state: 'connecting' })).toEqual({ state: 'connecting' });
    expect(connection({ state: 'reconnecting', retryAt: NOW + 4000, attempt: 3 })).toEqual({ state: 'reconnecting', retryAt: NOW + 4000, attempt: 3 });
    expect(connection({ state: 'lost', reason: 'gone' })).toEqual({ state: 'lost', reason: 'gone' });
  });

  it('shows a message instead of a step when finished or still loading', () => {
    const finished = toTutorialData(snapshot({ step: undefined, finished: true, checks: [] }), NOW);
    expect(finished.step).toBeUndefined();
    expect(finished.emptyMessage).toBe(FINISHED_MESSAGE);
    const loading = toTutorialData(snapshot({ step: undefined, cluster: { sandbox: false, namespace: 'kubedojo', connection: { state: 'disconnected' } } }), NOW);
    expect(loading.emptyMessage).toBe(LOADING_MESSAGE);
    expect(loading.cluster.context).toBe('');
  });
});
