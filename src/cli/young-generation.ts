/**
 * Keeps V8's young generation at its starting size (two 1 MiB semi-spaces) for the whole process.
 *
 * V8 doubles the young generation whenever many of its objects survive a scavenge, up to 2 × 16–64
 * MiB on a 64-bit machine, and gives the pages back only in a memory-reducing GC, which an idle
 * Node process does not get (see docs/decisions.md, "Sandbox: memory back after a burst"). Loading
 * the app (Ink, client-node, the course) and a command's streamed output are such bursts: the
 * connected, idle app held a 32 MiB young generation of which ~1 MiB was in use, ~30 MiB of its
 * RSS, and 64 MiB after `kubectl get pods -o yaml` of 300 Pods (issue 9).
 *
 * `--max-semi-space-size` cannot be changed once the heap exists, and a command-line flag would
 * need a re-exec (start-up time) or the shebang (not `node dist/cli.js`). The growth factor is
 * read each time V8 grows the space, so setting it to 1 here (before the heavy imports) makes
 * every "growth" keep the current size. (Given on Node 24's command line the same flag changed
 * nothing here; set at run time it holds: 2 MiB instead of 32 MiB, measured.) Flags are process-wide: the sandbox's worker thread gets
 * the same young generation. Scavenges come more often and each is cheaper; the bench's key →
 * frame and first-frame figures did not move (docs/decisions.md, "App: memory on a real cluster").
 */
import { setFlagsFromString } from 'node:v8';

export function keepYoungGenerationSmall(): void {
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
  } catch {
    // Only a memory saving.
  }
}
