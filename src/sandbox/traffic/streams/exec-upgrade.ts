/**
 * Accepting `pods/<name>/exec`: the apiserver's checks before the upgrade (pkg/registry/core/pod/
 * strategy.go streamLocation: the container, the node), the WebSocket handshake for
 * `v5.channel.k8s.io`, and the kubelet's refusal of a container that is not running (GetExec:
 * `container not found`), which kube-apiserver's stream translator reports on the error channel as
 * an InternalError once the WebSocket is up.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { badRequest, internal, type ApiError, type KubeObject } from '../../api/status.js';
import type { PodExec } from '../pod-network.js';
import { runExecSession, STREAM_PROTOCOL_V5, type ExecOptions } from './exec-session.js';

export class ExecUpgrades {
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has(STREAM_PROTOCOL_V5) ? STREAM_PROTOCOL_V5 : false),
  });
  private readonly sessions = new Set<Promise<void>>();

  constructor(private readonly exec: PodExec) {}

  accept(req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, params: URLSearchParams): void {
    const flag = (key: string) => ['true', '1'].includes(params.get(key) ?? '');
    const { namespace, name } = pod.metadata;
    const options: ExecOptions = {
      namespace,
      pod: name,
      container: streamContainer(pod, params.get('container') ?? ''),
      command: params.getAll('command'),
      stdin: flag('stdin'),
      stdout: flag('stdout'),
      stderr: flag('stderr'),
      tty: flag('tty'),
    };
    if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
    // Reached only by a kubectl told not to use WebSockets (KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false) or older than 1.30.
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      throw badRequest('the kubedojo sandbox streams exec over WebSocket (v5.channel.k8s.io, kubectl ≥ 1.30) only, not SPDY');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const session = isRunning(pod, options.container)
        ? runExecSession(ws, options, this.exec)
        : failSession(ws, options, internal(`unable to upgrade connection: container not found ("${options.container}")`));
      this.sessions.add(session);
      void session.finally(() => this.sessions.delete(session));
    });
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await Promise.allSettled([...this.sessions]);
    this.wss.close();
  }
}

/** streamLocation: the container named, or the only one; a clear error otherwise. */
function streamContainer(pod: KubeObject, requested: string): string {
  const name = pod.metadata.name;
  const names = (list: KubeObject[] | undefined) => (list ?? []).map((c) => c.name as string);
  const containers = names(pod.spec?.containers);
  if (requested) {
    const all = [...containers, ...names(pod.spec?.initContainers), ...names(pod.spec?.ephemeralContainers)];
    if (!all.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  if (containers.length === 1) return containers[0]!;
  if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  const init = names(pod.spec?.initContainers);
  throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${init.length ? ` or one of the init containers: [${init.join(' ')}]` : ''}`);
}

/** The kubelet only execs into a running container (findContainer looks among running ones). */
function isRunning(pod: KubeObject, container: string): boolean {
  const statuses: KubeObject[] = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return !!statuses.find((s) => s.name === container)?.state?.running;
}

/** An upgraded session that only reports an error, as the stream translator does when the kubelet refuses. */
async function failSession(ws: WebSocket, options: ExecOptions, error: ApiError): Promise<void> {
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.on('error', () => {});
  const first = options.stdout ? 1 : options.stderr ? 2 : 3;
  ws.send(Buffer.from([first]));
  ws.send(Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify(error.toStatus()))]));
  ws.close(1000);
  await closed;
}
