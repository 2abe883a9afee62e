/**
 * The sandbox of the "hostile input" benchmarks, in a process of its own, so its RSS is its own
 * and the probes measure it from outside. Started with --expose-gc by bench/hostile.ts; prints one
 * JSON line (server, token, CA) and answers IPC requests: `rss` (now and the peak since the last
 * `reset`), `memory` (RSS and heap used now), `gc` (the same after a full GC), and `url` (a Service's NodePort URL).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { startSandbox } from '../src/sandbox/index.js';
import { startSandboxThread } from '../src/sandbox/worker/sandbox-thread.js';
import { startMemoryTrimmer } from '../src/sandbox/memory-trim.js';

/** Where the resident memory is: V8's spaces, Node's external buffers, and the kernel's view (kB). */
function breakdown() {
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
  let smaps: Record<string, number> = {};
  try {
    const text = readFileSync('/proc/self/smaps_rollup', 'utf8');
    smaps = Object.fromEntries([...text.matchAll(/^(\w+):\s+(\d+) kB/gm)].map((m) => [m[1]!, Number(m[2]) * 1024]));
  } catch {
    // not Linux
  }
  // The largest mappings (start, size, resident), to tell V8's pages from malloc's arenas.
  let top: string[] = [];
  try {
    const maps = readFileSync('/proc/self/smaps', 'utf8').split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/);
    top = maps
      .map((m) => {
        const [range, , , , , name = ''] = m.split('\n')[0]!.split(/\s+/);
        const [from, to] = range!.split('-').map((h) => parseInt(h, 16));
        const rss = Number(/^Rss:\s+(\d+)/m.exec(m)?.[1] ?? 0);
        const lazy = Number(/^LazyFree:\s+(\d+)/m.exec(m)?.[1] ?? 0);
        return { text: `${range} size ${((to! - from!) / 1024) | 0}k rss ${rss}k lazy ${lazy}k ${name}`, rss };
      })
      .sort((a, b) => b.rss - a.rss)
      .slice(0, 12)
      .map((m) => m.text);
  } catch {
    // not Linux
  }
  return { usage, spaces, smaps, top };
}

const speed = Number(process.argv[2] ?? '1');
/**
 * Where the sandbox runs. `thread` (the default): in a worker thread of this process, started as
 * `kubedojo sandbox` and the app start it (startSandboxThread: the worker's own heap limits), so the
 * figures are of what ships; the JS heap and the trimmer's count are then the worker's, not read
 * here. `main` (KUBEDOJO_BENCH_SANDBOX_IN=main): on this process's main thread, for experiments
 * that need the heap (forced GCs, heap snapshots, the trimmer's count).
 */
const inThread = process.env.KUBEDOJO_BENCH_SANDBOX_IN !== 'main';
let sandbox: { server: string; token: string; caPem: string; urlOf(namespace: string, name: string): Promise<string | undefined> | string | undefined; stop(): Promise<void> };
let trimmer: ReturnType<typeof startMemoryTrimmer> | undefined;
if (inThread) {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-bench-hostile-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const thread = await startSandboxThread({ speed, kubeconfigPath: join(dir, 'kubeconfig') }, { keepsProcessAlive: true });
  sandbox = { ...thread, urlOf: (namespace, name) => thread.urlOf(namespace, name, 5_000) };
} else {
  // KUBEDOJO_BENCH_NO_TRIM=1: without the sandbox's memory trimmer, to see what V8 does alone.
  sandbox = await startSandbox({ speed, trimMemory: !process.env.KUBEDOJO_BENCH_NO_TRIM });
  // Joins the sandbox's trimmer (one per process) to read how many trims it did.
  trimmer = process.env.KUBEDOJO_BENCH_NO_TRIM ? undefined : startMemoryTrimmer();
}
/** The sandbox's JS heap, when it is on this thread; NaN when it is in the worker. */
const sandboxHeap = () => (inThread ? Number.NaN : process.memoryUsage().heapUsed);
let peak = process.memoryUsage().rss;
setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50).unref();

// KUBEDOJO_BENCH_TRACE_MEM=1: a line on stderr every second (RSS, heap committed, new space).
if (process.env.KUBEDOJO_BENCH_TRACE_MEM) {
  setInterval(() => {
    const { usage, spaces, smaps } = breakdown();
    const m = (n: number | undefined) => ((n ?? 0) / 1024 / 1024).toFixed(0);
    process.stderr.write(`mem ${new Date().toISOString().slice(11, 19)} rss ${m(usage.rss)} heapTotal ${m(usage.heapTotal)} used ${m(usage.heapUsed)} new ${m(spaces.new_space)} old ${m(spaces.old_space)} anon ${m(smaps.Anonymous)}\n`);
  }, 1000).unref();
}

process.on('message', (message: { id: number; op: string; namespace?: string; name?: string }) => {
  const reply = (value: unknown) => process.send!({ id: message.id, value });
  switch (message.op) {
    case 'rss':
      peak = Math.max(peak, process.memoryUsage().rss);
      return reply({ rss: process.memoryUsage().rss, peak });
    case 'reset':
      peak = process.memoryUsage().rss;
      return reply(peak);
    case 'memory':
      return reply({ rss: process.memoryUsage().rss, heap: sandboxHeap(), ...(trimmer === undefined ? {} : { trims: trimmer.trims }) });
    case 'gc':
      // Twice: the first pass frees what finalizers held on to.
      (globalThis as { gc?: () => void }).gc?.();
      (globalThis as { gc?: () => void }).gc?.();
      return reply({ rss: process.memoryUsage().rss, heap: sandboxHeap() });
    case 'breakdown':
      if (process.env.KUBEDOJO_BENCH_SMAPS_DIR) writeFileSync(`${process.env.KUBEDOJO_BENCH_SMAPS_DIR}/smaps-${Date.now()}`, readFileSync('/proc/self/smaps'));
      return reply(breakdown());
    case 'heapsnapshot':
      // KUBEDOJO_BENCH_HEAPSNAPSHOT_DIR: a V8 heap snapshot at "start" and "after" (compare by constructor).
      return reply(process.env.KUBEDOJO_BENCH_HEAPSNAPSHOT_DIR ? writeHeapSnapshot(`${process.env.KUBEDOJO_BENCH_HEAPSNAPSHOT_DIR}/${message.name}-${Date.now()}.heapsnapshot`) : null);
    case 'url':
      return void Promise.resolve(sandbox.urlOf(message.namespace!, message.name!)).then((url) => reply(url ?? null));
    case 'stop':
      return void sandbox.stop().then(() => reply(true));
  }
});
process.stdout.write(JSON.stringify({ server: sandbox.server, token: sandbox.token, caPem: sandbox.caPem }) + '\n');
