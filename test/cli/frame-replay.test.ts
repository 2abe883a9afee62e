/**
 * The replayed first frame (src/cli/frame-replay): what reaches the terminal in each order of
 * events, with the terminal and the store in memory; the key; and the file store on disk. The
 * built app in a real terminal is test/e2e/frame-replay.e2e.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFrameStore, frameKey, FrameReplay, UNDO_REPLAY, type FrameInputs, type FrameStore, type ReplayPorts } from '../../src/cli/frame-replay/index.js';

const FRAME = '\u001b[?1049h\u001b[?25lkubedojo ● connecting…\r\nYour cluster';

/** A terminal that records what reaches it, and the process events the replay guards. */
function memoryTerminal() {
  const written: string[] = [];
  const raw: boolean[] = [];
  let onOutput: (() => void) | undefined;
  let collector: ((text: string) => void) | undefined;
  let holding = false;
  const ports: ReplayPorts = {
    writeTerminal: (text) => void written.push(text),
    setRawMode: (on) => void raw.push(on),
    guard(callback) {
      onOutput = callback;
      return () => (onOutput = undefined);
    },
    holdStdout(collect) {
      collector = collect;
      holding = true;
      return () => {
        collector = undefined;
        holding = false;
      };
    },
    recordStdout(collect) {
      collector = collect;
      return () => (collector = undefined);
    },
  };
  return {
    ports,
    written,
    raw,
    /** Someone writes to stdout (Ink, or an error message): what the patched stream would do. */
    write(text: string) {
      onOutput?.();
      collector?.(text);
      if (!holding) written.push(text);
    },
    get guarded() {
      return onOutput !== undefined;
    },
  };
}

function memoryStore(initial: Record<string, string> = {}): FrameStore & { frames: Map<string, string>; writes: number } {
  const frames = new Map(Object.entries(initial));
  return {
    frames,
    writes: 0,
    read: (key) => frames.get(key),
    write(key, frame) {
      this.writes++;
      frames.clear();
      frames.set(key, frame);
    },
  };
}

describe('FrameReplay', () => {
  it('with nothing kept, draws nothing, lets Ink draw, and keeps what Ink wrote for next time', () => {
    const terminal = memoryTerminal();
    const store = memoryStore();
    const replay = new FrameReplay(terminal.ports, store);
    expect(replay.start('k1')).toBe(false);
    expect(terminal.written).toEqual([]);
    expect(terminal.raw).toEqual([]);
    const takeover = replay.takeOver();
    terminal.write('\u001b[?1049h');
    terminal.write('\u001b[?25l');
    terminal.write('frame');
    takeover.finish();
    expect(terminal.written).toEqual(['\u001b[?1049h', '\u001b[?25l', 'frame']);
    expect(store.frames.get('k1')).toBe('\u001b[?1049h\u001b[?25lframe');
  });

  it('replays the kept frame in raw mode, and drops Ink\'s frame when it is the same bytes', () => {
    const terminal = memoryTerminal();
    const store = memoryStore({ k1: FRAME });
    const replay = new FrameReplay(terminal.ports, store);
    expect(replay.start('k1')).toBe(true);
    expect(replay.replayed).toBe(true);
    expect(terminal.written).toEqual([FRAME]);
    expect(terminal.raw).toEqual([true]);
    const takeover = replay.takeOver();
    // Ink writes its frame in pieces; none reaches the terminal, which shows it already.
    terminal.write(FRAME.slice(0, 10));
    terminal.write(FRAME.slice(10));
    takeover.finish();
    expect(terminal.written).toEqual([FRAME]);
    expect(store.writes).toBe(0);
    // Afterwards writes go straight through.
    terminal.write('next frame');
    expect(terminal.written).toEqual([FRAME, 'next frame']);
  });

  it('replaces a replayed frame that differs from Ink\'s in one write, and keeps the new one', () => {
    const terminal = memoryTerminal();
    const store = memoryStore({ k1: FRAME });
    const replay = new FrameReplay(terminal.ports, store);
    replay.start('k1');
    const takeover = replay.takeOver();
    const inks = '\u001b[?1049h\u001b[?25lkubedojo ● connecting…\r\nns kubedojo-ana';
    terminal.write(inks);
    expect(terminal.written).toEqual([FRAME]);
    takeover.finish();
    // Leaving the alternate screen restores the shell's cursor; Ink's own 1049h saves it again.
    expect(terminal.written).toEqual([FRAME, `\u001b[?1049l${inks}`]);
    expect(store.frames.get('k1')).toBe(inks);
  });

  it('puts the shell\'s screen back before any other output reaches the terminal', () => {
    const terminal = memoryTerminal();
    const replay = new FrameReplay(terminal.ports, memoryStore({ k1: FRAME }));
    replay.start('k1');
    expect(terminal.guarded).toBe(true);
    terminal.write('kubedojo: --lessons x: no such folder\n');
    expect(terminal.written).toEqual([FRAME, UNDO_REPLAY, 'kubedojo: --lessons x: no such folder\n']);
    expect(terminal.raw).toEqual([true, false]);
    expect(terminal.guarded).toBe(false);
    expect(replay.replayed).toBe(false);
    // A take-over after that draws as if nothing had been replayed... and keeps nothing stale.
    const takeover = replay.takeOver();
    terminal.write('late');
    takeover.finish();
    expect(terminal.written.at(-1)).toBe('late');
  });

  it('takes the guard off when Ink takes over, and finish() is idempotent', () => {
    const terminal = memoryTerminal();
    const store = memoryStore({ k1: FRAME });
    const replay = new FrameReplay(terminal.ports, store);
    replay.start('k1');
    const takeover = replay.takeOver();
    expect(terminal.guarded).toBe(false);
    terminal.write('other');
    takeover.finish();
    takeover.finish();
    expect(terminal.written).toEqual([FRAME, '\u001b[?1049lother']);
    expect(store.writes).toBe(1);
  });

  it('does nothing off a terminal, and only once per process', () => {
    const terminal = memoryTerminal();
    const replay = new FrameReplay(terminal.ports, memoryStore({ k1: FRAME }));
    expect(replay.start(undefined)).toBe(false);
    expect(replay.start('k1')).toBe(false);
    const takeover = replay.takeOver();
    terminal.write('x');
    takeover.finish();
    expect(terminal.written).toEqual(['x']);
  });
});

describe('frameKey', () => {
  const inputs: FrameInputs = {
    program: '/opt/kubedojo/dist/cli.js:571:1700000000000',
    args: ['--sandbox'],
    cwd: '/home/ana',
    columns: 100,
    rows: 30,
    env: { TERM: 'xterm-256color', HOME: '/home/ana', SHLVL: '1', PWD: '/home/ana' },
    progress: '{"current":{"lessonId":"your-cluster"}}',
  };

  it('changes with every input the frame depends on', () => {
    const base = frameKey(inputs);
    const changed: Partial<FrameInputs>[] = [
      { program: '/opt/kubedojo/dist/cli.js:571:1700000000001' },
      { args: ['--sandbox', '--speed', '5'] },
      { cwd: '/tmp' },
      { columns: 80 },
      { rows: 24 },
      { progress: '{"current":{"lessonId":"first-deployment"}}' },
      { env: { ...inputs.env, NO_COLOR: '1' } },
      { env: { ...inputs.env, COLORTERM: 'truecolor' } },
      { env: { ...inputs.env, CI: 'true' } },
      { env: { ...inputs.env, CI_PIPELINE_ID: '7' } },
      { env: { ...inputs.env, KUBECONFIG: '/home/ana/learner-07.yaml' } },
      { env: { ...inputs.env, XDG_CONFIG_HOME: '/elsewhere' } },
    ];
    const keys = changed.map((change) => frameKey({ ...inputs, ...change }));
    for (const key of keys) expect(key).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ignores what changes between two shells without changing the frame', () => {
    expect(frameKey({ ...inputs, env: { ...inputs.env, SHLVL: '2', PWD: '/', OLDPWD: '/home', TMUX_PANE: '%3' } })).toBe(frameKey(inputs));
  });
});

describe('fileFrameStore', () => {
  it('keeps one frame, reads it back by its key only, and survives a corrupt file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-frame-'));
    const file = join(dir, 'cache', 'last-frame.json');
    const store = fileFrameStore(file);
    expect(store.read('k1')).toBeUndefined();
    store.write('k1', FRAME);
    expect(store.read('k1')).toBe(FRAME);
    expect(store.read('k2')).toBeUndefined();
    store.write('k2', 'other');
    expect(store.read('k1')).toBeUndefined();
    expect(store.read('k2')).toBe('other');
    writeFileSync(file, '{"format":1,"key":"k2","fra');
    expect(store.read('k2')).toBeUndefined();
    store.write('k2', FRAME);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ format: 1, key: 'k2', frame: FRAME });
  });

  it('writes nothing and throws nothing where the folder cannot be made', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-frame-'));
    writeFileSync(join(dir, 'a-file'), '');
    const store = fileFrameStore(join(dir, 'a-file', 'last-frame.json'));
    expect(() => store.write('k1', FRAME)).not.toThrow();
    expect(store.read('k1')).toBeUndefined();
  });
});
