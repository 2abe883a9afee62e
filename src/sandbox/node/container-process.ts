/**
 * One run of a container: its PID 1, from the container's command and args over the image's
 * ENTRYPOINT and CMD (Docker's rules), interpreted by shell-runner.ts, printing to the container's
 * log. Signals follow Linux's rule for PID 1 — a signal it has no handler for is ignored — so the
 * image's stop signal reaches a server only when the server is PID 1 (run directly, or `exec`'d from
 * `sh -c`): a shell or `sleep` as PID 1 waits for SIGKILL at the end of the grace period (exit 137),
 * as does a server started from `sh -c "sleep 5 && nginx …"` without `exec`.
 */
import type { KubeObject } from '../api/status.js';
import type { SimClock } from '../clock.js';
import { appBehaviour } from './app-behaviours.js';
import { AppServer, type Signal } from './app-server.js';
import type { ContainerFs } from './container-fs.js';
import { expand } from './container-env.js';
import type { CatalogImage } from './image-catalog.js';
import { entrypointLines } from './nginx-logs.js';
import { enableIpv6 } from './nginx-app.js';
import type { NodeNetwork, PodResponse } from './node-network.js';
import { resolveCommand, runArgv, StartFailure, type ShellHost, type ShellIO } from './shell-runner.js';

/** Requests to a Service from inside a Pod, provided by the Service proxy (src/sandbox/traffic). */
export type ServiceFetch = (host: string, port: number, path: string, options?: { method?: string; headers?: Record<string, string>; from?: string }) => Promise<PodResponse>;

export interface ProcessContext {
  clock: SimClock;
  network: NodeNetwork;
  image: CatalogImage;
  container: KubeObject;
  pod: { namespace: string; name: string; hostname: string };
  podIP: string;
  env: Record<string, string>;
  fs: ContainerFs;
  kernel: string;
  cpus: number;
  /** The Service proxy's fetch, once one is wired (SimNode.setServiceFetch). */
  fetchService(): ServiceFetch | undefined;
  log(lines: string[]): void;
  unsupported(command: string): void;
}

export interface ProcessEvents {
  exited(code: number): void;
  startFailed(message: string): void;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const error = (code: string, message: string) => Object.assign(new Error(message), { code });

export class ContainerProcess {
  private done = false;
  private server?: AppServer;
  private serverIsPid1 = false;
  private readonly timers = new Set<() => void>();
  /** Execs in progress: they end with the container, as their processes die with it. */
  private readonly execs = new Set<(code: number) => void>();

  constructor(
    private readonly ctx: ProcessContext,
    private readonly events: ProcessEvents,
  ) {}

  /** Docker's rule: `command` replaces ENTRYPOINT (and drops CMD), `args` replaces CMD. */
  argv(): string[] {
    const { container, image, env } = this.ctx;
    const args: string[] | undefined = container.args?.length ? container.args : undefined;
    const argv = container.command?.length ? [...container.command, ...(args ?? [])] : [...image.entrypoint, ...(args ?? image.cmd)];
    return argv.map((a) => expand(String(a), env));
  }

  /** Starts PID 1; false when the runtime cannot, because the image has no such binary. */
  start(): boolean {
    const argv = this.argv();
    if (resolveCommand(argv[0] ?? '', this.ctx.image) === 'missing') {
      this.done = true;
      this.events.startFailed(`exec: "${argv[0]}": executable file not found in $PATH`);
      return false;
    }
    const io: ShellIO = { out: (l) => this.ctx.log([l]), err: (l) => this.ctx.log([l]) };
    runArgv(argv, io, this.host(io, true), { pid1: true, from: 'runtime' }).then(
      (code) => this.finish(code),
      (failure) => {
        if (!(failure instanceof StartFailure)) throw failure;
        if (this.done) return;
        this.done = true;
        this.events.startFailed(failure.message);
      },
    );
    return true;
  }

  /** The runtime's StopContainer: the image's STOPSIGNAL to PID 1. */
  stop(): void {
    if (this.server && this.serverIsPid1) this.server.signal(this.ctx.image.stopSignal);
  }

  /** SIGKILL: everything in the container dies now. */
  kill(): void {
    if (this.done) return;
    this.server?.kill();
    this.finish(137);
  }

  get running(): boolean {
    return !this.done;
  }

  /** `kubectl exec`, exec probes and hooks: a command beside PID 1, with its own output. */
  async exec(argv: string[], timeoutMs?: number): Promise<ExecResult & { timedOut?: boolean }> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io: ShellIO = { out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
    let died = (_code: number) => {};
    const dies = new Promise<number>((resolve) => this.execs.add((died = resolve)));
    const run = Promise.race([runArgv(argv, io, this.host(io, false), { pid1: false, from: 'exec' }), dies]);
    const result = await (timeoutMs === undefined ? run : Promise.race([run, new Promise<undefined>((resolve) => this.after(timeoutMs, () => resolve(undefined)))]));
    this.execs.delete(died);
    const text = (lines: string[]) => (lines.length ? `${lines.join('\n')}\n` : '');
    if (result === undefined) return { exitCode: -1, stdout: text(stdout), stderr: text(stderr), timedOut: true };
    return { exitCode: result, stdout: text(stdout), stderr: text(stderr) };
  }

  /**
   * An interactive shell beside PID 1 (`kubectl exec -it POD -- sh`): the host its commands run
   * on, and `died`, which settles with 137 when the container dies first (the shell dies with it).
   * Undefined when the image has no such shell: the caller runs it as a plain exec, which reports
   * the runtime's "executable file not found".
   */
  attachShell(shell: string, io: ShellIO): { host: ShellHost; image: CatalogImage; died: Promise<number>; detach(): void } | undefined {
    if (this.done || resolveCommand(shell, this.ctx.image) !== 'shell') return undefined;
    let died = (_code: number) => {};
    const dies = new Promise<number>((resolve) => this.execs.add((died = resolve)));
    return { host: this.host(io, false), image: this.ctx.image, died: dies, detach: () => void this.execs.delete(died) };
  }

  private host(io: ShellIO, main: boolean): ShellHost {
    const { ctx } = this;
    return {
      image: ctx.image,
      env: ctx.env,
      fs: ctx.fs,
      hostname: ctx.pod.hostname,
      now: () => ctx.clock.now(),
      stdinOpen: main && !!ctx.container.stdin,
      processes: () => [{ pid: 1, command: this.argv().join(' ') }],
      unsupported: (command) => (main ? ctx.unsupported(command) : undefined),
      sleep: (ms) => new Promise((resolve) => (Number.isFinite(ms) ? this.after(ms, resolve) : undefined)),
      http: (host, port, method, path, headers, timeoutMs) => this.http(host, port, { method, path, headers, remoteAddress: ctx.podIP }, timeoutMs),
      entrypoint: (server) => {
        if (ctx.image.app.kind !== 'nginx' || !server.startsWith('nginx')) return;
        enableIpv6(ctx.fs);
        for (const line of entrypointLines(ctx.image.app.version)) io.out(line);
      },
      ...(main ? { serve: (argv: string[], pid1: boolean) => this.serve(argv, pid1) } : { signalServer: (signal: Signal) => this.signalServer(signal) }),
    };
  }

  private serve(argv: string[], pid1: boolean): Promise<number> {
    const { ctx } = this;
    // nginx without `daemon off;` forks into the background and the foreground process exits 0.
    if (ctx.image.app.kind === 'nginx' && !argv.some((a) => /daemon\s+off/.test(a))) return Promise.resolve(0);
    const behaviour = appBehaviour(ctx.image, { podName: ctx.pod.name, kernel: ctx.kernel, cpus: ctx.cpus, fs: ctx.fs });
    if (!behaviour || this.server) return Promise.resolve(0);
    return new Promise((resolve) => {
      this.serverIsPid1 = pid1;
      this.server = new AppServer(behaviour, { clock: ctx.clock, network: ctx.network, podIP: ctx.podIP, pod: { namespace: ctx.pod.namespace, name: ctx.pod.name }, log: (lines) => ctx.log(lines), exited: resolve });
      this.server.start();
    });
  }

  private signalServer(signal: Signal): boolean {
    if (!this.server || this.done) return false;
    this.server.signal(signal);
    return true;
  }

  private http(host: string, port: number, request: { method: string; path: string; headers: Record<string, string>; remoteAddress: string }, timeoutMs?: number): Promise<PodResponse> {
    const { ctx } = this;
    const local = host === 'localhost' || host === '127.0.0.1';
    let answer: Promise<PodResponse>;
    if (local || /^10\.244\.\d+\.\d+$/.test(host)) {
      const server = ctx.network.connect(local ? ctx.podIP : host, port);
      answer = server ? server.handle({ ...request, remoteAddress: local ? '127.0.0.1' : ctx.podIP }) : Promise.reject(error('ECONNREFUSED', `connect ECONNREFUSED ${host}:${port}`));
    } else if (ctx.fetchService()) {
      answer = ctx.fetchService()!(host, port, request.path, { method: request.method, headers: request.headers, from: ctx.podIP });
    } else {
      answer = Promise.reject(error('ESANDBOX', 'Services are not reachable from inside Pods in this sandbox'));
    }
    if (timeoutMs === undefined) return answer;
    return Promise.race([answer, new Promise<never>((_, reject) => this.after(timeoutMs, () => reject(error('ETIMEDOUT', 'timed out'))))]);
  }

  private after(ms: number, fn: () => void): void {
    if (this.done) return;
    const cancel = this.ctx.clock.after(ms, () => {
      this.timers.delete(cancel);
      fn();
    });
    this.timers.add(cancel);
  }

  private finish(code: number): void {
    if (this.done) return;
    this.done = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    this.server?.kill();
    for (const died of this.execs) died(137);
    this.execs.clear();
    this.events.exited(code);
  }
}
