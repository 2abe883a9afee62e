/**
 * A tiny synchronous store around `viewReducer`: the "injected state" of the tutorial screen.
 *
 * The container creates one (`createViewStore`), keeps it for the app's lifetime, dispatches
 * command / output actions into it, and passes it to `<TutorialScreen store={…}>`. Keys are
 * applied with `handleKey`, which reads the latest state synchronously, so a burst of keys is
 * handled in order even before React re-renders.
 */
import { useSyncExternalStore } from 'react';
import type { KeyPress } from '../keys.js';
import { callIntent, type AppIntents, type IntentCall } from './intents.js';
import type { KeyContext } from './key-context.js';
import { applyKey } from './key-router.js';
import { viewReducer } from './reducer.js';
import { createViewState, type ViewAction, type ViewState, type ViewStateOptions } from './view-state.js';

export interface ViewStore {
  getState(): ViewState;
  dispatch(action: ViewAction): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Applies a key press: updates the state, notifies subscribers, then calls the intents it
   * means (after the state change, so an intent that dispatches sees the new state).
   * Returns the intent calls made (handy in tests).
   */
  handleKey(press: KeyPress, ctx: KeyContext, intents: AppIntents): readonly IntentCall[];
}

export interface ViewStoreOptions extends ViewStateOptions {
  readonly initial?: ViewState;
  /**
   * Runs before each key is applied: the container flushes its frame scheduler here, so the
   * key's frame carries the output that was waiting for the next frame (frame-scheduler.ts).
   */
  readonly beforeKey?: () => void;
}

export function createViewStore(options: ViewStoreOptions = {}): ViewStore {
  let state = options.initial ?? createViewState(options);
  const listeners = new Set<() => void>();
  const set = (next: ViewState): void => {
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    getState: () => state,
    dispatch: (action) => set(viewReducer(state, action)),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    handleKey(press, ctx, intents) {
      options.beforeKey?.();
      const applied = applyKey(state, press, ctx);
      set(applied.state);
      for (const call of applied.calls) callIntent(intents, call);
      return applied.calls;
    },
  };
}

/** Subscribes a component to the store. */
export function useViewState(store: ViewStore): ViewState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
