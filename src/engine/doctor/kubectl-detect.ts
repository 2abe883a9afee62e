import { devNull } from 'node:os';
import { createExecutableLookup } from './executable-lookup.js';
import { createProcessRunner, type ProcessEnv } from './process-runner.js';
import type { ExecutableLookup, Platform, ProcessRunner } from './types.js';
import { clientVersionOf } from './versions.js';

export const KUBECTL_PREFIX = ['kubectl'] as const;
/** minikube's bundled kubectl, which matches the minikube cluster's version. */
export const MINIKUBE_KUBECTL_PREFIX = ['minikube', 'kubectl', '--'] as const;

export type KubectlDetection =
  | { kind: 'kubectl'; prefix: string[]; path: string; version: string }
  | { kind: 'minikube'; prefix: string[]; minikubePath: string; version: string; kubectlProblem: string }
  | { kind: 'missing'; kubectlProblem: string; minikubeProblem: string | undefined };

export interface KubectlDetectDeps {
  run: ProcessRunner;
  which: ExecutableLookup;
}

/**
 * Finds the kubectl to use: `kubectl` from the PATH when it answers `version --client`, else
 * minikube's bundled one (`minikube kubectl --`), else none.
 */
export async function detectKubectl({ run, which }: KubectlDetectDeps): Promise<KubectlDetection> {
  const kubectlPath = await which('kubectl');
  let kubectlProblem = 'kubectl is not on your PATH.';
  if (kubectlPath !== undefined) {
    const answer = await clientVersion(run, [...KUBECTL_PREFIX]);
    if (answer.version !== undefined) return { kind: 'kubectl', prefix: [...KUBECTL_PREFIX], path: kubectlPath, version: answer.version };
    kubectlProblem = `${kubectlPath} did not answer \`kubectl version --client\`: ${answer.problem}`;
  }

  const minikubePath = await which('minikube');
  if (minikubePath === undefined) return { kind: 'missing', kubectlProblem, minikubeProblem: undefined };
  const answer = await clientVersion(run, [...MINIKUBE_KUBECTL_PREFIX]);
  if (answer.version === undefined) {
    return { kind: 'missing', kubectlProblem, minikubeProblem: `\`minikube kubectl -- version --client\` failed: ${answer.problem}` };
  }
  return { kind: 'minikube', prefix: [...MINIKUBE_KUBECTL_PREFIX], minikubePath, version: answer.version, kubectlProblem };
}

export interface ResolveKubectlOptions {
  run?: ProcessRunner;
  which?: ExecutableLookup;
  /** Where PATH comes from for the default runner and lookup; default `process.env`. */
  env?: ProcessEnv;
  platform?: Platform;
}

/**
 * The argv prefix kubedojo runs kubectl with: `['kubectl']`, or `['minikube', 'kubectl', '--']`
 * when only minikube is installed; undefined when there is neither.
 */
export async function resolveKubectl(options: ResolveKubectlOptions = {}): Promise<string[] | undefined> {
  const env = options.env ?? process.env;
  const detection = await detectKubectl({
    run: options.run ?? createProcessRunner(env),
    which: options.which ?? createExecutableLookup(env, options.platform ?? process.platform),
  });
  return detection.kind === 'missing' ? undefined : detection.prefix;
}

async function clientVersion(run: ProcessRunner, prefix: string[]): Promise<{ version?: string; problem: string }> {
  // Never with the learner's kubeconfig (issue #7): some kubectl builds (the gcloud dispatcher)
  // read it, and contact its current context, even for `--client`. An empty one, by flag and env.
  const result = await run([...prefix, 'version', '--client', '-o', 'json', `--kubeconfig=${devNull}`], { env: { KUBECONFIG: devNull } });
  const version = result.exitCode === 0 ? clientVersionOf(result.stdout) : undefined;
  if (version !== undefined) return { version, problem: '' };
  const said = firstLine(result.stderr) ?? firstLine(result.stdout) ?? 'no output';
  return { problem: result.exitCode === 0 ? `no version in its output (${said})` : `exit ${result.exitCode}: ${said}` };
}

export function firstLine(text: string): string | undefined {
  return text.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '');
}
