/** The command prompt's state: text and cursor (in code points). Pure reducer. */

export interface PromptState {
  readonly text: string;
  readonly cursor: number;
}

export type PromptAction =
  | { readonly type: 'insert'; readonly text: string }
  | { readonly type: 'delete-back' }
  | { readonly type: 'move'; readonly to: 'left' | 'right' | 'home' | 'end' }
  | { readonly type: 'set'; readonly text: string }
  | { readonly type: 'clear' };

export const EMPTY_PROMPT: PromptState = { text: '', cursor: 0 };

export function promptReducer(state: PromptState, action: PromptAction): PromptState {
  const chars = [...state.text];
  const cursor = Math.min(state.cursor, chars.length);
  switch (action.type) {
    case 'insert': {
      const inserted = [...action.text];
      chars.splice(cursor, 0, ...inserted);
      return { text: chars.join(''), cursor: cursor + inserted.length };
    }
    case 'delete-back':
      if (cursor === 0) return state;
      chars.splice(cursor - 1, 1);
      return { text: chars.join(''), cursor: cursor - 1 };
    case 'move': {
      const next =
        action.to === 'left' ? Math.max(0, cursor - 1)
        : action.to === 'right' ? Math.min(chars.length, cursor + 1)
        : action.to === 'home' ? 0
        : chars.length;
      return next === state.cursor ? state : { ...state, cursor: next };
    }
    case 'set':
      return { text: action.text, cursor: [...action.text].length };
    case 'clear':
      return state.text === '' && state.cursor === 0 ? state : EMPTY_PROMPT;
  }
}
