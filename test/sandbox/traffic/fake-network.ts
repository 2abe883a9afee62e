/**
 * A stand-in for the simulated node's Pod network and exec, so the traffic tests control exactly
 * which addresses listen and what a command prints. Every server answers with the Pod it belongs to.
 */
import type { Sandbox } from '../../../src/sandbox/index.js';
import { PODS } from '../../../src/sandbox/controllers/kinds.js';
import type { ExecResult, PodExec, PodNetwork, PodRequest, PodResponse, PodServer } from '../../../src/sandbox/traffic/index.js';

export interface Served {
  pod: string;
  request: PodRequest;
}

export class FakeNetwork implements PodNetwork, PodExec {
  /** `ip:port` → the Pod name that listens there (explicit servers, for hand-made endpoints). */
  private readonly servers = new Map<string, { namespace: string; name: string }>();
  /** Pods of the attached sandbox whose server is down (all others listen on every port). */
  readonly down = new Set<string>();
  /** Pods whose server resets the connection mid-request. */
  readonly resetting = new Set<string>();
  readonly served: Served[] = [];
  commands: Record<string, (argv: string[]) => ExecResult> = {};
  private sandbox?: Sandbox;

  /** Lets every Pod of the sandbox that has an IP listen on any port, unless marked down. */
  attach(sandbox: Sandbox): void {
    this.sandbox = sandbox;
  }

  listen(ip: string, port: number, name: string, namespace = 'default'): void {
    this.servers.set(`${ip}:${port}`, { namespace, name });
  }

  unlisten(ip: string, port: number): void {
    this.servers.delete(`${ip}:${port}`);
  }

  connect(ip: string, port: number): PodServer | undefined {
    const pod = this.servers.get(`${ip}:${port}`) ?? this.podAt(ip);
    if (!pod || this.down.has(pod.name)) return undefined;
    return {
      pod,
      handle: async (request: PodRequest): Promise<PodResponse> => {
        if (this.resetting.has(pod.name)) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
        this.served.push({ pod: pod.name, request });
        return { status: 200, headers: { Server: 'fake/1.0', 'Content-Type': 'text/plain', 'X-Pod': pod.name }, body: `served by ${pod.name} ${request.path}\n` };
      },
    };
  }

  exec(namespace: string, pod: string, container: string, argv: string[]): ExecResult {
    const command = this.commands[argv[0] ?? ''];
    if (command) return command(argv);
    return { exitCode: 127, stdout: '', stderr: `sh: ${argv[0]}: not found\n` };
  }

  private podAt(ip: string): { namespace: string; name: string } | undefined {
    const pod = this.sandbox?.store.list(PODS).items.find((p) => p.status?.podIP === ip && !p.status?.phase?.match(/Succeeded|Failed/));
    return pod && { namespace: pod.metadata.namespace, name: pod.metadata.name };
  }
}
