/**
 * Workshop mode in the learner's app: the session's snapshots go to the progress mirror (the
 * `kubedojo-progress` ConfigMap in the learner's namespace), and `!` raises the hand there.
 * The progress file stays the truth; the mirror is a copy the board reads.
 */
import type { Progress } from '../../engine/progress/progress-schema.js';
import type { NoticeLevel, TutorialSnapshot } from '../../engine/session/snapshot.js';
import type { PassedStep } from '../mirror/learner-record.js';
import { createProgressMirror, type MirrorSink, type ProgressMirror } from '../mirror/progress-mirror.js';

export interface MirroredSession {
  snapshot(): TutorialSnapshot;
  subscribe(listener: (snapshot: TutorialSnapshot) => void): () => void;
  notify(level: NoticeLevel, text: string): void;
}

export interface AttachedMirror {
  readonly mirror: ProgressMirror;
  /** Writes what is pending and stops following the session. */
  close(): Promise<void>;
}

/** Steps done according to the progress file (the mirror learns their times from the cluster, if it had them). */
export function passedFromProgress(progress: Progress): PassedStep[] {
  return Object.entries(progress.lessons).flatMap(([lesson, entry]) => entry.doneSteps.map((step) => ({ lesson, step })));
}

export function attachMirror(session: MirroredSession, options: { sink: MirrorSink; progress: Progress; debounceMs?: number }): AttachedMirror {
  const mirror = createProgressMirror({
    sink: options.sink,
    localPassed: passedFromProgress(options.progress),
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
    onStatus: (status) =>
      session.notify(
        status.ok ? 'info' : 'warn',
        status.ok
          ? "The instructor's board sees your progress again."
          : `The instructor's board cannot see your progress for now (${status.reason}); it is kept here and sent when the cluster answers.`,
      ),
  });
  mirror.observe(session.snapshot());
  const unsubscribe = session.subscribe((snapshot) => mirror.observe(snapshot));
  return {
    mirror,
    async close() {
      unsubscribe();
      await mirror.close();
    },
  };
}
