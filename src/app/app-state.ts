/**
 * The container's own state, apart from the session's domain state and the screen's view state:
 * the data on screen (the last snapshot, mapped) and whether the screen listens to the keyboard
 * (not while `kubectl edit` owns the terminal). A tiny external store, read with
 * useSyncExternalStore by AppRoot.
 */
import type { TutorialData } from '../ui/index.js';

export interface AppState {
  readonly data: TutorialData;
  /** False while an interactive child owns the terminal. */
  readonly keyboard: boolean;
}

export interface AppStateStore {
  get(): AppState;
  set(patch: Partial<AppState>): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createAppStateStore(initial: AppState): AppStateStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
