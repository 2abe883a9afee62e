import { firstLine } from './kubectl-detect.js';
import type { ProcessOutput } from './types.js';

export type MinikubeState =
  | { kind: 'running'; profile: string }
  | { kind: 'stopped'; profile: string }
  | { kind: 'paused'; profile: string }
  | { kind: 'no-cluster' }
  | { kind: 'unknown'; reason: string };

interface StatusJson {
  Name?: unknown;
  Host?: unknown;
  APIServer?: unknown;
}

/**
 * Reads `minikube status -o json`. Its exit code is a bit mask of what is NOT running (1 host,
 * 2 kubelet, 4 apiserver) even when the JSON is complete, so the JSON decides, not the code:
 * https://minikube.sigs.k8s.io/docs/commands/status/
 * Several nodes print an array; the first entry is the control plane.
 */
export function parseMinikubeStatus(output: ProcessOutput): MinikubeState {
  const entry = firstEntry(output.stdout);
  if (entry !== undefined) {
    const profile = typeof entry.Name === 'string' && entry.Name !== '' ? entry.Name : 'minikube';
    const host = String(entry.Host ?? '');
    const apiServer = String(entry.APIServer ?? '');
    if (host === 'Running' && apiServer === 'Running') return { kind: 'running', profile };
    if (apiServer === 'Paused') return { kind: 'paused', profile };
    if (host === 'Nonexistent') return { kind: 'no-cluster' };
    if (host === 'Stopped' || apiServer === 'Stopped') return { kind: 'stopped', profile };
    return { kind: 'unknown', reason: `minikube reports host ${host || '?'}, apiserver ${apiServer || '?'}` };
  }
  // Without a profile minikube prints only a message: `Profile "minikube" not found. ...`
  const said = `${output.stdout}\n${output.stderr}`;
  if (/not found|does not exist|Nonexistent/i.test(said)) return { kind: 'no-cluster' };
  return { kind: 'unknown', reason: `\`minikube status\` exited ${output.exitCode}: ${firstLine(output.stderr) ?? firstLine(output.stdout) ?? 'no output'}` };
}

function firstEntry(stdout: string): StatusJson | undefined {
  const start = stdout.search(/[[{]/);
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(stdout.slice(start)) as unknown;
    const entry = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
    return entry !== null && typeof entry === 'object' ? (entry as StatusJson) : undefined;
  } catch {
    return undefined;
  }
}
