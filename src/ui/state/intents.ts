/**
 * What the view asks the app to do. The container implements these; the view never spawns a
 * process, touches the cluster or exits by itself.
 */
export interface AppIntents {
  /** Run `text` (a command line the learner typed or the step's suggested command). */
  runCommand(text: string): void;
  /** Stop the running command's child process (Esc / Ctrl+C) — only the child, never the app. */
  stopCommand(): void;
  /** Advance; the view calls it only when the step has passed. */
  nextStep(): void;
  /** The learner confirmed skipping a step that has not passed: run its solution, mark it skipped, move on. */
  skipStep(): void;
  /** Hint number `index` (0-based) of the current step was just revealed. */
  revealHint(index: number): void;
  /** The learner confirmed they want to see the solution (it is now shown). */
  showSolution(): void;
  /** The learner confirmed "reset lesson?". */
  resetLesson(): void;
  /** The learner picked a lesson that is not locked. */
  chooseLesson(id: string): void;
  /** The learner answered the quiz with choice `choice` (0-based). */
  answerQuiz(choice: number): void;
  /** `t`: start or stop the downtime meter. */
  toggleMeter(): void;
  /** `!`: raise a hand on the instructor's board (workshop mode). */
  raiseHand(): void;
  quit(): void;
}

/** An intent call as data, so the pure key router can return it and tests can compare it. */
export type IntentCall =
  | { readonly intent: 'runCommand'; readonly text: string }
  | { readonly intent: 'stopCommand' }
  | { readonly intent: 'nextStep' }
  | { readonly intent: 'skipStep' }
  | { readonly intent: 'revealHint'; readonly index: number }
  | { readonly intent: 'showSolution' }
  | { readonly intent: 'resetLesson' }
  | { readonly intent: 'chooseLesson'; readonly id: string }
  | { readonly intent: 'answerQuiz'; readonly choice: number }
  | { readonly intent: 'toggleMeter' }
  | { readonly intent: 'raiseHand' }
  | { readonly intent: 'quit' };

export function callIntent(intents: AppIntents, call: IntentCall): void {
  switch (call.intent) {
    case 'runCommand':
      return intents.runCommand(call.text);
    case 'stopCommand':
      return intents.stopCommand();
    case 'nextStep':
      return intents.nextStep();
    case 'skipStep':
      return intents.skipStep();
    case 'revealHint':
      return intents.revealHint(call.index);
    case 'showSolution':
      return intents.showSolution();
    case 'resetLesson':
      return intents.resetLesson();
    case 'chooseLesson':
      return intents.chooseLesson(call.id);
    case 'answerQuiz':
      return intents.answerQuiz(call.choice);
    case 'toggleMeter':
      return intents.toggleMeter();
    case 'raiseHand':
      return intents.raiseHand();
    case 'quit':
      return intents.quit();
  }
}

/** Intents that do nothing; handy as a base for tests and previews. */
export const noopIntents: AppIntents = {
  runCommand: () => {},
  stopCommand: () => {},
  nextStep: () => {},
  skipStep: () => {},
  revealHint: () => {},
  showSolution: () => {},
  resetLesson: () => {},
  chooseLesson: () => {},
  answerQuiz: () => {},
  toggleMeter: () => {},
  raiseHand: () => {},
  quit: () => {},
};
