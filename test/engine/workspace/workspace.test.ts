/** Lesson workspaces: copied from the course, kept across steps, fresh after a reset. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../../src/engine/lessons/index.js';
import { prepareWorkspace, workspaceNotice } from '../../../src/engine/workspace/workspace.js';

const { course } = await loadCourse('lessons');
const manifests = course.lessons.find((lesson) => lesson.id === 'manifests')!;

describe('lesson workspaces', () => {
  it("copies the lesson's files into a folder named after it, and keeps the learner's edits until a reset", async () => {
    const root = await mkdtemp(join(tmpdir(), 'kubedojo-workspace-'));
    const workspace = await prepareWorkspace(manifests, root, { fresh: false });
    expect(workspace).toEqual({ dir: join(root, 'manifests'), files: ['storefront.yaml', 'nginx-depl.yaml'] });
    const file = join(root, 'manifests', 'storefront.yaml');
    expect(await readFile(file, 'utf8')).toBe(await readFile(join(manifests.root, 'assets/ch2-workspace/storefront.yaml'), 'utf8'));

    await writeFile(file, 'edited');
    await prepareWorkspace(manifests, root, { fresh: false });
    expect(await readFile(file, 'utf8')).toBe('edited');
    await prepareWorkspace(manifests, root, { fresh: true });
    expect(await readFile(file, 'utf8')).toContain('replicas: 1');
    expect(workspaceNotice(workspace!)).toContain(`are in ${join(root, 'manifests')}`);
  });

  it('gives no folder to a lesson without files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kubedojo-workspace-'));
    expect(await prepareWorkspace(course.lessons[0]!, root, { fresh: true })).toBeUndefined();
  });
});
