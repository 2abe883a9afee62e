import { afterEach, describe, expect, it } from 'vitest';
import { COLOUR_CODE } from './support/render.js';
import { renderScreen, type ScreenHarness } from './support/screen.js';
import { data, lessons } from './support/fixtures.js';

let screen: ScreenHarness | undefined;
afterEach(() => screen?.ui.unmount());

describe('NO_COLOR and ASCII', () => {
  it('the colour theme does emit colour codes (the control for the next test)', async () => {
    screen = await renderScreen(data());
    expect(screen.ui.rawFrame()).toMatch(COLOUR_CODE);
  });

  it('the NO_COLOR theme emits no colour codes at all, even with a modal open', async () => {
    screen = await renderScreen(data(), { noColor: true });
    const { ui, store } = screen;
    store.dispatch({ type: 'command-started', command: 'kubectl get pods' });
    store.dispatch({ type: 'output', lines: [{ stream: 'stderr', text: '\u001b[31mchild colours are stripped\u001b[0m' }] });
    await ui.waitFor('child colours are stripped');
    expect(ui.rawFrame()).not.toMatch(COLOUR_CODE);
    ui.press('s');
    await ui.waitFor('Show the solution?');
    expect(ui.rawFrame()).not.toMatch(COLOUR_CODE);
  });

  it('ASCII mode draws the whole screen with ASCII characters only', async () => {
    screen = await renderScreen(data({ notices: [{ id: '1', level: 'warn', text: 'progress file was unreadable; saved as progress.json.bak' }] }), {
      ascii: true,
    });
    const { ui } = screen;
    await ui.waitFor('progress file was unreadable');
    const nonAscii = [...ui.frame()].filter((c) => c.charCodeAt(0) > 127);
    expect(nonAscii).toEqual([]);
    expect(ui.frame()).toContain('[ ] two Pods ready');
    ui.press('?');
    await ui.waitFor('Keys');
    expect([...ui.frame()].filter((c) => c.charCodeAt(0) > 127)).toEqual([]);
  });
});

describe('resize', () => {
  it('re-lays out when the terminal shrinks to 80 columns, and grows back', async () => {
    // Given the test terminal's 100 columns: the outline is a column
    screen = await renderScreen(data());
    const { ui } = screen;
    const wide = await ui.waitFor('─ Course');
    expect(wide).toContain('Rolling updates');
    // When the terminal is resized to 80 columns
    ui.resize(80, 24);
    // Then the outline folds into a bar and no line is wider than 80
    const narrow = await ui.waitFor((f) => f.includes('1/3 lessons done'));
    expect(narrow).not.toContain('Rolling updates');
    for (const line of narrow.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(narrow.split('\n').length).toBeLessThanOrEqual(24);
    // And it grows back
    ui.resize(120, 30);
    const back = await ui.waitFor('Rolling updates');
    expect(back.split('\n').some((l) => [...l].length > 100)).toBe(true);
  });

  it('removes its resize listener on unmount', async () => {
    screen = await renderScreen(data());
    const { ui } = screen;
    expect(ui.stdout.listenerCount('resize')).toBeGreaterThan(0);
    ui.unmount();
    expect(ui.stdout.listenerCount('resize')).toBe(0);
    screen = undefined;
  });

  it('fits 80x24 exactly with a notice and a reconnecting cluster', async () => {
    screen = await renderScreen(
      data({
        outline: { lessons, currentLessonId: 'deploy' },
        notices: [{ id: 'n', level: 'warn', text: 'progress file was unreadable; saved as progress.json.bak' }],
        cluster: { context: 'minikube', sandbox: false, namespace: 'tutorial', connection: { state: 'reconnecting', retryAt: Date.now() + 4500 } },
      }),
    );
    const { ui } = screen;
    ui.resize(80, 24);
    const frame = await ui.waitFor((f) => f.includes('1/3 lessons done'));
    expect(frame).toMatch(/reconnecting · retry in [45]s/);
    expect(frame.split('\n')[1]).toContain('! progress file was unreadable');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
  });
});
