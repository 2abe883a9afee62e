/**
 * Gives memory back after a burst, once the process has gone quiet.
 *
 * Measured (docs/decisions.md, "Sandbox: memory back after a burst"): after a burst of API load the
 * JS heap comes back but the RSS does not, because V8 keeps what the burst grew: the young
 * generation stays at its largest (up to 128 MB) and freed old-generation pages stay mapped in its
 * page pool. Only a memory-reducing GC returns them. V8 schedules one itself when it sees the
 * mutator idle (its "memory reducer"), but on Node 24 that check answers "high alloc" for a process
 * that allocates nothing, so it never runs (reproduced with a 10-line script outside the sandbox).
 * This does what the memory reducer would: when the RSS has grown well past what it was after the
 * last trim and the burst is over, one memory-reducing GC. "Over" is V8's idle (next to no
 * allocation) or, for a sandbox that stays busy (500 Pods probed every 2 s), an allocation rate
 * fallen to a quarter of the burst's. The rate counts what GCs freed in between (V8's GCProfiler):
 * a busy sandbox collects every second, and a rate read from heapUsed alone was unknown then, so
 * it never looked quiet and was never trimmed (the wrk bench of issue #7).
 */
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often the process is looked at. */
const SAMPLE_MS = 1_000;
/** Consecutive quiet samples before a trim: the burst is over, not paused. */
const QUIET_SAMPLES = 2;
/** Below this JS allocation rate the process counts as quiet (V8's own "low allocation" is ~1 MB/s). */
const QUIET_BYTES_PER_SAMPLE = 1024 * 1024;
/** Or below this share of the highest rate since the last trim: the burst is over, the rest is steady. */
const QUIET_SHARE_OF_PEAK = 0.25;
/** Growth over the post-trim RSS that is worth a trim: a fifth, and at least 24 MiB. */
const GROWTH_RATIO = 1.2;
const GROWTH_MIN_BYTES = 24 * 1024 * 1024;
/**
 * No API request and no NodePort connection for this long before a trim: its pause never lands on
 * a client that is waiting (a meter's steady stream through a NodePort included).
 */
const REQUEST_PAUSE_MS = QUIET_SAMPLES * SAMPLE_MS;
let lastRequest = Number.NEGATIVE_INFINITY;

/** Tells the trimmer a client is active: an API request or a NodePort connection (any sandbox of the process). */
export function noteRequest(): void {
  lastRequest = performance.now();
}

/** When a client was last active (performance.now() time), for tests. */
export function lastClientActivity(): number {
  return lastRequest;
}

/** At most one trim this often, so a process that cannot shrink is not collected over and over. */
const MIN_INTERVAL_MS = 10_000;

type GcFunction = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

export interface MemorySample {
  rss: number;
  heapUsed: number;
  /**
   * JS bytes allocated since the sample before, GCs in between included. Without it a sample's
   * allocation is read from heapUsed alone, and a second with a GC in it is not quiet.
   */
  allocated?: number;
}

/**
 * The decision alone (pure, for tests): given the last samples, the RSS right after the last trim,
 * how long ago it was, and the highest allocation per sample since then, whether to trim now.
 */
export function shouldTrim(samples: readonly MemorySample[], baselineRss: number, msSinceTrim: number, peakBytesPerSample = 0): boolean {
  if (msSinceTrim < MIN_INTERVAL_MS || samples.length < QUIET_SAMPLES + 1) return false;
  const quietBelow = Math.max(QUIET_BYTES_PER_SAMPLE, peakBytesPerSample * QUIET_SHARE_OF_PEAK);
  const recent = samples.slice(-(QUIET_SAMPLES + 1));
  for (let i = 1; i < recent.length; i++) {
    const grew = recent[i]!.allocated ?? recent[i]!.heapUsed - recent[i - 1]!.heapUsed;
    // Without `allocated`, a drop is a GC in between: the allocation in that second is unknown, so not quiet.
    if (grew < 0 || grew > quietBelow) return false;
  }
  const rss = recent[recent.length - 1]!.rss;
  return rss > baselineRss * GROWTH_RATIO && rss - baselineRss > GROWTH_MIN_BYTES;
}

/**
 * JS bytes allocated between two calls: the heap's growth plus what the GCs in between freed
 * (each GC's used size before minus after, from V8's GCProfiler).
 */
export class AllocationMeter {
  private profiler = new GCProfiler();
  private lastUsed: number;

  constructor(heapUsed: number) {
    this.lastUsed = heapUsed;
    this.profiler.start();
  }

  /** Bytes allocated since the last call (or the start). */
  take(heapUsed: number): number {
    const collected = this.profiler.stop()?.statistics ?? [];
    this.profiler = new GCProfiler();
    this.profiler.start();
    const freed = collected.reduce((sum, gc) => sum + Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize), 0);
    const allocated = heapUsed - this.lastUsed + freed;
    this.lastUsed = heapUsed;
    return Math.max(0, allocated);
  }

  stop(): void {
    this.profiler.stop();
  }
}

/** V8's `gc()` without `--expose-gc` on the command line: exposed to a fresh context only. */
export function memoryReducingGc(): GcFunction | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as GcFunction) : undefined;
  } catch {
    return undefined;
  }
}

export interface MemoryTrimmer {
  /** Trims done so far (for the bench and tests). */
  readonly trims: number;
  stop(): void;
}

let shared: { trimmer: MemoryTrimmer & { trims: number }; users: number; timer: NodeJS.Timeout } | undefined;

/**
 * Starts the process's trimmer, or joins it: memory is per process, so several sandboxes in one
 * process (tests) share one. `stop()` of the last user ends it.
 */
export function startMemoryTrimmer(): MemoryTrimmer {
  if (!shared) {
    const gc = memoryReducingGc();
    const samples: MemorySample[] = [];
    let baselineRss = process.memoryUsage.rss();
    let lastTrim = Number.NEGATIVE_INFINITY;
    let peakBytesPerSample = 0;
    const meter = new AllocationMeter(process.memoryUsage().heapUsed);
    const trimmer = {
      trims: 0,
      stop() {
        if (!shared || --shared.users > 0) return;
        clearInterval(shared.timer);
        meter.stop();
        shared = undefined;
      },
    };
    const timer = setInterval(() => {
      const { rss, heapUsed } = process.memoryUsage();
      const allocated = meter.take(heapUsed);
      peakBytesPerSample = Math.max(peakBytesPerSample, allocated);
      samples.push({ rss, heapUsed, allocated });
      if (samples.length > QUIET_SAMPLES + 1) samples.shift();
      const now = performance.now();
      if (!gc || now - lastRequest < REQUEST_PAUSE_MS || !shouldTrim(samples, baselineRss, now - lastTrim, peakBytesPerSample)) return;
      gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      // What the trim's own GC freed is not an allocation of the next second.
      meter.take(process.memoryUsage().heapUsed);
      trimmer.trims++;
      lastTrim = performance.now();
      baselineRss = process.memoryUsage.rss();
      samples.length = 0;
      peakBytesPerSample = 0;
    }, SAMPLE_MS);
    // The trimmer never keeps a process alive.
    timer.unref();
    shared = { trimmer, users: 0, timer };
  }
  shared.users++;
  const joined = shared.trimmer;
  let stopped = false;
  return {
    get trims() {
      return joined.trims;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      joined.stop();
    },
  };
}
