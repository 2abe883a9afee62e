/**
 * Two V8 heap settings for the app's process, set at run time once the first frame is drawn (issue 9:
 * the app's RSS idle and while a command prints a lot). Not earlier: from the start, the small young
 * generation cost the first frame ~30 ms of main-thread CPU in scavenges (measured in a pty).
 *
 * 1. The young generation stays near its starting size (two 1 MiB semi-spaces; V8 still adds a
 *    few pages at times: 2–12 MiB in test/app/heap-tuning.test.ts's burst, 128 untuned). V8 doubles it
 *    whenever many of its objects survive a scavenge, up to 2 × 16–64 MiB, and gives the pages
 *    back only in a memory-reducing GC, which an idle Node process does not get (docs/decisions.md,
 *    "Sandbox: memory back after a burst"). Loading the app and a command's streamed output are
 *    such bursts: the connected, idle app held a 32 MiB young generation with ~1 MiB in use, and
 *    64 MiB after `kubectl get pods -o yaml` of 300 Pods. `--max-semi-space-size` cannot change
 *    once the heap exists (and a command-line flag needs a re-exec or the shebang, which
 *    `node dist/cli.js` skips); the growth factor is read each time V8 grows the space, so 1 makes
 *    every growth keep the current size. (On Node 24's command line the same flag changed
 *    nothing here; set at run time it holds: 2 MiB instead of 32, measured.) Set after the first
 *    frame, when the young generation may have grown already: the idle trim (idle-trim.ts) shrinks
 *    it back once, and from then on it stays small.
 * 2. The old generation is collected once it has grown 15% over what the last full GC kept,
 *    instead of V8's 1.1–4× (its choice for throughput). Lines that stream through the output pane
 *    live long enough to be promoted, then die: with V8's factor, three 34,000-line outputs left
 *    45 MiB of dead lines in the old generation before the first full GC (RSS 140 → 185 MB); with
 *    30% the peak was ~14 MB over idle, with 15% ~10-14 (and idle itself 10 MB lower). The GC's
 *    marking is concurrent; its pauses on this heap (~25 MB live) are a few ms.
 *
 * Flags are process-wide: the embedded sandbox's worker thread gets the same heap behaviour (more
 * frequent, smaller collections, in its own thread, not the UI's).
 */
import { setFlagsFromString } from 'node:v8';
import { memoryReducingGc } from '../sandbox/memory-trim.js';

export function tuneHeapForAnInteractiveApp(): void {
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
    setFlagsFromString('--heap-growing-percent=15');
  } catch {
    // Only a memory saving.
  }
}

/** One memory-reducing GC (V8's `last-resort` flavour), or undefined when V8 gives none. */
export function lastResortGc(): (() => void) | undefined {
  const gc = memoryReducingGc();
  return gc === undefined ? undefined : () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
