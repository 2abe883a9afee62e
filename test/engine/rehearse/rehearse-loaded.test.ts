/**
 * `rehearse({ loaded })` uses the course it is given and reads no lesson file: the room's bench
 * parses the course once for many rehearsals. No cluster is reached: the course is refused first.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../../src/engine/lessons/load-course.js';
import { rehearse } from '../../../src/engine/rehearse/index.js';

describe('rehearse with a loaded course', () => {
  it("reports the given load's diagnostics, not a missing lessons folder", async () => {
    const summary = await rehearse({
      lessonsDir: '/nonexistent/lessons',
      loaded: { course: { dir: '/nonexistent/lessons', lessons: [] }, diagnostics: [{ file: '20-rolling-updates.md', line: 3, message: 'title: required' }] },
      kubeconfigPath: '/nonexistent/kubeconfig',
      namespace: 'kubedojo',
    });
    expect(summary.failures).toEqual([{ phase: 'load', message: '20-rolling-updates.md:3: title: required', checks: [] }]);
  });

  it('finds the lessons in the given course', async () => {
    const loaded = await loadCourse('lessons');
    const summary = await rehearse({ lessonsDir: '/nonexistent/lessons', loaded, only: ['no-such-lesson'], kubeconfigPath: '/nonexistent/kubeconfig', namespace: 'kubedojo' });
    expect(summary.failures.map((failure) => failure.message)).toEqual(['no lesson no-such-lesson in /nonexistent/lessons']);
    // Its lessons, not a folder read: an id the course has gets past the lesson check to the cluster.
    const known = await rehearse({ lessonsDir: '/nonexistent/lessons', loaded, only: ['rolling-updates'], kubeconfigPath: '/nonexistent/kubeconfig', namespace: 'kubedojo', allowRemote: true });
    expect(known.failures.map((failure) => failure.phase)).toEqual(['setup']);
    expect(known.lessons).toBe(1);
  });
});
