/**
 * One probe, run the way the kubelet's prober runs it (pkg/kubelet/prober/prober.go runProbe and
 * pkg/probe/{http,tcp,exec}): httpGet from the node (source 10.244.0.1, `User-Agent: kube-probe/1.32`)
 * to the Pod IP and port — a named port is looked up in the container's ports — succeeding on a
 * status from 200 to 399; tcpSocket succeeding when the port accepts; exec running the command in the
 * container (the set shell-runner.ts simulates) succeeding on exit 0. timeoutSeconds bounds each.
 * The output is what the kubelet puts after "<Type> probe failed: " in the Unhealthy event.
 */
import type { KubeObject } from '../api/status.js';
import type { SimClock } from '../clock.js';
import type { ContainerProcess } from './container-process.js';
import type { NodeNetwork, PodResponse } from './node-network.js';

export type ProbeType = 'Readiness' | 'Liveness' | 'Startup';

export interface ProbeOutcome {
  success: boolean;
  output: string;
}

export interface ProbeTarget {
  podIP: string;
  container: KubeObject;
  process?: ContainerProcess;
}

/** The kubelet's bridge address on minikube's pod network: where probes come from. */
export const PROBE_SOURCE_IP = '10.244.0.1';
export const KUBE_PROBE_AGENT = 'kube-probe/1.32';

function resolvePort(port: number | string, container: KubeObject): number | undefined {
  if (typeof port === 'number') return port;
  const named = (container.ports ?? []).find((p: KubeObject) => p.name === port);
  if (named) return named.containerPort;
  const n = Number(port);
  return Number.isInteger(n) ? n : undefined;
}

function timeout<T>(clock: SimClock, ms: number, work: Promise<T>): Promise<T | 'timeout'> {
  let cancel = () => {};
  const timer = new Promise<'timeout'>((resolve) => (cancel = clock.after(ms, () => resolve('timeout'))));
  return Promise.race([work, timer]).finally(() => cancel());
}

async function httpGet(action: KubeObject, target: ProbeTarget, network: NodeNetwork, clock: SimClock, timeoutMs: number): Promise<ProbeOutcome> {
  const host: string = action.host || target.podIP;
  const port = resolvePort(action.port, target.container);
  if (port === undefined) return { success: false, output: `port ${action.port} not found` };
  if (String(action.scheme ?? 'HTTP').toUpperCase() === 'HTTPS') return { success: false, output: 'kubedojo sandbox: HTTPS probes are not available in the sandbox' };
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${action.path ?? '/'}`;
  const server = network.connect(host, port);
  if (!server) return { success: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
  const headers: Record<string, string> = { host: `${host}:${port}`, 'user-agent': KUBE_PROBE_AGENT, accept: '*/*', connection: 'close' };
  for (const h of (action.httpHeaders ?? []) as KubeObject[]) headers[String(h.name).toLowerCase()] = h.value;
  let response: PodResponse | 'timeout';
  try {
    response = await timeout(clock, timeoutMs, server.handle({ method: 'GET', path: action.path ?? '/', headers, remoteAddress: PROBE_SOURCE_IP }));
  } catch {
    return { success: false, output: `Get "${url}": read tcp ${PROBE_SOURCE_IP}:47230->${host}:${port}: read: connection reset by peer` };
  }
  if (response === 'timeout') return { success: false, output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
  if (response.status >= 200 && response.status < 400) return { success: true, output: '' };
  return { success: false, output: `HTTP probe failed with statuscode: ${response.status}` };
}

async function execProbe(command: string[], target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  if (!target.process?.running) return { success: false, output: 'container not running' };
  const result = await target.process.exec(command, timeoutMs);
  if (result.timedOut) return { success: false, output: `command "${command.join(' ')}" timed out` };
  return { success: result.exitCode === 0, output: `${result.stdout}${result.stderr}` };
}

export async function runProbe(probe: KubeObject, target: ProbeTarget, network: NodeNetwork, clock: SimClock): Promise<ProbeOutcome> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.httpGet) return httpGet(probe.httpGet, target, network, clock, timeoutMs);
  if (probe.tcpSocket) {
    const host: string = probe.tcpSocket.host || target.podIP;
    const port = resolvePort(probe.tcpSocket.port, target.container);
    if (port !== undefined && network.connect(host, port)) return { success: true, output: '' };
    return { success: false, output: `dial tcp ${host}:${probe.tcpSocket.port}: connect: connection refused` };
  }
  if (probe.exec) return execProbe(probe.exec.command ?? [], target, timeoutMs);
  return { success: false, output: 'kubedojo sandbox: gRPC probes are not available in the sandbox' };
}
