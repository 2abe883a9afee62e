/**
 * Workshop mode in the running app, once connected: the progress mirror (the board's view of this
 * learner), `!` raising the hand, and the instructor's pacing — watched on the cluster, shown as
 * locked lessons, and enforced when the learner moves on.
 */
import { KeptAliveKubeConfig } from '../../engine/cluster/kept-alive-kubeconfig.js';
import type { Course } from '../../engine/lessons/load-course.js';
import type { Progress } from '../../engine/progress/progress-schema.js';
import type { TutorialSession } from '../../engine/session/session-api.js';
import type { TutorialSnapshot } from '../../engine/session/snapshot.js';
import type { TutorialData } from '../../ui/model.js';
import { configMapSink } from '../mirror/configmap-sink.js';
import { attachMirror, type AttachedMirror } from './attach-mirror.js';
import { watchPace, type PaceWatch } from '../pace/pace-cluster.js';
import { lockedLessons, pacedData, PACED_REASON, type Pace } from '../pace/pace.js';
import { stepsOutsideNamespace } from '../plan/course-rules.js';
import { outsideStepTeller } from './outside-steps.js';

export interface WorkshopLearner {
  /** `!`: true when the hand went up. */
  raiseHand(): boolean;
  /** The screen's data with the paced lessons locked. */
  pace(data: TutorialData): TutorialData;
  /** The session as the screen should drive it: moves into a locked lesson are refused. */
  guard(session: TutorialSession): TutorialSession;
  /** Starts mirroring and watching the pace; call once the session is connected. */
  start(session: TutorialSession, progress: Progress): void;
  close(): Promise<void>;
}

export function createWorkshopLearner(options: { course: Course; namespace: string }): WorkshopLearner {
  const lessonIds = options.course.lessons.map((lesson) => lesson.id);
  let pace: Pace = {};
  let attached: AttachedMirror | undefined;
  let paceWatch: PaceWatch | undefined;
  let stopTelling: (() => void) | undefined;
  let kubeconfig: KeptAliveKubeConfig | undefined;

  const lockedTarget = (snapshot: TutorialSnapshot): string | undefined => {
    const step = snapshot.step;
    if (step === undefined || step.index < step.count - 1) return undefined;
    const next = lessonIds[lessonIds.indexOf(step.lessonId) + 1];
    return next !== undefined && lockedLessons(lessonIds, pace).has(next) ? next : undefined;
  };

  return {
    raiseHand() {
      if (attached === undefined) return false;
      attached.mirror.raiseHand();
      return true;
    },
    pace: (data) => pacedData(data, pace),
    guard(session) {
      const refuse = (): false => {
        session.notify('info', `${PACED_REASON}. Your hand (!) tells the instructor you are ready.`);
        return false;
      };
      return Object.assign(Object.create(session) as TutorialSession, {
        nextStep: async () => (lockedTarget(session.snapshot()) !== undefined ? refuse() : session.nextStep()),
        skipStep: async () => (lockedTarget(session.snapshot()) !== undefined && session.snapshot().passed ? refuse() : session.skipStep()),
        chooseLesson: async (id: string) => {
          if (id !== session.snapshot().currentLessonId && lockedLessons(lessonIds, pace).has(id)) return void refuse();
          return session.chooseLesson(id);
        },
      });
    },
    start(session, progress) {
      const kubeconfigPath = session.kubeconfigPath;
      if (kubeconfigPath === undefined || attached !== undefined) return;
      // The mirror's writes and the pace watch share kept-alive connections: a pass's PATCH pays
      // no TLS handshake (issue 10's pass → board row).
      kubeconfig = KeptAliveKubeConfig.fromFile(kubeconfigPath);
      attached = attachMirror(session, { sink: configMapSink(kubeconfig, options.namespace), progress });
      // Steps outside the learner's namespace (lesson 1's `get pods -A`, lesson 9): said on entering them.
      const teller = outsideStepTeller(stepsOutsideNamespace(options.course), options.namespace);
      const tell = (snapshot: TutorialSnapshot): void => {
        const notice = teller.observe(snapshot);
        if (notice !== undefined) session.notify('info', notice);
      };
      tell(session.snapshot());
      stopTelling = session.subscribe(tell);
      paceWatch = watchPace(kubeconfig, options.namespace, (next) => {
        if ((next.upTo ?? '') === (pace.upTo ?? '')) return;
        pace = next;
        const index = next.upTo ? lessonIds.indexOf(next.upTo) : -1;
        // The notice also redraws the outline with the new locks.
        session.notify('info', index < 0 ? 'Your instructor opened every lesson.' : `Your instructor opened the lessons up to ${index + 1} “${options.course.lessons[index]?.title ?? next.upTo}”.`);
      });
    },
    async close() {
      stopTelling?.();
      paceWatch?.stop();
      await attached?.close();
      await kubeconfig?.close();
    },
  };
}
