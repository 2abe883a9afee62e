/** Key layer of the quiz: active while an unanswered quiz is on screen and the prompt is not focused. */
import { Command, is } from '../../keys.js';
import { consume, type KeyLayer } from '../../state/key-layer.js';
import { direction } from '../modals/modal-keys.js';

export const quizLayer: KeyLayer = {
  name: 'quiz',
  isActive: (state, ctx) => state.focus === 'panel' && ctx.quiz !== undefined && !ctx.quiz.answered,
  handle(press, state, ctx) {
    const count = ctx.quiz?.choiceCount ?? 0;
    if (count === 0) return undefined;
    const cursor = Math.min(state.step.quizCursor, count - 1);
    if (is(press, Command.Move)) {
      return consume([{ type: 'quiz-cursor', index: Math.min(count - 1, Math.max(0, cursor + direction(press))) }]);
    }
    if (is(press, Command.ChooseNumber)) {
      const choice = Number(press.input) - 1;
      if (choice >= count) return consume();
      return consume([{ type: 'quiz-cursor', index: choice }], [{ intent: 'answerQuiz', choice }]);
    }
    if (is(press, Command.Select)) return consume([], [{ intent: 'answerQuiz', choice: cursor }]);
    return undefined;
  },
};
