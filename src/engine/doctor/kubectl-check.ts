import { check } from './check.js';
import { installKubectl } from './install-hints.js';
import type { KubectlDetection } from './kubectl-detect.js';
import type { DoctorCheck, Platform } from './types.js';

/** Check 1: is there a kubectl, and which one will kubedojo run? */
export function kubectlCheck(detection: KubectlDetection, platform: Platform, arch: string): DoctorCheck {
  const fix = installKubectl(platform, arch);
  switch (detection.kind) {
    case 'kubectl':
      return check('kubectl', 'ok', `kubectl ${detection.version} at ${detection.path}.`);
    case 'minikube':
      // It works, but the learner's own terminal has no `kubectl`, which the lessons type.
      return check('kubectl', 'warn', `${detection.kubectlProblem} kubedojo will use \`minikube kubectl --\` (kubectl ${detection.version}) instead.`, fix);
    case 'missing': {
      const minikube = detection.minikubeProblem ?? 'minikube is not installed either.';
      return check('kubectl', 'fail', `${detection.kubectlProblem} ${minikube}`, fix);
    }
  }
}
