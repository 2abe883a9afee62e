import { describe, expect, it, vi, afterEach } from 'vitest';
import {
  appendOutput,
  createOutputState,
  scrollOutput,
  visibleOutput,
} from '../../src/ui/components/output/output-state.js';
import { createOutputSink, type ViewAction } from '../../src/ui/index.js';
import { sanitizeLine } from '../../src/ui/text/sanitize.js';

const line = (text: string, stream: 'stdout' | 'stderr' = 'stdout') => ({ stream, text });

describe('output buffer', () => {
  it('keeps only the last `capacity` lines and counts the dropped ones', () => {
    let state = createOutputState(3);
    for (let i = 0; i < 5; i += 1) state = appendOutput(state, [line(`l${i}`)]);
    expect(state.lines.map((l) => l.text)).toEqual(['l2', 'l3', 'l4']);
    expect(state.dropped).toBe(2);
    state = appendOutput(state, [line('a'), line('b'), line('c'), line('d')]);
    expect(state.lines.map((l) => l.text)).toEqual(['b', 'c', 'd']);
    expect(state.dropped).toBe(6);
  });

  it('keeps at most `byteCapacity` bytes of text, dropping the oldest lines first', () => {
    // 10 characters = 20 bytes per line; 100 bytes hold five of them.
    let state = createOutputState(1000, 100);
    for (let i = 0; i < 8; i += 1) state = appendOutput(state, [line(`line-${i}....`)]);
    expect(state.lines.map((l) => l.text)).toEqual(['line-3....', 'line-4....', 'line-5....', 'line-6....', 'line-7....']);
    expect(state.bytes).toBe(100);
    expect(state.dropped).toBe(3);
    // One batch bigger than the buffer: only its newest lines stay.
    state = appendOutput(state, Array.from({ length: 20 }, (_, i) => line(`batch-${String(i).padStart(2, '0')}..`)));
    expect(state.lines.map((l) => l.text)).toEqual(['batch-15..', 'batch-16..', 'batch-17..', 'batch-18..', 'batch-19..']);
    expect(state.dropped).toBe(23);
  });

  it('cuts a single line longer than the whole buffer, and keeps it', () => {
    const state = appendOutput(createOutputState(1000, 100), [line('x'.repeat(10_000))]);
    expect(state.lines).toHaveLength(1);
    expect(state.lines[0]!.text).toBe('x'.repeat(49) + '…');
    expect(state.bytes).toBeLessThanOrEqual(100);
  });

  it('scrolls within bounds and keeps a scrolled view steady while lines arrive', () => {
    let state = createOutputState(100);
    state = appendOutput(state, Array.from({ length: 20 }, (_, i) => line(`l${i}`)));
    state = scrollOutput(state, 100, 5);
    expect(state.scroll).toBe(15);
    expect(visibleOutput(state, 5).lines.map((l) => l.text)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4']);
    state = scrollOutput(state, -10, 5);
    const before = visibleOutput(state, 5).lines;
    state = appendOutput(state, [line('new')]);
    expect(visibleOutput(state, 5).lines).toEqual(before);
    expect(visibleOutput(scrollOutput(state, -1000, 5), 5).lines.at(-1)?.text).toBe('new');
  });

  it('sanitizes what a child prints: colours, carriage returns, tabs', () => {
    expect(sanitizeLine('\u001b[31mred\u001b[0m')).toBe('red');
    expect(sanitizeLine('10%\r50%\r100%')).toBe('100%');
    expect(sanitizeLine('crlf\r')).toBe('crlf');
    expect(sanitizeLine('a\tb')).toBe('a       b');
    expect(appendOutput(createOutputState(2), [line('\u001b[1mbold\u001b[22m', 'stderr')]).lines).toEqual([line('bold', 'stderr')]);
  });
});

describe('output sink', () => {
  afterEach(() => vi.useRealTimers());

  it('batches lines: 5,000 lines written at once cost one dispatch', () => {
    vi.useFakeTimers();
    const actions: ViewAction[] = [];
    const sink = createOutputSink((action) => actions.push(action));
    for (let i = 0; i < 5000; i += 1) sink.write(i % 10 === 0 ? 'stderr' : 'stdout', `line ${i}\n`);
    expect(actions).toHaveLength(0);
    vi.advanceTimersByTime(16);
    expect(actions).toHaveLength(1);
    const first = actions[0];
    expect(first?.type === 'output' && first.lines.length).toBe(5000);
  });

  it('joins partial chunks into lines and flushes the rest when the child ends', () => {
    const actions: ViewAction[] = [];
    const sink = createOutputSink((action) => actions.push(action));
    sink.write('stdout', 'NAME   READY\nnginx');
    sink.write('stdout', '-1   1/1\nno newline');
    sink.close();
    const lines = actions.flatMap((a) => (a.type === 'output' ? a.lines.map((l) => l.text) : []));
    expect(lines).toEqual(['NAME   READY', 'nginx-1   1/1', 'no newline']);
  });
});
