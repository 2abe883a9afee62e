/**
 * The node-wide budget for container logs (issue #7), through the real kubectl: three containers
 * that log without end and one quiet one. Together they keep no more than the budget, the loud
 * ones lose their oldest lines first, the quiet one keeps every line, and `kubectl logs` with
 * --tail, --since, --limit-bytes, --timestamps and -f keeps working on what is kept.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../../support/kubectl.js';

const BUDGET = 512 * 1024;
const LINE = 'x'.repeat(200);
const LOUD = ['loud-a', 'loud-b', 'loud-c'];

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ containerLogBudgetBytes: BUDGET });
});
afterAll(() => cluster?.stop());

/** `kubectl logs` (execa drops the output's last newline). */
const logs = async (...args: string[]) => {
  const result = await cluster.kubectl(['logs', ...args]);
  expect(result.stderr).toBe('');
  return result.stdout;
};

it('loud containers share the budget, oldest lines first; a quiet one keeps everything; kubectl logs still selects', async () => {
  // Given a quiet container and three that log without end.
  await cluster.kubectl(['run', 'quiet', '--image=busybox', '--', 'sh', '-c', 'echo quiet-first; echo quiet-second; sleep infinity']);
  for (const name of LOUD) await cluster.kubectl(['run', name, '--image=busybox', '--', 'sh', '-c', `echo ${name}-first; while true; do echo ${LINE}; done`]);

  // When they have written more than the budget (each loud one's first line rotated away).
  const deadline = Date.now() + 90_000;
  for (const name of LOUD) {
    while (!(await cluster.kubectl(['logs', name, '--limit-bytes=100'])).stdout.startsWith('x')) {
      expect(Date.now(), `${name} never rotated`).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // Then all four together hold no more than the budget (each alone may hold 256 KiB: 768 KiB for three).
  const texts = await Promise.all([...LOUD, 'quiet'].map((name) => logs(name)));
  const total = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  expect(total).toBeLessThanOrEqual(BUDGET);
  for (const text of texts.slice(0, 3)) {
    expect(text).toMatch(new RegExp(`^(${LINE}\n)*${LINE}$`));
    expect(Buffer.byteLength(text)).toBeGreaterThan(BUDGET / 3 / 4);
  }
  expect(texts[3]).toBe('quiet-first\nquiet-second');

  // And kubectl's selections work on what is kept.
  expect(await logs('loud-a', '--tail=2')).toBe(`${LINE}\n${LINE}`);
  expect(await logs('loud-b', '--since=1h', '--limit-bytes=1000')).toBe(`${LINE}\n`.repeat(5).slice(0, 1000));
  expect(await logs('quiet', '--tail=1', '--timestamps')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z quiet-second$/);
  expect(await logs('quiet', `--since-time=${new Date(Date.now() + 60_000).toISOString()}`)).toBe('');

  // A follower sees new lines as they are written, past the budget's cuts.
  const follow = cluster.spawn(['logs', '-f', 'loud-c', '--tail=1']);
  let followed = '';
  follow.stdout!.on('data', (d: Buffer) => (followed += d.toString()));
  const followDeadline = Date.now() + 30_000;
  while (Buffer.byteLength(followed) < BUDGET) {
    expect(Date.now(), 'the follower stopped getting lines').toBeLessThan(followDeadline);
    await new Promise((r) => setTimeout(r, 100));
  }
  follow.kill();
  await follow;
  expect(followed.slice(0, 10 * (LINE.length + 1))).toBe(`${LINE}\n`.repeat(10));
  // Still within the budget after the follower saw more than the whole budget go by.
  const after = await Promise.all([...LOUD, 'quiet'].map((name) => logs(name)));
  expect(after.reduce((sum, text) => sum + Buffer.byteLength(text), 0)).toBeLessThanOrEqual(BUDGET);
  expect(after[3]).toBe('quiet-first\nquiet-second');
}, 180_000);
