import { ApiError, type KubeObject } from '../../../src/sandbox/api/status.js';

/** The Status a patch is refused with, as the server sends it; fails the test when the patch applies. */
export function failureOf(apply: () => unknown): KubeObject {
  try {
    apply();
  } catch (error) {
    if (error instanceof ApiError) return error.toStatus();
    throw error;
  }
  throw new Error('the patch applied');
}

/** The Status of an error kube-apiserver has no status for: a 500 without reason (`Error from server: ...`). */
export function unknownFailure(message: string): KubeObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: '', code: 500 };
}
