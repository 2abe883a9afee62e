/**
 * The node-wide budget for retained container logs (issue #7). A real kubelet rotates each
 * container's log by containerLogMaxSize and containerLogMaxFiles, and the disk holds the rest; a
 * simulated node keeps every container's log in one process's memory, so it also needs a total.
 * When the total passes the budget, the chattiest runs give up their oldest lines first: every run
 * is cut to one common level, chosen so the total falls to a share of the budget (max-min
 * fairness, "water-filling"). A quiet container keeps all it wrote while the loud ones rotate.
 */

/**
 * The level: the largest `L` with sum(min(size, L)) <= target. Runs above it are cut to it, runs
 * at or below it keep everything. Pure, for tests.
 */
export function fairShareLevel(sizes: readonly number[], target: number): number {
  const sorted = [...sizes].sort((a, b) => b - a);
  let rest = sorted.reduce((sum, size) => sum + size, 0);
  if (rest <= target) return Number.POSITIVE_INFINITY;
  // The k largest are cut to L, the others keep their size: k * L + rest(k) <= target, L >= sorted[k].
  for (let k = 1; k <= sorted.length; k++) {
    rest -= sorted[k - 1]!;
    const level = Math.floor((target - rest) / k);
    if (level >= (sorted[k] ?? 0)) return Math.max(0, level);
  }
  return 0;
}
