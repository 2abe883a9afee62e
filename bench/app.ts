/**
 * Figures of the app (issue: app + CLI): the first frame of the TUI and `kubedojo --help` in a
 * pseudo-terminal next to `node -e 0`; a cluster change on screen after the watch event; a key
 * handled while 5,000 lines stream in, and the memory it takes; the install size of the
 * published package next to the unbundled dependency tree.
 *
 * The in-process figures (the screen on a session) run in a child process on the sources (tsx,
 * React's production build): the bench's own single bundle cannot hold Ink, whose devtools
 * module imports a package we do not install, so this file loads the app with `load` (a dynamic
 * import esbuild does not follow).
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { execa } from 'execa';
import { baseline, median, ms, report } from './stats.js';
import { reaperFigures } from './child-reaper.js';

const CLI = 'dist/cli.js';

/** The libraries scripts/build.mjs bundles into dist/ (everything the app imports at run time). */
const BUNDLED_LIBRARIES = [
  '@inkjs/ui',
  '@kubernetes/client-node',
  '@peculiar/x509',
  'commander',
  'env-paths',
  'execa',
  'fast-json-patch',
  'ink',
  'protobufjs',
  'react',
  'reflect-metadata',
  'undici',
  'ws',
  'yaml',
  'zod',
];
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[=>78]/g;

function cleanHome(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-bench-app-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^CI($|_)|^CONTINUOUS_INTEGRATION$/.test(key)) env[key] = value;
  return {
    ...env,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    KUBECACHEDIR: join(dir, 'kubecache'),
    TERM: 'xterm-256color',
  };
}

/** Builds dist/ when it is missing or older than a source file. */
async function ensureBuilt(): Promise<void> {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs)));
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newest('src')) return;
  await execa(process.execPath, ['scripts/build.mjs']);
}

/**
 * Runs `command` in a pseudo-terminal (util-linux `script`, 100×30) and resolves with the ms from
 * spawn until `done(text so far)` holds, or until it exits when `done` is undefined.
 */
function timeInPty(command: string, env: Record<string, string>, done?: (screen: string) => boolean, cpu?: number[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let text = '';
    let finished = false;
    const finish = (value: number): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command}: nothing after 10 s; output: ${text.replace(ANSI, '').slice(0, 300)}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (done === undefined || finished) return;
      text += chunk.toString('utf8');
      if (done(text.replace(ANSI, ''))) {
        const at = performance.now() - started;
        // The app's main-thread CPU time so far (ns in schedstat): less sensitive to a busy machine.
        try {
          const [pid] = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ');
          cpu?.push(Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
        } catch {
          // Gone already: no CPU figure for this start.
        }
        finish(at);
        child.kill('SIGTERM');
      }
    });
    child.on('exit', () => {
      if (done === undefined) finish(performance.now() - started);
    });
    child.on('error', reject);
  });
}

/**
 * Presses `?` the moment the first frame is on screen, as a learner who knows the app would, and
 * resolves with the ms from spawn to the frame and to the help overlay that answers the key.
 */
function firstKeyInPty(command: string, env: Record<string, string>, firstFrame: (screen: string) => boolean): Promise<{ frame: number; answered: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${command}`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let text = '';
    let frame: number | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command}: no answer to ? after 10 s; output: ${text.replace(ANSI, '').slice(-300)}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const screen = text.replace(ANSI, '');
      if (frame === undefined && firstFrame(screen)) {
        frame = performance.now() - started;
        child.stdin.write('?');
      } else if (frame !== undefined && screen.includes('Shortcut letters work')) {
        clearTimeout(timer);
        resolve({ frame, answered: performance.now() - started });
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
  });
}

async function startUp(): Promise<void> {
  await ensureBuilt();
  const env = cleanHome();
  const node = process.execPath;
  const runs = 10;
  const firstFrame = (screen: string) => screen.includes('kubedojo') && screen.includes('Your cluster') && screen.includes('Debug and delete');
  // One start fills Node's compile cache (main.ts turns it on); the figures are of the starts after.
  await timeInPty(`${node} ${CLI} --sandbox`, env, firstFrame);
  const noCache = { ...env, NODE_DISABLE_COMPILE_CACHE: '1' };
  // Ink draws the first frame itself: no frame replayed from the last start (src/cli/frame-replay).
  const noReplay = { ...env, KUBEDOJO_NO_FRAME_REPLAY: '1' };
  const drawn: number[] = [];
  const drawnCpu: number[] = [];
  const keyed: number[] = [];
  const frames: number[] = [];
  const frameCpu: number[] = [];
  const uncached: number[] = [];
  const helps: number[] = [];
  const bare: number[] = [];
  const floor: number[] = [];
  const floorCpu: number[] = [];
  const FLOOR = '.bench/ink-floor/entry.js';
  await timeInPty(`${node} ${FLOOR}`, env, firstFrame);
  for (let i = 0; i < runs; i++) {
    frames.push(await timeInPty(`${node} ${CLI} --sandbox`, env, firstFrame, frameCpu));
    drawn.push(await timeInPty(`${node} ${CLI} --sandbox`, noReplay, firstFrame, drawnCpu));
    keyed.push((await firstKeyInPty(`${node} ${CLI} --sandbox`, env, firstFrame)).answered);
    uncached.push(await timeInPty(`${node} ${CLI} --sandbox`, { ...noCache, ...noReplay }, firstFrame));
    helps.push(await timeInPty(`${node} ${CLI} --help`, env));
    bare.push(await timeInPty(`${node} -e 0`, env));
    floor.push(await timeInPty(`${node} ${FLOOR}`, env, firstFrame, floorCpu));
  }
  report('node -e 0 in a pty (median of 10)', ms(median(bare)), 'reference', true);
  report('kubedojo --help in a pty, to exit (median of 10)', ms(median(helps)), '≤ 150 ms', median(helps) <= 150);
  report('kubedojo: first frame of the TUI (median of 10)', ms(median(frames)), '≤ 150 ms', median(frames) <= 150);
  baseline('  baseline (issue 9, main)', '182–234 ms');
  report('  its main thread\'s CPU time until then (median)', ms(median(frameCpu)), 'info', true);
  report('  drawn by Ink, nothing replayed (a first start, or other inputs)', ms(median(drawn)), 'info', true);
  report('    its main thread\'s CPU time until then (median)', ms(median(drawnCpu)), 'info', true);
  report('    the same without the compile cache either (the very first start)', ms(median(uncached)), 'info', true);
  report('  ? pressed at the first frame → the help on screen, from spawn (median)', ms(median(keyed)), 'info', true);
  report('  the Ink floor: a bundled Ink app\'s first frame, three lines (median)', ms(median(floor)), 'reference', true);
  report('    its main thread\'s CPU time until then (median)', ms(median(floorCpu)), 'info', true);
  // The two figures of one run, divided: what a busy machine does to both cancels out (mostly).
  report('  the first frame ÷ the Ink floor, same run (wall; main-thread CPU)', `${(median(frames) / median(floor)).toFixed(2)}×; ${(median(frameCpu) / median(floorCpu)).toFixed(2)}×`, 'info', true);
}

/** A terminal for Ink in this process: it records when each frame was written. */
class FakeTerminal extends EventEmitter {
  readonly columns = 100;
  readonly rows = 30;
  readonly isTTY = true;
  readonly writable = true;
  /** Called with every write and the time it happened. */
  onWrite: ((text: string, at: number) => void) | undefined;
  write(chunk: string | Uint8Array, encoding?: unknown, callback?: () => void): boolean {
    this.onWrite?.(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'), performance.now());
    if (typeof encoding === 'function') (encoding as () => void)();
    else callback?.();
    return true;
  }
}

function fakeStdin(): NodeJS.ReadStream {
  // Ink asks a TTY for raw mode; this one has nothing to switch.
  return Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined }) as unknown as NodeJS.ReadStream;
}

/** Resolves with the time of the first write for which `test(text)` holds. */
function nextFrame(terminal: FakeTerminal, test: (text: string) => boolean, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no such frame')), timeoutMs);
    terminal.onWrite = (text, at) => {
      if (!test(text.replace(ANSI, ''))) return;
      clearTimeout(timer);
      terminal.onWrite = undefined;
      resolve(at);
    };
  });
}

/** Mounts the real container and screen on a session; returns what the figures need. */
type CommandRunner = import('../src/engine/commands/index.js').CommandRunner;
type Sandbox = import('../src/sandbox/index.js').Sandbox;

async function mountApp(options: { runner?: CommandRunner; sandbox?: Sandbox }) {
  const [{ render }, { createElement }, app, session, lessons, progress, commands] = await Promise.all([
    load<typeof import('ink')>('ink'),
    load<typeof import('react')>('react'),
    load<typeof import('../src/app/index.js')>('../src/app/index.js'),
    load<typeof import('../src/engine/session/index.js')>('../src/engine/session/index.js'),
    load<typeof import('../src/engine/lessons/index.js')>('../src/engine/lessons/index.js'),
    load<typeof import('../src/engine/progress/index.js')>('../src/engine/progress/index.js'),
    load<typeof import('../src/engine/commands/index.js')>('../src/engine/commands/index.js'),
  ]);
  const { course } = await lessons.loadCourse('lessons');
  const runner = options.runner ?? commands.createExecaRunner();
  const container = app.createAppContainer({
    course,
    progress: progress.emptyProgress(),
    namespace: 'kubedojo',
    registry: { holdInterrupts: (task) => task() },
    runner,
    quit: () => undefined,
  });
  const terminal = new FakeTerminal();
  const stdin = fakeStdin();
  const instance = render(createElement(app.AppRoot, { state: container.state, intents: container.intents, viewStore: container.viewStore }), {
    stdout: terminal as unknown as NodeJS.WriteStream,
    stdin,
    stderr: new FakeTerminal() as unknown as NodeJS.WriteStream,
    // As the app draws (its frame rate among them), minus the alternate screen.
    ...app.SCREEN_RENDER_OPTIONS,
    patchConsole: false,
  });
  const progressStore = progress.createProgressStore({ path: join(mkdtempSync(join(tmpdir(), 'kubedojo-bench-progress-')), 'progress.json') });
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-bench-home-'));
  const sources = options.sandbox === undefined ? {} : { kubeconfigSources: { kubeconfigEnv: options.sandbox.kubeconfigPath } };
  const tutorial = session.createTutorialSession({
    course,
    progressStore,
    runner,
    namespace: 'kubedojo',
    commandEnv: { HOME: home, KUBECACHEDIR: join(home, 'kubecache') },
    ...sources,
  });
  const detach = container.attach(tutorial, session.toTutorialData);
  return {
    terminal,
    stdin,
    session: tutorial,
    /** Waits for the lesson card (it covers the checks until the learner presses Esc) and closes it. */
    async closeCard(): Promise<void> {
      // The screen first shows the session's last snapshot (the frame clock holds it for up to a
      // frame after connect resolved) and takes its step, which opens the card to close.
      container.frames.flush();
      const onStep = () => container.viewStore.getState().step.key === (container.state.get().data.step?.id ?? '');
      const hasCard = () => container.viewStore.getState().modals.some((modal) => modal.kind === 'card');
      const deadline = performance.now() + 10_000;
      while (!(onStep() && hasCard()) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      while (hasCard()) container.viewStore.dispatch({ type: 'close-modal' });
    },
    async close() {
      detach();
      instance.unmount();
      await tutorial.close();
    },
  };
}

/** Runs `figure` in a child process: this file on the sources, React's production build. */
async function inChild(figure: keyof typeof CHILD_FIGURES, env: Record<string, string> = {}): Promise<void> {
  // as-built.mjs: string-width patched as in the bundle (the screen costs what it costs the app).
  await execa(process.execPath, ['--import', './bench/as-built.mjs', '--import', 'tsx', 'bench/app.ts'], {
    env: { ...env, KUBEDOJO_BENCH_APP_FIGURE: figure, NODE_ENV: 'production' },
    stdout: 'inherit',
    // Ink's cursor restore on exit lands on stderr; show stderr only when the figure failed.
    stderr: 'pipe',
  }).catch((error: { stderr?: string }) => {
    process.stderr.write(error.stderr ?? String(error));
    throw error;
  });
}

/** A dynamic import esbuild leaves alone (the specifier is not a literal): see the file's comment. */
const load = <T>(specifier: string): Promise<T> => import(specifier) as Promise<T>;

async function checkOnScreen(): Promise<void> {
  const { startSandbox } = await load<typeof import('../src/sandbox/index.js')>('../src/sandbox/index.js');
  const sandbox = await startSandbox({ speed: 50 });
  const total: number[] = [];
  const screen: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const app = await mountApp({ sandbox });
      // Every write to the tutorial namespace: the last one before the step passed is the change
      // whose watch event passed it (the Deployment's or a Pod's status).
      const writes: number[] = [];
      const unsubscribe = sandbox.store.subscribe((event) => {
        if ((event as { object?: { metadata?: { namespace?: string } } }).object?.metadata?.namespace === 'kubedojo') writes.push(performance.now());
      });
      await app.session.connect({ flags: { context: 'kubedojo-sandbox' }, lessonId: 'first-deployment' });
      await app.closeCard();
      let passedAt: number | undefined;
      const unwatch = app.session.subscribe((snapshot) => void (passedAt ??= snapshot.passed ? performance.now() : undefined));
      const shown = nextFrame(app.terminal, (text) => text.includes('step passed'));
      await app.session.run('kubectl create deployment nginx-depl --image=nginx');
      const frameAt = await shown;
      unsubscribe();
      unwatch();
      const writeAt = writes.filter((at) => at <= passedAt!).at(-1)!;
      total.push(frameAt - writeAt);
      screen.push(frameAt - passedAt!);
      await app.close();
    }
  } finally {
    await sandbox.stop();
  }
  report('store write → "step passed" frame (median / max of 5)', `${ms(median(total))} / ${ms(Math.max(...total))}`, '≤ 100 ms', Math.max(...total) <= 100);
  report('  of which: session snapshot → frame (median / max)', `${ms(median(screen))} / ${ms(Math.max(...screen))}`, 'info', true);
}

async function streaming(): Promise<void> {
  const { createExecaRunner } = await load<typeof import('../src/engine/commands/index.js')>('../src/engine/commands/index.js');
  const real = createExecaRunner();
  const LINES = 5000;
  let streamed = 0;
  // `kubectl get pods -w` printing 5,000 lines in bursts (a busy rollout), then waiting like -w does.
  const runner: CommandRunner = {
    run: async (argv, options = {}) => {
      if (argv.join(' ') !== 'kubectl get pods -w') return real.run(argv, options);
      for (let i = 0; i < LINES && !options.signal?.aborted; i++) {
        options.onLine?.({ stream: 'stdout', text: `web-7c5ddbdf54-${String(i).padStart(5, '0')}   1/1     Running             0          ${i % 60}s` });
        streamed += 1;
        if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await new Promise<void>((resolve) => (options.signal?.aborted ? resolve() : options.signal?.addEventListener('abort', () => resolve(), { once: true })));
      return { exitCode: 143, signal: 'SIGTERM', aborted: true, startError: undefined };
    },
    runInteractive: (argv, env) => real.runInteractive(argv, env),
    stopAll: () => real.stopAll(),
  };
  const app = await mountApp({ runner });
  let sampler: ReturnType<typeof setInterval> | undefined;
  let before = 0;
  let peakRss = 0;
  const keys: number[] = [];
  try {
    await app.session.connect({ flags: { sandbox: true, speed: 50 } });
    before = process.memoryUsage().rss;
    peakRss = before;
    sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
    const running = app.session.run('kubectl get pods -w');
    // While it streams: open and close the help overlay, timing each key to its frame.
    while (streamed < LINES) {
      for (const [key, shows] of [['?', 'show this help'], ['\u001b', 'Output']] as const) {
        const shown = nextFrame(app.terminal, (text) => text.includes(shows));
        const pressed = performance.now();
        app.stdin.write(key);
        keys.push((await shown) - pressed);
      }
    }
    app.session.stop();
    await running;
  } finally {
    clearInterval(sampler);
    await app.close();
  }
  const worst = Math.max(...keys);
  report(`key → frame while ${LINES.toLocaleString('en')} lines stream (median / max, ${keys.length} keys)`, `${ms(median(keys))} / ${ms(worst)}`, '≤ 100 ms', worst <= 100);
  // This process runs the sources through tsx (~30 MB of its own): its growth is what streaming
  // costs; the built app's RSS when connected was measured by the parent (streamingFigures).
  const growth = peakRss - before;
  const idle = Number(process.env.KUBEDOJO_BENCH_IDLE_RSS);
  report('RSS growth while the lines stream', mb(growth), 'info', true);
  report('RSS of the built app, connected to its embedded sandbox (worker thread; pty)', mb(idle), 'info', true);
  report('RSS while streaming, embedded sandbox: built app + growth', mb(idle + growth), 'info', true);
}

/** VmRSS of the app under `script` (script's only child is the app: sh exec'd it), in bytes. */
function appRss(scriptPid: number): number {
  const [pid] = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(' ');
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
}

const STREAM_COMMAND = 'kubectl get pods -o yaml';

/**
 * Issue 9's memory figures on a cluster the app does not host: `kubedojo sandbox` runs in a
 * process of its own with 300 Pods, so that `kubectl get pods -o yaml` prints ~34,000 lines, and
 * the built app, in a pty, connects to it through its kubeconfig (as to any cluster). RSS once
 * connected and settled, then its peak while the learner runs that command three times.
 */
async function realClusterMemory(): Promise<{ idle: number; peak: number; lines: number }> {
  const env = cleanHome();
  const kubeconfig = join(env.HOME!, 'sandbox-kubeconfig');
  const sandbox = spawn(process.execPath, [CLI, 'sandbox', '--speed', '50', '--kubeconfig', kubeconfig], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let app: ReturnType<typeof spawn> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let text = '';
      sandbox.stdout!.on('data', (chunk: Buffer) => void ((text += chunk.toString('utf8')).includes('export KUBECONFIG=') && resolve()));
      sandbox.on('exit', () => reject(new Error(`kubedojo sandbox exited: ${text}`)));
    });
    const kubectl = (...args: string[]) => execa('kubectl', ['--kubeconfig', kubeconfig, ...args], { env });
    await kubectl('create', 'namespace', 'kubedojo');
    // ~113 lines of YAML per sandbox Pod: 300 Pods print about 34,000 lines.
    await kubectl('-n', 'kubedojo', 'create', 'deployment', 'bulk', '--image=nginx:1.25', '--replicas=300');
    await kubectl('-n', 'kubedojo', 'wait', '--for=jsonpath={.status.availableReplicas}=300', 'deployment/bulk', '--timeout=300s');
    const lines = (await kubectl('-n', 'kubedojo', 'get', 'pods', '-o', 'yaml')).stdout.split('\n').length;

    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${process.execPath} ${CLI} --context kubedojo-sandbox`, '/dev/null'], {
      env: { ...env, KUBECONFIG: kubeconfig },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    app = child;
    let screen = '';
    child.stdout!.on('data', (chunk: Buffer) => void (screen += chunk.toString('utf8').replace(ANSI, '')));
    const waitFor = async (what: string, since = 0, timeoutMs = 60_000): Promise<void> => {
      const deadline = performance.now() + timeoutMs;
      while (!screen.slice(since).includes(what)) {
        if (performance.now() > deadline) throw new Error(`the app never showed "${what}"`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const key = (text: string) => child.stdin!.write(text);
    await waitFor('● connected');
    await waitFor('New lesson');
    key('\u001b');
    // Settled: the informers' first lists are in, nothing runs.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idle = appRss(child.pid!);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, appRss(child.pid!))), 20);
    try {
      for (let run = 0; run < 3; run++) {
        const from = screen.length;
        key(':');
        await waitFor('Esc leave prompt', from);
        // One key per read: keys in one read are a paste.
        for (const char of STREAM_COMMAND) {
          key(char);
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
        await waitFor(`❯ ${STREAM_COMMAND}`, from);
        const started = screen.length;
        key('\r');
        await waitFor('exit 0', started, 120_000);
      }
    } finally {
      clearInterval(sampler);
    }
    return { idle, peak, lines };
  } finally {
    app?.kill('SIGTERM');
    sandbox.kill('SIGTERM');
  }
}

/** The built app's RSS once it is connected to its sandbox, in a pty; then the streaming figure. */
async function streamingFigures(): Promise<void> {
  await ensureBuilt();
  const real = await realClusterMemory();
  report('app RSS idle, on a cluster in another process (kubedojo sandbox)', mb(real.idle), '≤ 110 MB', real.idle <= 110 * 2 ** 20);
  baseline('  baseline (issue 9, main)', '175 MB');
  report(`  peak while \`${STREAM_COMMAND}\` prints ${real.lines.toLocaleString('en')} lines ×3`, mb(real.peak), '≤ 150 MB', real.peak <= 150 * 2 ** 20);
  baseline('  baseline (issue 9, main)', '307 MB');
  const rss = await new Promise<number>((resolve, reject) => {
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${process.execPath} ${CLI} --sandbox --speed 50`, '/dev/null'], { env: cleanHome(), stdio: ['pipe', 'pipe', 'ignore'] });
    let text = '';
    const timer = setTimeout(() => reject(new Error('the app did not connect in 20 s')), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (!text.replace(ANSI, '').includes('● connected')) return;
      clearTimeout(timer);
      const rss = appRss(child.pid!);
      child.stdout.removeAllListeners('data');
      child.kill('SIGTERM');
      resolve(rss);
    });
  });
  await inChild('streaming', { KUBEDOJO_BENCH_IDLE_RSS: String(rss) });
}

function duBytes(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + duBytes(join(path, name)), 0);
}

async function installSize(): Promise<void> {
  await ensureBuilt();
  const packDir = mkdtempSync(join(tmpdir(), 'kubedojo-bench-pack-'));
  const pack = await execa('npm', ['pack', '--json', '--pack-destination', packDir]);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; size: number; unpackedSize: number }[];
  const tarball = join(packDir, packed!.filename);
  report('npm pack: tarball / unpacked', `${mb(packed!.size)} / ${mb(packed!.unpackedSize)}`, 'info', true);

  // What a user would install if the app were not bundled: the libraries the bundle embeds, at the
  // versions package.json pins, installed on their own.
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
  const specs = BUNDLED_LIBRARIES.map((name) => `${name}@${manifest.devDependencies[name]}`);
  const unbundledDir = mkdtempSync(join(tmpdir(), 'kubedojo-bench-unbundled-'));
  const unbundledInstall = await execa('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', ...specs], { cwd: unbundledDir, reject: false, timeout: 300_000 });
  const unbundled = unbundledInstall.exitCode === 0 ? duBytes(join(unbundledDir, 'node_modules')) : NaN;

  const target = mkdtempSync(join(tmpdir(), 'kubedojo-bench-install-'));
  const install = await execa('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: target, reject: false, timeout: 300_000 });
  if (install.exitCode !== 0) {
    report('npm install of the tarball', 'failed', 'info', false);
    return;
  }
  const installed = duBytes(join(target, 'node_modules'));
  const own = duBytes(join(target, 'node_modules', 'kubedojo'));
  report('installed: kubedojo itself / with its dependencies', `${mb(own)} / ${mb(installed)}`, 'info', true);
  report('the same libraries unbundled (npm install of them alone)', mb(unbundled), 'info', true);
}

/**
 * Issue 9: the app's event loop while the sandbox creates 300 Pods and rolls them to a new image,
 * with the sandbox in the app's thread (as before issue 9: the baseline, measured in the same run)
 * and in its worker thread (as the app runs it now). Commands go through the app's session, so
 * the app's own informers and Pods panel do their usual work meanwhile.
 */
async function churn(): Promise<void> {
  const { startSandbox } = await load<typeof import('../src/sandbox/index.js')>('../src/sandbox/index.js');
  const { longestBlock } = await load<typeof import('./event-loop.js')>('./event-loop.js');
  const rows: { mode: string; wall: number; cpu: number; seconds: number }[] = [];
  for (const mode of ['in the app thread (before)', 'in a worker thread'] as const) {
    const inProcess = mode.startsWith('in the app') ? await startSandbox({ speed: 20 }) : undefined;
    const app = await mountApp(inProcess === undefined ? {} : { sandbox: inProcess });
    try {
      await app.session.connect(inProcess === undefined ? { flags: { sandbox: true, speed: 20 } } : { flags: { context: 'kubedojo-sandbox' } });
      const kubectl = (line: string) => app.session.run(line);
      // `kubectl wait` rather than `rollout status`, which gives up at the progress deadline (30
      // real seconds at speed ×20) although the rollout goes on.
      const available = async () => {
        await kubectl('kubectl wait --for=jsonpath={.status.updatedReplicas}=300 deployment/churn --timeout=600s');
        await kubectl('kubectl wait --for=jsonpath={.status.availableReplicas}=300 deployment/churn --timeout=600s');
      };
      const started = performance.now();
      const blocked = await longestBlock(async () => {
        await kubectl('kubectl create deployment churn --image=nginx:1.25 --replicas=300');
        await available();
        await kubectl('kubectl set image deployment/churn nginx=nginx:1.26');
        await available();
      });
      rows.push({ mode, ...blocked, seconds: (performance.now() - started) / 1000 });
    } finally {
      await app.close();
      await inProcess?.stop();
    }
  }
  for (const row of rows) {
    const ok = row.mode.startsWith('in a worker') ? row.cpu <= 50 : true;
    report(`300 Pods created + rolled, sandbox ${row.mode}`, `${row.seconds.toFixed(1)} s`, 'info', true);
    report('  longest app event-loop block: CPU (no GC) / wall', `${ms(row.cpu)} / ${ms(row.wall)}`, row.mode.startsWith('in a worker') ? '≤ 50 ms' : 'baseline', ok);
  }
}

const CHILD_FIGURES = { checkOnScreen, streaming, churn };

/** The app's figures, in the order printed. */
export const appFigures: [string, () => Promise<void>][] = [
  ['app: start-up in a pty (built CLI)', startUp],
  ['app: cluster change on screen', () => inChild('checkOnScreen')],
  ['app: streaming 5,000 lines', streamingFigures],
  ['app: frames while the sandbox churns 300 Pods', () => inChild('churn')],
  ['app: install size', installSize],
  ...reaperFigures,
];

// In the child process of inChild: run the one figure asked for, then exit (the sandbox and
// informers would keep it alive).
const childFigure = process.env.KUBEDOJO_BENCH_APP_FIGURE as keyof typeof CHILD_FIGURES | undefined;
if (childFigure !== undefined) {
  await CHILD_FIGURES[childFigure]();
  process.exit(0);
}
