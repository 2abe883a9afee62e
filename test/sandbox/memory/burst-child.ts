/**
 * A process that grows its heap in a burst and then goes quiet, printing its RSS as JSON lines:
 * `start`, `burst` (right after), then `idle` once a second. With `trim` as argv[2] it runs the
 * sandbox's memory trimmer, as `startSandbox` does.
 */
import { startMemoryTrimmer } from '../../../src/sandbox/memory-trim.js';

const trimmer = process.argv[2] === 'trim' ? startMemoryTrimmer() : undefined;
const line = (phase: string) => process.stdout.write(JSON.stringify({ phase, rss: process.memoryUsage.rss(), trims: trimmer?.trims ?? 0 }) + '\n');
line('start');
// The burst: ~100 MB of short- and medium-lived objects, as a flood of API writes leaves.
let keep: { s: string }[] = [];
for (let i = 0; i < 1_000_000; i++) {
  keep.push({ s: `${'x'.repeat(40)}${i}` });
  if (keep.length > 300_000) keep = [];
}
keep = [];
line('burst');
const timer = setInterval(() => line('idle'), 1000);
setTimeout(() => {
  clearInterval(timer);
  trimmer?.stop();
}, 25_000);
