import { describe, expect, it } from 'vitest';
import { createFrameScheduler, createOutputSink, type FrameClock, type ViewAction } from '../../src/ui/index.js';

/** A clock the test moves: timers fire in time order as `advance` passes them. */
function manualClock() {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: FrameClock = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++nextId;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number): void => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = end;
  };
  return { clock, advance, pendingTimers: () => timers.size };
}

describe('frame scheduler', () => {
  it('runs the first change after a quiet spell at once, and a burst as one frame', () => {
    const { clock, advance } = manualClock();
    const frames = createFrameScheduler({ intervalMs: 33, clock });
    let runs = 0;
    const job = () => void runs++;
    for (let i = 0; i < 100; i++) frames.request(job);
    expect(runs).toBe(0);
    advance(0);
    expect(runs).toBe(1);
  });

  it('holds changes to one frame per interval however often they come', () => {
    const { clock, advance } = manualClock();
    const frames = createFrameScheduler({ intervalMs: 33, clock });
    const frameTimes: number[] = [];
    const job = () => void frameTimes.push(clock.now());
    // A change every 2 ms for a second (a child printing fast).
    for (let t = 0; t < 1000; t += 2) {
      frames.request(job);
      advance(2);
    }
    advance(100);
    // 1,000 ms at one frame per 33 ms: 31 frames, and never two closer than the interval.
    expect(frameTimes.length).toBeLessThanOrEqual(Math.ceil(1000 / 33) + 1);
    expect(frameTimes.length).toBeGreaterThanOrEqual(Math.floor(1000 / 33));
    for (let i = 1; i < frameTimes.length; i++) expect(frameTimes[i]! - frameTimes[i - 1]!).toBeGreaterThanOrEqual(33);
  });

  it('flush runs what waits now, and the next frame comes a whole interval later', () => {
    const { clock, advance } = manualClock();
    const frames = createFrameScheduler({ intervalMs: 33, clock });
    const ran: string[] = [];
    frames.request(() => ran.push('a'));
    advance(0);
    advance(10);
    frames.request(() => ran.push('b'));
    // A key at t=10: b is drawn with it, not 23 ms later.
    frames.flush();
    expect(ran).toEqual(['a', 'b']);
    frames.request(() => ran.push('c'));
    advance(32);
    expect(ran).toEqual(['a', 'b']);
    advance(1);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('runs a job asked for twice before its frame once, and one asked for during a frame at the next', () => {
    const { clock, advance } = manualClock();
    const frames = createFrameScheduler({ intervalMs: 33, clock });
    let runs = 0;
    const again = () => {
      runs++;
      if (runs === 1) frames.request(again);
    };
    frames.request(again);
    frames.request(again);
    advance(0);
    expect(runs).toBe(1);
    advance(32);
    expect(runs).toBe(1);
    advance(1);
    expect(runs).toBe(2);
  });

  it('cancel drops what waits', () => {
    const { clock, advance, pendingTimers } = manualClock();
    const frames = createFrameScheduler({ intervalMs: 33, clock });
    let runs = 0;
    frames.request(() => void runs++);
    frames.cancel();
    advance(100);
    expect(runs).toBe(0);
    expect(pendingTimers()).toBe(0);
  });

  it('an output sink on the scheduler dispatches once per frame, and a flush takes the waiting lines along', () => {
    const { clock, advance } = manualClock();
    const frames = createFrameScheduler({ intervalMs: 33, clock });
    const actions: ViewAction[] = [];
    const sink = createOutputSink((action) => actions.push(action), { scheduler: frames });
    // 5,000 lines, 50 every 2 ms (bench/app.ts's stream).
    for (let i = 0; i < 5000; i++) {
      sink.line('stdout', `line ${i}`);
      if (i % 50 === 49) advance(2);
    }
    advance(100);
    const batches = actions.filter((a) => a.type === 'output');
    expect(batches.flatMap((a) => (a.type === 'output' ? a.lines : [])).map((l) => l.text).at(-1)).toBe('line 4999');
    // 200 ms of streaming: at most one dispatch per 33 ms frame (and the first at once).
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(200 / 33) + 1);
    sink.line('stdout', 'waiting');
    frames.flush();
    expect(actions.at(-1)).toEqual({ type: 'output', lines: [{ stream: 'stdout', text: 'waiting' }] });
  });
});
