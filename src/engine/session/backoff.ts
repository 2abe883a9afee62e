/** How long to wait before reconnecting to a lost cluster: 1 s, doubling, at most 30 s. */

export const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_MS = 30_000;

/** The delay before retry number `attempt` (1-based). */
export function retryDelay(attempt: number): number {
  const doublings = Math.max(0, Math.floor(attempt) - 1);
  // 2^5 s already passes the cap; stop before the exponent overflows for long outages.
  return doublings >= 5 ? MAX_RETRY_MS : Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** doublings);
}
