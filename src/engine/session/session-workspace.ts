/**
 * The session's side of lesson workspaces and in-app commands: which folder the current lesson's
 * commands run in, copying its files when it opens (fresh after a reset or catch-up), telling the
 * learner where they are once per lesson, and the cluster reads the in-app commands need.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { nodeAddresses, servicePorts } from '../in-app/cluster-reads.js';
import { matchInAppCommand, type InAppCommand } from '../in-app/in-app-commands.js';
import type { Lesson } from '../lessons/schema.js';
import { defaultWorkspaceRoot, prepareWorkspace, workspaceNotice, workspaceOf } from '../workspace/workspace.js';
import type { NoticeLevel } from './snapshot.js';

export interface LessonWorkspaceDeps {
  root: string | undefined;
  namespace: string;
  sandbox(): boolean;
  kubeconfig(): KubeConfig | undefined;
  notify(level: NoticeLevel, text: string): void;
}

export interface LessonWorkspace {
  /** The lesson opened a step: its files are copied if missing, and announced once. */
  open(lesson: Lesson): void;
  /** Its start state was rebuilt: the files start over. */
  refresh(lesson: Lesson): Promise<void>;
  dir(): string | undefined;
  inApp(argv: readonly string[]): InAppCommand | undefined;
}

export function lessonWorkspace(deps: LessonWorkspaceDeps): LessonWorkspace {
  const root = deps.root ?? defaultWorkspaceRoot();
  let current: Lesson | undefined;
  let announced: string | undefined;
  // The copy of the open lesson, awaited before a command runs in its folder.
  let copying: Promise<unknown> = Promise.resolve();

  const copy = (lesson: Lesson, fresh: boolean): Promise<void> =>
    prepareWorkspace(lesson, root, { fresh }).then(
      (workspace) => {
        if (workspace === undefined || announced === lesson.id) return;
        announced = lesson.id;
        deps.notify('info', workspaceNotice(workspace));
      },
      (error: unknown) => deps.notify('error', `Could not copy the lesson's files into ${root}: ${error instanceof Error ? error.message : String(error)}`),
    );

  return {
    open(lesson) {
      if (current?.id !== lesson.id) announced = undefined;
      current = lesson;
      copying = copy(lesson, false);
    },
    async refresh(lesson) {
      announced = undefined;
      await (copying = copy(lesson, true));
    },
    dir: () => (current === undefined ? undefined : workspaceOf(current, root)?.dir),
    inApp(argv) {
      const command = matchInAppCommand(argv, {
        namespace: deps.namespace,
        sandbox: deps.sandbox,
        workspaceDir: () => (current === undefined ? undefined : workspaceOf(current, root)?.dir),
        nodeAddresses: async () => {
          const kubeconfig = deps.kubeconfig();
          return kubeconfig === undefined ? [] : nodeAddresses(kubeconfig).catch(() => []);
        },
        readService: async (namespace, name) => {
          const kubeconfig = deps.kubeconfig();
          if (kubeconfig === undefined) throw new Error('not connected to a cluster yet');
          return servicePorts(kubeconfig, namespace, name);
        },
      });
      if (command?.kind !== 'inline') return command;
      const pending = copying;
      return { ...command, run: async (context) => (await pending, command.run(context)) };
    },
  };
}
