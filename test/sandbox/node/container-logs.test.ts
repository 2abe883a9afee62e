/**
 * Container logs stored packed (log-run.ts) and bounded node-wide (log-budget.ts), issue #7: reads
 * give what a line-per-object log gave (checked against a plain reference for every selection), a
 * run rotates by whole segments, and over the node's budget the chattiest runs lose their oldest
 * lines first while quiet ones keep everything.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/sandbox/clock.js';
import { PODS } from '../../../src/sandbox/controllers/kinds.js';
import { ContainerLogs, MAX_LOG_BYTES } from '../../../src/sandbox/node/container-logs.js';
import { fairShareLevel } from '../../../src/sandbox/node/log-budget.js';
import { CRI_LINE_OVERHEAD, LogClock, LogRun, SEGMENT_BYTES, type Selection } from '../../../src/sandbox/node/log-run.js';
import { ObjectStore } from '../../../src/sandbox/store/object-store.js';

/** What a log of one object per line returns: the reference the packed store must agree with. */
function reference(lines: { text: string; time: number }[], s: Selection, clock: LogClock): string {
  let from = s.since === undefined ? 0 : lines.findIndex((l) => l.time >= s.since!);
  if (from < 0) from = lines.length;
  if (s.tailLines !== undefined) from = Math.max(from, lines.length - s.tailLines);
  const text = lines
    .slice(from)
    .map((l) => (s.timestamps ? `${clock.rfc3339(l.time)} ${l.text}\n` : `${l.text}\n`))
    .join('');
  return s.limitBytes === undefined ? text : Buffer.from(text).subarray(0, s.limitBytes).toString();
}

describe('a packed log run', () => {
  it('answers every selection as a line-per-object log would, across segments', () => {
    const clock = new LogClock(Date.parse('2026-01-02T03:04:05Z'));
    const run = new LogRun();
    const lines: { text: string; time: number }[] = [];
    // Lines of varied length, some not ASCII, some empty, over several segments.
    for (let i = 0; i < 400; i++) {
      const text = i % 7 === 0 ? '' : `${i} ${'é'.repeat(i % 5)}${'x'.repeat((i * 37) % 150)}`;
      const time = i * 1_000_000_123;
      lines.push({ text, time });
      run.add(text, time);
    }
    expect(run.bytes).toBe(lines.reduce((sum, l) => sum + Buffer.byteLength(l.text) + CRI_LINE_OVERHEAD, 0));
    const selections: Selection[] = [];
    for (const timestamps of [false, true]) {
      for (const tailLines of [undefined, 0, 1, 3, 57, 399, 400, 1000]) {
        for (const since of [undefined, -5, 0, 1_000_000_123 * 200, 1_000_000_123 * 200 + 1, 1e15]) {
          for (const limitBytes of [undefined, 1, 100, 5000, 1e9]) selections.push({ timestamps, tailLines, since, limitBytes });
        }
      }
    }
    for (const s of selections) expect(run.read(s, clock), JSON.stringify(s)).toBe(reference(lines, s, clock));
  });

  it('renders times as Go RFC3339Nano, trailing zeros dropped', () => {
    const clock = new LogClock(Date.parse('2026-01-02T03:04:05.120Z'));
    expect(clock.rfc3339(0)).toBe('2026-01-02T03:04:05.12Z');
    expect(clock.rfc3339(880_000_000)).toBe('2026-01-02T03:04:06Z');
    expect(clock.rfc3339(1_000_007)).toBe('2026-01-02T03:04:05.121000007Z');
    const live = new LogClock();
    const a = live.next();
    const b = live.next();
    expect(b).toBeGreaterThan(a);
  });

  it('rotates whole segments, oldest first, and never keeps more than asked', () => {
    const run = new LogRun();
    for (let i = 0; i < 2000; i++) run.add(`line ${i} ${'y'.repeat(100)}`, i);
    const freed = run.trimTo(50_000);
    expect(run.bytes).toBeLessThanOrEqual(50_000);
    expect(run.bytes).toBeGreaterThan(50_000 - SEGMENT_BYTES - 200);
    const kept = run.read({ timestamps: false }, new LogClock()).split('\n').filter(Boolean);
    // The newest lines are the ones kept, with none missing in between.
    expect(kept.at(-1)).toMatch(/^line 1999 /);
    expect(kept.length).toBe(Number(/^line (\d+)/.exec(kept.at(-1)!)![1]) - Number(/^line (\d+)/.exec(kept[0]!)![1]) + 1);
    const written = Array.from({ length: 2000 }, (_, i) => `line ${i} ${'y'.repeat(100)}`.length + CRI_LINE_OVERHEAD).reduce((x, y) => x + y);
    expect(freed + run.bytes).toBe(written);
    expect(run.clear()).toBeGreaterThan(0);
    expect(run.bytes).toBe(0);
    expect(run.read({ timestamps: false }, new LogClock())).toBe('');
  });
});

describe('the fair-share level', () => {
  it('cuts only the largest, to one common level, so the total fits', () => {
    expect(fairShareLevel([100, 10, 10], 200)).toBe(Number.POSITIVE_INFINITY);
    expect(fairShareLevel([100, 10, 10], 60)).toBe(40);
    expect(fairShareLevel([100, 80, 10], 110)).toBe(50);
    expect(fairShareLevel([100, 10, 10], 15)).toBe(5);
    expect(fairShareLevel([], 0)).toBe(Number.POSITIVE_INFINITY);
    for (let trial = 0; trial < 200; trial++) {
      const sizes = Array.from({ length: 1 + (trial % 17) }, (_, i) => ((i * 7919 + trial * 104729) % 5000) + 1);
      const target = (trial * 977) % 20000;
      const level = fairShareLevel(sizes, target);
      const total = sizes.reduce((sum, s) => sum + Math.min(s, level), 0);
      expect(total).toBeLessThanOrEqual(Math.max(target, 0));
      // The level is the largest that fits: one more byte each for the cut runs would not.
      if (Number.isFinite(level)) expect(sizes.reduce((sum, s) => sum + Math.min(s, level + 1), 0)).toBeGreaterThan(target);
    }
  });
});

function nodeLogs(budgetBytes: number) {
  const store = new ObjectStore();
  const logs = new ContainerLogs(store, new SimClock(1), { budgetBytes });
  const podNamed = (name: string) => store.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'app' }] } }).metadata.uid as string;
  const read = (name: string, options: { previous?: boolean; tailLines?: number } = {}) => logs.read('default', name, 'app', { previous: false, timestamps: false, ...options });
  return { logs, podNamed, read };
}

describe('the node-wide budget', () => {
  it('takes the oldest lines of the chattiest containers first; a quiet one keeps all it wrote', () => {
    const budget = 200_000;
    const { logs, podNamed, read } = nodeLogs(budget);
    const quiet = podNamed('quiet');
    const loud = ['loud-a', 'loud-b', 'loud-c'].map(podNamed);
    logs.start(quiet, 'app');
    for (const uid of loud) logs.start(uid, 'app');
    logs.append(quiet, 'app', ['quiet first', 'quiet second']);
    for (const uid of loud) logs.append(uid, 'app', ['loud first']);
    for (let i = 0; i < 3000; i++) for (const uid of loud) logs.append(uid, 'app', [`access ${i} ${'z'.repeat(90)}`]);
    logs.append(quiet, 'app', ['quiet third']);

    expect(logs.retainedBytes).toBeLessThanOrEqual(budget);
    expect(read('quiet')).toBe('quiet first\nquiet second\nquiet third\n');
    for (const name of ['loud-a', 'loud-b', 'loud-c']) {
      const text = read(name);
      expect(text).not.toContain('loud first');
      expect(text.endsWith(`access 2999 ${'z'.repeat(90)}\n`)).toBe(true);
      // Each loud run holds about a third of what the budget leaves after the quiet one.
      expect(Buffer.byteLength(text)).toBeGreaterThan(budget / 3 / 4);
    }
    expect(read('loud-b', { tailLines: 2 })).toBe(`access 2998 ${'z'.repeat(90)}\naccess 2999 ${'z'.repeat(90)}\n`);
  });

  it('counts the previous run, and a Pod that is gone gives its bytes back', () => {
    const { logs, podNamed, read } = nodeLogs(1024 * 1024);
    const uid = podNamed('restarts');
    logs.start(uid, 'app');
    logs.append(uid, 'app', ['run 1']);
    logs.start(uid, 'app');
    logs.append(uid, 'app', ['run 2']);
    logs.start(uid, 'app');
    logs.append(uid, 'app', ['run 3']);
    expect(read('restarts')).toBe('run 3\n');
    expect(read('restarts', { previous: true })).toBe('run 2\n');
    // The run before the previous one is gone, with its bytes.
    expect(logs.retainedBytes).toBe(2 * ('run 2'.length + CRI_LINE_OVERHEAD));
    logs.forget(uid);
    expect(logs.retainedBytes).toBe(0);
  });

  it('a run alone is still capped at MAX_LOG_BYTES, as the kubelet rotates it', () => {
    const { logs, podNamed, read } = nodeLogs(64 * 1024 * 1024);
    const uid = podNamed('alone');
    logs.start(uid, 'app');
    for (let i = 0; i < 10_000; i++) logs.append(uid, 'app', [`line ${i} ${'q'.repeat(100)}`]);
    expect(logs.retainedBytes).toBeLessThanOrEqual(MAX_LOG_BYTES);
    expect(logs.retainedBytes).toBeGreaterThan(MAX_LOG_BYTES - SEGMENT_BYTES - 200);
    expect(read('alone', { tailLines: 1 })).toBe(`line 9999 ${'q'.repeat(100)}\n`);
  });

  it('an output with line breaks is one log line per line, as in a CRI log', () => {
    const { logs, podNamed, read } = nodeLogs(1024 * 1024);
    const uid = podNamed('multi');
    logs.start(uid, 'app');
    logs.append(uid, 'app', ['a\nb', 'c']);
    expect(read('multi')).toBe('a\nb\nc\n');
    expect(read('multi', { tailLines: 2 })).toBe('b\nc\n');
  });
});

/** V8's gc() without --expose-gc on the command line (as memory-trim.ts gets it). */
function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('memory per retained line', () => {
  it('an 88-byte access-log line costs ~105 B of heap, not the ~193 B it took as an object, a BigInt and a string', () => {
    const { logs, podNamed } = nodeLogs(1024 * 1024 * 1024);
    const uids = Array.from({ length: 20 }, (_, i) => podNamed(`web-${i}`));
    for (const uid of uids) logs.start(uid, 'app');
    gc();
    const before = process.memoryUsage().heapUsed;
    const LINES = 1000;
    // Built as nginx-app.ts builds an access line (a template of many parts).
    const time = (i: number) => `07/Dec/2026:17:${String(i % 60).padStart(2, '0')}:38 +0000`;
    for (let i = 0; i < LINES; i++) {
      for (const uid of uids) logs.append(uid, 'app', [`${'10.244.0.1'} - - [${time(i)}] "${'GET'} ${'/'} HTTP/1.1" ${200} ${615} "${'-'}" "${'wrk/4.2.0'}" "${'-'}"`]);
    }
    gc();
    const perLine = (process.memoryUsage().heapUsed - before) / (LINES * uids.length);
    console.log(`container logs: ${perLine.toFixed(0)} B of heap per retained 88-byte access line`);
    expect(perLine).toBeLessThan(140);
  });
});
