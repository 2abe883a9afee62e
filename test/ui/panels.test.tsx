import { renderUi, stripAnsi } from './support/render.js';
import { describe, expect, it } from 'vitest';
import { ChecksPanel, CourseOutline, PodsPanel, ThemeContext, createTheme, type PodView } from '../../src/ui/index.js';
import { failingChecks, lessons, passingChecks } from './support/fixtures.js';

const GREEN = '\u001b[32m';
const YELLOW = '\u001b[33m';
const RED = '\u001b[31m';
const MAGENTA = '\u001b[35m';
const DIM = '\u001b[2m';

/** The raw (ANSI) line of the frame whose text contains `needle`. */
function rawLine(raw: string, needle: string): string {
  const line = raw.split('\n').find((l) => stripAnsi(l).includes(needle));
  if (line === undefined) throw new Error(`no line with ${needle} in\n${stripAnsi(raw)}`);
  return line;
}

describe('course outline', () => {
  it('shows each lesson with its status symbol and step count, the current one marked', async () => {
    const ui = await renderUi(<CourseOutline outline={{ lessons, currentLessonId: 'deploy' }} width={34} height={6} />, { keyboard: false });
    const frame = await ui.waitFor('Rolling updates');
    expect(frame).toMatch(/ {2}✔ Start a cluster +3\/3/);
    expect(frame).toMatch(/❯ ○ Your first Deployment +1\/4/);
    expect(frame).toMatch(/ {2}◌ Rolling updates +0\/3/);
    ui.unmount();
  });

  it('draws the progress bar from steps done over all steps (4/10 = 40%)', async () => {
    const ui = await renderUi(<CourseOutline outline={{ lessons, currentLessonId: 'deploy' }} width={25} height={6} />, { keyboard: false });
    const frame = await ui.waitFor('%');
    const bar = frame.split('\n').find((l) => l.includes('%')) ?? '';
    // 25 columns: one space, a 20-cell bar, " 40%".
    expect(bar).toBe(` ${'█'.repeat(8)}${'░'.repeat(12)} 40%`);
    ui.unmount();
  });

  it('uses ASCII symbols when asked', async () => {
    const ui = await renderUi(
      <ThemeContext.Provider value={createTheme({ ascii: true })}>
        <CourseOutline outline={{ lessons, currentLessonId: 'deploy' }} width={34} height={6} />
      </ThemeContext.Provider>,
      { keyboard: false },
    );
    const frame = await ui.waitFor('Rolling updates');
    expect(frame).toContain('[x] Start a cluster');
    expect(frame).toContain('> [ ] Your first Deployment');
    expect(frame).toContain('[-] Rolling updates');
    expect(frame).toContain('########------------');
    ui.unmount();
  });
});

describe('checks panel', () => {
  it('marks each check and says what is missing under a failing one', async () => {
    const ui = await renderUi(<ChecksPanel checks={failingChecks} passed={false} width={50} height={5} />, { keyboard: false });
    const frame = await ui.waitFor('two Pods ready');
    expect(frame).toContain('Checks · 1/2');
    expect(frame).toContain('✔ deployment nginx-depl exists');
    expect(frame).toMatch(/✖ two Pods ready\n\s+deployment nginx-depl: 1\/2 Pods ready/);
    expect(frame).not.toContain('step passed');
    expect(rawLine(ui.rawFrame(), 'two Pods ready')).toContain(RED);
    ui.unmount();
  });

  it('shows the "step passed — press n" banner once all pass', async () => {
    const ui = await renderUi(<ChecksPanel checks={passingChecks} passed width={50} height={5} />, { keyboard: false });
    const frame = await ui.waitFor('step passed');
    expect(frame).toContain('✔ step passed — press n');
    expect(frame).not.toContain('✖');
    ui.unmount();
  });

  it('falls back to [x] / [ ] in ASCII mode', async () => {
    const ui = await renderUi(
      <ThemeContext.Provider value={createTheme({ ascii: true })}>
        <ChecksPanel checks={failingChecks} passed={false} width={50} height={5} />
      </ThemeContext.Provider>,
      { keyboard: false },
    );
    const frame = await ui.waitFor('two Pods ready');
    expect(frame).toContain('[x] deployment nginx-depl exists');
    expect(frame).toContain('[ ] two Pods ready');
    ui.unmount();
  });
});

describe('pods panel', () => {
  const pods: PodView[] = [
    { name: 'web-1', ready: '1/1', status: 'Running', restarts: 0, age: '2m' },
    { name: 'web-2', ready: '0/1', status: 'ContainerCreating', restarts: 0, age: '3s' },
    { name: 'web-3', ready: '1/1', status: 'Terminating', restarts: 0, age: '5m' },
    { name: 'web-4', ready: '0/1', status: 'CrashLoopBackOff', restarts: 4, age: '1m' },
    { name: 'web-5', ready: '0/1', status: 'ImagePullBackOff', restarts: 0, age: '1m' },
  ];

  it('colours each row by status', async () => {
    const ui = await renderUi(<PodsPanel pods={pods} width={60} height={8} />, { keyboard: false });
    await ui.waitFor('web-5');
    const raw = ui.rawFrame();
    expect(rawLine(raw, 'web-1')).toContain(GREEN);
    expect(rawLine(raw, 'web-2')).toContain(YELLOW);
    expect(rawLine(raw, 'web-3')).toContain(MAGENTA);
    expect(rawLine(raw, 'web-3')).toContain(DIM);
    expect(rawLine(raw, 'web-4')).toContain(RED);
    expect(rawLine(raw, 'web-5')).toContain(RED);
    expect(rawLine(raw, 'web-1')).not.toContain(RED);
    ui.unmount();
  });

  it('cuts rows to the panel width, keeping the unique end of long names', async () => {
    const long: PodView[] = [{ name: 'nginx-depl-7d9f8c6b5d-abcde', ready: '1/1', status: 'ContainerCreating', restarts: 0, age: '10s' }];
    const ui = await renderUi(<PodsPanel pods={long} width={36} height={4} />, { keyboard: false });
    const frame = await ui.waitFor('abcde');
    for (const line of frame.split('\n')) expect([...line.trimEnd()].length).toBeLessThanOrEqual(36);
    // NAME keeps its unique suffix; the long STATUS gave up columns for it.
    expect(frame).toMatch(/^nginx…-abcde 1\/1 +Contai\S*… 10s$/m);
    ui.unmount();
  });
});
