export interface Cleanup {
  /** Shown when it fails: "cleanup \"stop watches\" failed: ...". */
  name: string;
  run: () => void | Promise<void>;
}

export interface CleanupFailure {
  name: string;
  /** The thrown error, or undefined when it timed out. */
  error: unknown;
  timedOut: boolean;
}

/**
 * Runs cleanups one after another in the given order, each isolated: a throw, a rejection or a
 * hang (past `timeoutMs`) is recorded and the next cleanup still runs. Never rejects.
 */
export async function runCleanups(cleanups: readonly Cleanup[], timeoutMs: number): Promise<CleanupFailure[]> {
  const failures: CleanupFailure[] = [];
  for (const cleanup of cleanups) {
    const failure = await runOne(cleanup, timeoutMs);
    if (failure !== undefined) failures.push(failure);
  }
  return failures;
}

async function runOne(cleanup: Cleanup, timeoutMs: number): Promise<CleanupFailure | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CleanupFailure>((resolve) => {
    timer = setTimeout(() => resolve({ name: cleanup.name, error: undefined, timedOut: true }), timeoutMs);
  });
  // `.then(cleanup.run)` turns a synchronous throw into a rejection we can catch.
  const attempt = Promise.resolve()
    .then(() => cleanup.run())
    .then(
      () => undefined,
      (error: unknown) => ({ name: cleanup.name, error, timedOut: false }),
    );
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
