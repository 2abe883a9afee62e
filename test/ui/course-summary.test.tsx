/**
 * The closing summary in the real screen: when the session says the course is finished, the step
 * pane shows what the learner did, from the progress file (the real course's lessons), with the
 * metered rollouts marked by the theme's ok and fail symbols; readable with NO_COLOR and ASCII,
 * and in a short pane the oldest rollouts give way with a note.
 */
import { COLOUR_CODE, renderUi } from './support/render.js';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/engine/lessons/index.js';
import { buildSnapshot, initialState } from '../../src/engine/session/session-state.js';
import { FINISHED_MESSAGE, toTutorialData } from '../../src/engine/session/to-tutorial-data.js';
import { createTheme, ThemeContext, type TutorialData } from '../../src/ui/index.js';
import { CourseSummaryPane } from '../../src/ui/components/summary/course-summary-pane.js';
import { finishedProgress } from '../engine/summary/finished-progress.js';
import { renderScreen } from './support/screen.js';

const { course } = await loadCourse('lessons');

/** What the session publishes once the learner went past the capstone's last step. */
function finishedData(): TutorialData {
  return toTutorialData(buildSnapshot(course, { ...initialState(finishedProgress(course), 'kubedojo'), finished: true }));
}

const lessons = course.lessons.length;

describe('the course summary', () => {
  it('takes the step pane once the course is finished, in place of the one-line "finished"', async () => {
    const data = finishedData();
    expect(data.step).toBeUndefined();
    expect(data.emptyMessage).toBe(FINISHED_MESSAGE);
    const { ui } = await renderScreen(data);
    ui.resize(100, 32);
    const frame = await ui.waitFor((f) => f.includes('Course summary') && f.includes('revision 5'));
    // (The pane beside the outline is narrow: lines wrap under their text.)
    expect(frame).toContain(`Course complete: ${lessons - 1} of ${lessons} lessons done, 1 finished with skipped`);
    expect(frame).toMatch(/• Steps: \d+ of \d+ passed, 1 skipped; 6 hints used\./);
    expect(frame).toContain('• Time: 3 h 27 min, from the first lesson opened to the last one');
    expect(frame).toContain('• The downtime meter watched 5 rollouts whole: 4 with zero failed');
    // The newest rollout is always in view; older ones a short pane leaves out are counted.
    expect(frame).toContain('✔ shop, revision 5 in “black-friday”: 0 of 2611 requests failed');
    expect(frame).toMatch(/… \d earlier rollouts?/);
    expect(frame).not.toContain(FINISHED_MESSAGE);
  });

  it('lists every metered rollout when there is room, zero-failure ones green with ✔, the others ✖', async () => {
    const ui = await renderUi(<CourseSummaryPane summary={finishedData().courseSummary!} width={110} height={14} />, { keyboard: false });
    const frame = await ui.waitFor('Course summary');
    expect(frame).toContain('✖ shop, revision 2 in “downtime-you-can-see”: 22 of 72 requests failed over 4 s, the longest gap 3.5 s');
    expect(frame).toContain('✔ shop, revision 3 in “graceful-shutdown”: 0 of 1948 requests failed over 1 min 37 s');
    expect(frame.match(/✔ shop/g)).toHaveLength(4);
    expect(frame).not.toContain('earlier');
    const raw = ui.rawFrame().split('\n');
    expect(raw.find((line) => line.includes('revision 5 in'))).toMatch(COLOUR_CODE);
  });

  it('reads without colour in ASCII, wrapped at the pane width, never taller than the pane', async () => {
    const ui = await renderUi(
      <ThemeContext.Provider value={createTheme({ noColor: true, ascii: true })}>
        <CourseSummaryPane summary={finishedData().courseSummary!} width={70} height={11} />
      </ThemeContext.Provider>,
      { keyboard: false },
    );
    const frame = await ui.waitFor('Course summary');
    expect(ui.rawFrame()).not.toMatch(COLOUR_CODE);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(11);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(70);
    expect(lines[1]).toContain(`Course complete: ${lessons - 1} of ${lessons} lessons done`);
    // A fact that wraps continues under its text, not under the bullet.
    expect(frame).toMatch(/\* Time: 3 h 27 min, from the first lesson opened to the last one\n  finished\./);
    expect(frame).toMatch(/~ \d earlier rollouts/);
    expect(frame).toContain('[x] shop, revision 5 in “black-friday”');
    expect(frame).not.toContain('downtime-you-can-see');
  });
});
