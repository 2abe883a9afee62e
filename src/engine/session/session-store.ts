/**
 * The one place the session's state lives: every change goes through `update`, which publishes
 * a fresh snapshot to the subscribers; progress changes also go to the progress file (atomic
 * writes, in call order).
 */
import type { Course } from '../lessons/load-course.js';
import type { ProgressStore } from '../progress/progress-file.js';
import type { Progress } from '../progress/progress-schema.js';
import { emptyProgress } from '../progress/progress-schema.js';
import { buildSnapshot, initialState, type SessionState } from './session-state.js';
import type { NoticeLevel, TutorialSnapshot } from './snapshot.js';

export interface SessionStore {
  readonly state: SessionState;
  /** Replaces fields of the state and publishes. */
  update(patch: Partial<SessionState>): void;
  /** Replaces fields without publishing (a publish follows in the same call). */
  patch(patch: Partial<SessionState>): void;
  /** Sets progress (and more) and publishes; saves progress when it changed. */
  persist(progress: Progress, patch?: Partial<SessionState>): void;
  notify(level: NoticeLevel, text: string): void;
  snapshot(): TutorialSnapshot;
  subscribe(listener: (snapshot: TutorialSnapshot) => void): () => void;
  /** Saves the current progress and resolves when every save so far is written (or failed, with a notice). */
  flush(): Promise<void>;
}

export function createSessionStore(course: Course, progressStore: ProgressStore, namespace: string, maxNotices = 5): SessionStore {
  let state = initialState(emptyProgress(), namespace);
  const listeners = new Set<(snapshot: TutorialSnapshot) => void>();
  let saving: Promise<void> = Promise.resolve();
  let noticeCount = 0;

  const publish = (): void => {
    const snapshot = buildSnapshot(course, state);
    for (const listener of listeners) listener(snapshot);
  };
  const update = (patch: Partial<SessionState>): void => {
    state = { ...state, ...patch };
    publish();
  };
  const save = (progress: Progress): void => {
    // The store serializes saves, so waiting for the last one waits for all of them.
    saving = progressStore.save(progress).catch((error: unknown) => notify('error', error instanceof Error ? error.message : String(error)));
  };
  const notify = (level: NoticeLevel, text: string): void => {
    const notices = [...state.notices, { id: `notice-${++noticeCount}`, level, text }];
    update({ notices: notices.slice(-maxNotices) });
  };

  return {
    get state() {
      return state;
    },
    update,
    patch(patch) {
      state = { ...state, ...patch };
    },
    persist(progress, patch = {}) {
      const changed = progress !== state.progress;
      update({ ...patch, progress });
      if (changed) save(progress);
    },
    notify,
    snapshot: () => buildSnapshot(course, state),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    flush() {
      save(state.progress);
      return saving;
    },
  };
}
