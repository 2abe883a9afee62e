/**
 * AppIntents → TutorialSession. The screen asks, the session does; the command's run status and
 * output go into the view store (command-started / output through the sink / command-exited).
 * A failed intent never takes the app down: it becomes a flash on the help line.
 */
import type { RunOutcome, TutorialSession } from '../engine/session/index.js';
import type { AppIntents, OutputSink, ViewAction, ViewStore } from '../ui/index.js';

export interface AppIntentDeps {
  /** The session, once it is loaded; intents that need it wait for it with a flash. */
  session(): TutorialSession | undefined;
  viewStore: Pick<ViewStore, 'dispatch'>;
  sink: Pick<OutputSink, 'flush'>;
  /** The one exit path (q, Ctrl+C with nothing running). */
  quit(): void;
  /** `!`: raises the learner's hand on the board; false outside a workshop. */
  raiseHand?(): boolean;
}

export const HAND_RAISED_FLASH = "Hand raised: your instructor's board shows it until they clear it";
export const NO_WORKSHOP_FLASH = 'Raising a hand works in a workshop (kubedojo --kubeconfig learner.yaml, from your instructor)';

export const NOT_READY_FLASH = 'kubedojo is still starting; try again in a moment';

/** The action that ends a run in the view: exit code, "stopped", or why it did not run. */
export function exitedAction(outcome: RunOutcome): ViewAction {
  if (outcome.kind === 'refused') return { type: 'command-exited', exitCode: null, error: 'not run' };
  if (outcome.aborted) return { type: 'command-exited', exitCode: null };
  return { type: 'command-exited', exitCode: outcome.exitCode };
}

export function createAppIntents(deps: AppIntentDeps): AppIntents {
  const flash = (text: string): void => deps.viewStore.dispatch({ type: 'flash', text, tone: 'warn' });
  const failed = (error: unknown): void => flash(`kubedojo: ${error instanceof Error ? error.message : String(error)}`);
  /** Runs `act` with the session, or flashes that it is not there yet. */
  const withSession = (act: (session: TutorialSession) => void | Promise<unknown>): void => {
    const session = deps.session();
    if (session === undefined) return flash(NOT_READY_FLASH);
    try {
      void Promise.resolve(act(session)).catch(failed);
    } catch (error) {
      failed(error);
    }
  };

  return {
    runCommand(text) {
      withSession(async (session) => {
        // Lines still batched (a start state being built) belong to what came before.
        deps.sink.flush(true);
        deps.viewStore.dispatch({ type: 'command-started', command: text });
        let exited: ViewAction;
        try {
          exited = exitedAction(await session.run(text));
        } catch (error) {
          // The session turns every failure into an outcome; this is for the unexpected.
          exited = { type: 'command-exited', exitCode: null, error: error instanceof Error ? error.message : String(error) };
        }
        deps.sink.flush(true);
        deps.viewStore.dispatch(exited);
      });
    },
    stopCommand: () => withSession((session) => session.stop()),
    nextStep: () => withSession((session) => session.nextStep()),
    skipStep: () =>
      withSession((session) => {
        // The solution's output replaces the last command's: it is what the learner reads next.
        deps.sink.flush(true);
        deps.viewStore.dispatch({ type: 'clear-output' });
        return session.skipStep();
      }),
    // The view counts hints itself; the session records one more each time.
    revealHint: () => withSession((session) => session.revealHint()),
    // The view shows the solution; nothing to record.
    showSolution: () => undefined,
    resetLesson: () => withSession((session) => session.resetLesson()),
    chooseLesson: (id) => withSession((session) => session.chooseLesson(id)),
    answerQuiz: (choice) => withSession((session) => session.answerQuiz(choice)),
    toggleMeter: () => withSession((session) => session.toggleMeter()),
    raiseHand() {
      const raised = deps.raiseHand?.() === true;
      deps.viewStore.dispatch({ type: 'flash', text: raised ? HAND_RAISED_FLASH : NO_WORKSHOP_FLASH, tone: raised ? 'info' : 'warn' });
    },
    quit: () => deps.quit(),
  };
}
