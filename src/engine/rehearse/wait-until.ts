/**
 * Waiting without sleeping: re-test a condition each time the cluster changes (an informer
 * event), give up at a deadline.
 */

export interface ChangeSignal {
  /** Something changed: wake every waiter. */
  notify(): void;
  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: () => void): () => void;
}

export function createChangeSignal(): ChangeSignal {
  const listeners = new Set<() => void>();
  return {
    notify: () => {
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Resolves true once `condition()` holds (tested now and on every change), false at the deadline. */
export function waitUntil(changes: ChangeSignal, condition: () => boolean, timeoutMs: number): Promise<boolean> {
  if (condition()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (result: boolean): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    };
    const timer = setTimeout(() => finish(condition()), timeoutMs);
    const unsubscribe = changes.subscribe(() => {
      if (condition()) finish(true);
    });
  });
}

/** Resolves true when `promise` fulfils within `timeoutMs`, false when it rejects or time runs out. */
export function settlesWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    promise.then(
      () => resolve(true),
      () => resolve(false),
    ).finally(() => clearTimeout(timer));
  });
}
