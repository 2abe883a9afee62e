import { check } from './check.js';
import { installMinikube } from './install-hints.js';
import { parseMinikubeStatus } from './minikube-status.js';
import type { DoctorCheck, ExecutableLookup, Platform, ProcessRunner } from './types.js';

export interface MinikubeCheckDeps {
  run: ProcessRunner;
  which: ExecutableLookup;
  platform: Platform;
  arch: string;
}

/**
 * Check 3: minikube installed and running. Never a failure: the built-in sandbox (or any other
 * local cluster) does the job without it.
 */
export async function minikubeCheck({ run, which, platform, arch }: MinikubeCheckDeps): Promise<DoctorCheck> {
  const path = await which('minikube');
  if (path === undefined) {
    return check(
      'minikube',
      'warn',
      'minikube is not installed. Not required: kubedojo has a built-in sandbox cluster, and kind, k3d or Docker Desktop work too.',
      installMinikube(platform, arch),
    );
  }
  const state = parseMinikubeStatus(await run(['minikube', 'status', '-o', 'json']));
  switch (state.kind) {
    case 'running':
      return check('minikube', 'ok', `minikube (profile \`${state.profile}\`) is running.`);
    case 'stopped':
      return check('minikube', 'warn', `minikube (profile \`${state.profile}\`) is stopped.`, 'minikube start');
    case 'paused':
      return check('minikube', 'warn', `minikube (profile \`${state.profile}\`) is paused.`, 'minikube unpause');
    case 'no-cluster':
      return check('minikube', 'warn', `minikube is installed at ${path} but has no cluster yet.`, 'minikube start');
    case 'unknown':
      return check('minikube', 'warn', `minikube is installed at ${path}, but its state is unclear: ${state.reason}.`, 'minikube start');
  }
}
