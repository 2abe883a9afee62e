/** Small literal view models for the UI tests. */
import type { AppIntents, CheckView, PodView, StepView, TutorialData } from '../../../src/ui/index.js';
import { vi } from 'vitest';

export const lessons: TutorialData['outline']['lessons'] = [
  { id: 'start', title: 'Start a cluster', status: 'done', stepsDone: 3, stepsTotal: 3 },
  { id: 'deploy', title: 'Your first Deployment', status: 'open', stepsDone: 1, stepsTotal: 4 },
  { id: 'rollout', title: 'Rolling updates', status: 'locked', stepsDone: 0, stepsTotal: 3, lockedReason: 'Finish "Your first Deployment" first' },
];

export const step: StepView = {
  id: 'deploy/2',
  lessonId: 'deploy',
  lessonTitle: 'Your first Deployment',
  index: 1,
  count: 4,
  title: 'Scale it out',
  text: [
    '## Two replicas',
    '',
    'A Deployment keeps **replicas** Pods running. Scale `nginx-depl` to two:',
    '',
    '```',
    'kubectl scale deployment nginx-depl --replicas=2',
    '```',
    '',
    '- one Pod per replica',
    '- the ReplicaSet creates them',
  ].join('\n'),
  suggestedCommand: 'kubectl scale deployment nginx-depl --replicas=2',
  hints: ['Look at `kubectl scale --help`.', 'The flag is --replicas.'],
  solution: 'Run `kubectl scale deployment nginx-depl --replicas=2`.',
};

export const failingChecks: CheckView[] = [
  { label: 'deployment nginx-depl exists', ok: true },
  { label: 'two Pods ready', ok: false, message: 'deployment nginx-depl: 1/2 Pods ready' },
];

export const passingChecks: CheckView[] = [
  { label: 'deployment nginx-depl exists', ok: true },
  { label: 'two Pods ready', ok: true },
];

export const pods: PodView[] = [
  { name: 'nginx-depl-5c8b9d7f4-x7k2p', ready: '1/1', status: 'Running', restarts: 0, age: '2m' },
  { name: 'nginx-depl-5c8b9d7f4-q9w3z', ready: '0/1', status: 'ContainerCreating', restarts: 0, age: '3s' },
];

export function data(overrides: Partial<TutorialData> = {}): TutorialData {
  return {
    outline: { lessons, currentLessonId: 'deploy' },
    step,
    checks: failingChecks,
    pods,
    cluster: { context: 'kubedojo-sandbox', sandbox: true, namespace: 'tutorial', connection: { state: 'connected' } },
    ...overrides,
  };
}

/** Intents whose every method is a vitest mock. */
export function mockIntents(): { [K in keyof AppIntents]: ReturnType<typeof vi.fn<AppIntents[K]>> } {
  return {
    runCommand: vi.fn(),
    stopCommand: vi.fn(),
    nextStep: vi.fn(),
    skipStep: vi.fn(),
    revealHint: vi.fn(),
    showSolution: vi.fn(),
    resetLesson: vi.fn(),
    chooseLesson: vi.fn(),
    toggleMeter: vi.fn(),
    raiseHand: vi.fn(),
    answerQuiz: vi.fn(),
    quit: vi.fn(),
  };
}
