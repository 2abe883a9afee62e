/**
 * A lesson's workspace: the files a lesson hands the learner to edit (front matter
 * `workspace: [assets/…]`), copied into a folder of their own under kubedojo's data directory,
 * one sub-folder per lesson (`…/kubedojo/workspace/<lesson-id>/`). The learner's commands run with
 * that folder as their working directory, so `kubectl apply -f storefront.yaml` reads the copy
 * they edited. Checks never read these files: they look at the cluster (lessons/README.md).
 *
 * A copy is made when a lesson opens and its file is missing, and replaced when the lesson is
 * reset or caught up: the learner's edits survive moving between steps, a reset starts over.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import envPaths from 'env-paths';
import type { Lesson } from '../lessons/schema.js';

/** `~/.local/share/kubedojo/workspace` on Linux (honours XDG_DATA_HOME), the OS's data folder elsewhere. */
export function defaultWorkspaceRoot(): string {
  return join(envPaths('kubedojo', { suffix: '' }).data, 'workspace');
}

export interface Workspace {
  /** The folder the lesson's commands run in. */
  dir: string;
  /** The file names in it, as the lesson text calls them (`storefront.yaml`). */
  files: string[];
}

/** Where `lesson`'s workspace lives, or undefined when it declares none. */
export function workspaceOf(lesson: Pick<Lesson, 'id' | 'workspace'>, root: string): Workspace | undefined {
  if (lesson.workspace.length === 0) return undefined;
  return { dir: join(root, lesson.id), files: lesson.workspace.map((file) => basename(file)) };
}

/**
 * Copies the lesson's workspace files from the course into its folder: all of them when
 * `fresh` (reset, catch-up, rehearse), else only those missing. Returns the workspace.
 */
export async function prepareWorkspace(
  lesson: Pick<Lesson, 'id' | 'workspace' | 'root'>,
  root: string,
  options: { fresh: boolean },
): Promise<Workspace | undefined> {
  const workspace = workspaceOf(lesson, root);
  if (workspace === undefined) return undefined;
  await mkdir(workspace.dir, { recursive: true });
  for (const source of lesson.workspace) {
    const target = join(workspace.dir, basename(source));
    if (!options.fresh && (await exists(target))) continue;
    await copyFile(join(lesson.root, source), target);
  }
  return workspace;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The one-line notice that tells the learner where their files are. */
export function workspaceNotice(workspace: Workspace): string {
  const files = workspace.files.join(', ');
  return `Your files for this lesson (${files}) are in ${workspace.dir}; commands run there, so \`kubectl apply -f ${workspace.files[0]}\` reads your copy. Type \`edit ${workspace.files[0]}\` to open it in your editor.`;
}
