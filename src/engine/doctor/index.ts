/** `kubedojo doctor`: checks the learner's tools and cluster, and says how to fix what is missing. */
export { runDoctor } from './run-doctor.js';
export type { DoctorCluster, DoctorOptions } from './run-doctor.js';
export { formatDoctorReport } from './format-report.js';
export type { FormatOptions } from './format-report.js';
export { resolveKubectl, detectKubectl, KUBECTL_PREFIX, MINIKUBE_KUBECTL_PREFIX } from './kubectl-detect.js';
export type { KubectlDetection, ResolveKubectlOptions } from './kubectl-detect.js';
export { createProcessRunner } from './process-runner.js';
export type { ProcessEnv } from './process-runner.js';
export { createExecutableLookup } from './executable-lookup.js';
export { reviewAccess } from './access-review.js';
export type { AccessRequest, AccessReviewer, AccessReviewOutcome } from './access-review.js';
export { CHECK_TITLES } from './check.js';
export type { CheckStatus, DoctorCheck, DoctorCheckId, DoctorReport, ExecutableLookup, Platform, ProcessOutput, ProcessRunner } from './types.js';
