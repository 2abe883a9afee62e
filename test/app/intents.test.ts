/** AppIntents → session calls, and the run status / output they put in the view store. */
import { describe, expect, it, vi } from 'vitest';
import { createAppIntents, exitedAction, NOT_READY_FLASH } from '../../src/app/index.js';
import type { RunOutcome, TutorialSession } from '../../src/engine/session/index.js';
import { createOutputSink, createViewStore, type ViewAction } from '../../src/ui/index.js';

function fakeSession(overrides: Partial<TutorialSession> = {}): TutorialSession {
  return {
    run: vi.fn(async (): Promise<RunOutcome> => ({ kind: 'ran', argv: ['kubectl', 'get', 'pods'], mode: 'ordinary', exitCode: 0, aborted: false })),
    stop: vi.fn(),
    nextStep: vi.fn(async () => true),
    revealHint: vi.fn(),
    answerQuiz: vi.fn(),
    chooseLesson: vi.fn(async () => undefined),
    resetLesson: vi.fn(async () => undefined),
    ...overrides,
  } as unknown as TutorialSession;
}

function setup(session: TutorialSession | undefined) {
  const viewStore = createViewStore();
  const actions: ViewAction[] = [];
  const dispatch = viewStore.dispatch;
  viewStore.dispatch = (action) => {
    actions.push(action);
    dispatch(action);
  };
  const sink = createOutputSink(viewStore.dispatch);
  const quit = vi.fn();
  const intents = createAppIntents({ session: () => session, viewStore, sink, quit });
  return { viewStore, sink, intents, quit, actions };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('app intents', () => {
  it('runs a command: started, its output, then its exit code', async () => {
    // Given a session whose command prints two lines
    let emit: ((text: string) => void) | undefined;
    const session = fakeSession({
      run: vi.fn(async () => {
        emit?.('NAME   READY');
        emit?.('web-1  1/1');
        return { kind: 'ran', argv: ['kubectl', 'get', 'pods'], mode: 'ordinary', exitCode: 0, aborted: false } as RunOutcome;
      }),
    });
    const { intents, sink, viewStore, actions } = setup(session);
    emit = (text) => sink.line('stdout', text);

    // When the learner runs it
    intents.runCommand('kubectl get pods');
    await settle();

    // Then the view saw it start, stream and end, in that order
    expect(session.run).toHaveBeenCalledWith('kubectl get pods');
    expect(actions.map((action) => action.type)).toEqual(['command-started', 'output', 'command-exited']);
    const state = viewStore.getState();
    expect(state.run).toEqual({ phase: 'exited', command: 'kubectl get pods', exitCode: 0 });
    expect(state.output.lines.map((line) => line.text)).toEqual(['NAME   READY', 'web-1  1/1']);
  });

  it('maps refused, stopped and failed commands to the exit the view shows', () => {
    expect(exitedAction({ kind: 'refused', reason: 'pipes are not allowed' })).toEqual({ type: 'command-exited', exitCode: null, error: 'not run' });
    expect(exitedAction({ kind: 'ran', argv: ['kubectl'], mode: 'streaming', exitCode: 143, aborted: true })).toEqual({ type: 'command-exited', exitCode: null });
    expect(exitedAction({ kind: 'ran', argv: ['kubectl'], mode: 'ordinary', exitCode: 1, aborted: false })).toEqual({ type: 'command-exited', exitCode: 1 });
  });

  it('ends the run in the view even when the session throws', async () => {
    const { intents, viewStore } = setup(fakeSession({ run: vi.fn(async () => Promise.reject(new Error('boom'))) }));
    intents.runCommand('kubectl get pods');
    await settle();
    expect(viewStore.getState().run).toMatchObject({ phase: 'exited', exitCode: null, error: 'boom' });
  });

  it('passes the other intents to the session; quit goes to the exit path', async () => {
    const session = fakeSession();
    const { intents, quit } = setup(session);
    intents.stopCommand();
    intents.nextStep();
    intents.revealHint(0);
    intents.answerQuiz(2);
    intents.chooseLesson('first-deployment');
    intents.resetLesson();
    intents.showSolution();
    intents.quit();
    await settle();
    expect(session.stop).toHaveBeenCalledOnce();
    expect(session.nextStep).toHaveBeenCalledOnce();
    expect(session.revealHint).toHaveBeenCalledOnce();
    expect(session.answerQuiz).toHaveBeenCalledWith(2);
    expect(session.chooseLesson).toHaveBeenCalledWith('first-deployment');
    expect(session.resetLesson).toHaveBeenCalledOnce();
    expect(quit).toHaveBeenCalledOnce();
  });

  it('flashes instead of failing before the session is there, or when an intent rejects', async () => {
    const early = setup(undefined);
    early.intents.nextStep();
    expect(early.viewStore.getState().flash).toEqual({ text: NOT_READY_FLASH, tone: 'warn' });

    const broken = setup(fakeSession({ chooseLesson: vi.fn(async () => Promise.reject(new Error('cluster lost'))) }));
    broken.intents.chooseLesson('x');
    await settle();
    expect(broken.viewStore.getState().flash).toEqual({ text: 'kubedojo: cluster lost', tone: 'warn' });
  });
});
