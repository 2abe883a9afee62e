/**
 * What the child reaper (src/engine/commands/child-reaper.ts, issue #7) costs: each command the
 * runner starts is announced to it and forgotten again (two pipe writes), and the reaper itself is
 * one `sh` per run. Measured as the runner's wall time per `true` with the reaper and with a no-op
 * one, interleaved so load affects both alike; next to it the design it replaced, a `node -e`
 * watchdog per command, whose cost is at least a `node -e 0` start.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { createChildReaper, type ChildReaper } from '../src/engine/commands/child-reaper.js';
import { createExecaRunner } from '../src/engine/commands/execa-runner.js';
import { baseline, median, ms, report } from './stats.js';

const ROUNDS = 150;

const noReaper: ChildReaper = { watch() {}, forget() {}, close: async () => {}, pid: undefined };

function rssKb(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

async function perCommand(): Promise<void> {
  const reaper = createChildReaper();
  const withReaper = createExecaRunner({ reaper });
  const without = createExecaRunner({ reaper: noReaper });
  const timed = async (runner: typeof withReaper): Promise<number> => {
    const start = performance.now();
    await runner.run(['true']);
    return performance.now() - start;
  };
  await timed(withReaper); // starts the reaper: a one-off, reported below
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    a.push(await timed(withReaper));
    b.push(await timed(without));
  }
  const overhead = median(a) - median(b);
  report(`runner: \`true\` with the reaper (median of ${ROUNDS})`, ms(median(a)), '', true);
  baseline('runner: `true` without it', ms(median(b)));
  report('reaper overhead per command (difference of medians)', ms(overhead), '≤ 1 ms', overhead <= 1);

  // The announcements alone, without a spawn around them.
  const pairs = 10_000;
  const start = performance.now();
  for (let i = 1; i <= pairs; i++) {
    reaper.watch(-(1_000_000 + i));
    reaper.forget(-(1_000_000 + i));
  }
  const perPair = ((performance.now() - start) * 1000) / pairs;
  report('watch + forget, in kubedojo (per command)', `${perPair.toFixed(1)} µs`, '≤ 50 µs', perPair <= 50);
  const pid = reaper.pid;
  const rss = pid === undefined ? NaN : rssKb(pid);
  report('the reaper process (one per run): RSS', `${(rss / 1024).toFixed(1)} MB`, '≤ 4 MB', rss <= 4096);
  await withReaper.stopAll();

  // The rejected design: a node watchdog per command costs at least a node start.
  const node: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await execa(process.execPath, ['-e', '0']);
    node.push(performance.now() - t);
  }
  baseline('a `node -e 0` per command (the watchdog design it replaced)', ms(median(node)));
}

export const reaperFigures: [string, () => Promise<void>][] = [['app: child reaper (kill -9 leaves no children)', perCommand]];
