import { stripAnsi } from './support/render.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutputSink, createViewStore } from '../../src/ui/index.js';
import { renderScreen, type ScreenHarness } from './support/screen.js';
import { data } from './support/fixtures.js';

let screen: ScreenHarness | undefined;
afterEach(() => screen?.ui.unmount());

describe('live output', () => {
  it('streams 5,000 lines, keeps only the buffer, renders only what fits, and still handles keys', async () => {
    // Given a screen whose store keeps 300 lines
    const store = createViewStore({ outputCapacity: 300 });
    screen = await renderScreen(data(), {}, store);
    const { ui, intents } = screen;
    store.dispatch({ type: 'command-started', command: 'kubectl get pods -w' });
    const sink = createOutputSink(store.dispatch, { intervalMs: 5 });

    // When a child prints 5,000 lines (every 7th on stderr)
    for (let i = 0; i < 5000; i += 1) sink.write(i % 7 === 0 ? 'stderr' : 'stdout', `line ${i}\n`);
    const frame = await ui.waitFor(/line 4999$/m);

    // Then the store holds only the buffer and the pane only the rows that fit (80x24 → 6 rows)
    expect(store.getState().output.lines).toHaveLength(300);
    expect(store.getState().output.dropped).toBe(4700);
    const shown = frame.split('\n').filter((l) => /line \d+$/.test(l));
    expect(shown.map((l) => l.trim().split(' ').at(-1))).toEqual(['4994', '4995', '4996', '4997', '4998', '4999']);
    expect(frame).toContain('4994 earlier');
    // stderr lines carry the gutter marker (4998 = 7 × 714)
    expect(frame).toMatch(/^▌ line 4998$/m);
    expect(frame).toMatch(/^ {2}line 4999$/m);

    // And a key right after the flood is handled
    ui.press('h');
    await ui.waitFor('Hint 1/2');
    expect(intents.revealHint).toHaveBeenCalledWith(0);
    ui.press('esc');
    await ui.waitFor('stopping');
    expect(intents.stopCommand).toHaveBeenCalledTimes(1);
  });

  it('colours stderr lines and shows the exit code', async () => {
    const store = createViewStore();
    screen = await renderScreen(data(), {}, store);
    const { ui } = screen;
    store.dispatch({ type: 'command-started', command: 'kubectl get deploy nope' });
    store.dispatch({
      type: 'output',
      lines: [
        { stream: 'stdout', text: 'partial output' },
        { stream: 'stderr', text: 'Error from server (NotFound): deployments.apps "nope" not found' },
      ],
    });
    store.dispatch({ type: 'command-exited', exitCode: 1 });
    await ui.waitFor('exit 1');
    const raw = ui.rawFrame().split('\n');
    const errorLine = raw.find((l) => stripAnsi(l).includes('NotFound')) ?? '';
    const outLine = raw.find((l) => stripAnsi(l).includes('partial output')) ?? '';
    expect(errorLine).toContain('\u001b[31m');
    expect(outLine).not.toContain('\u001b[31m');
  });

  it('PgUp scrolls back through the buffer', async () => {
    const store = createViewStore();
    screen = await renderScreen(data(), {}, store);
    const { ui } = screen;
    store.dispatch({ type: 'command-started', command: 'seq 50' });
    store.dispatch({ type: 'output', lines: Array.from({ length: 50 }, (_, i) => ({ stream: 'stdout' as const, text: `n${i + 1}` })) });
    await ui.waitFor(/^ {2}n50$/m);
    ui.press('pageup');
    const frame = await ui.waitFor('newer');
    expect(frame).toMatch(/^ {2}n45$/m);
    expect(frame).not.toMatch(/^ {2}n50$/m);
  });
});
