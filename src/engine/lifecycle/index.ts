export { createExitRegistry, exitCodeForSignal } from './exit-registry.js';
export type { ExitProcess, ExitRegistry, ExitRegistryOptions } from './exit-registry.js';
export { runCleanups } from './run-cleanups.js';
export type { Cleanup, CleanupFailure } from './run-cleanups.js';
