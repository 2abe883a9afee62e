/**
 * A server process inside a simulated container: it starts, prints its start-up lines, opens its
 * ports after its warm-up (the demo v2 needs 20 s), answers requests — each taking a little simulated
 * time, so that some are in flight when a signal comes — and stops the way its image does. On its
 * stop signal a draining server (nginx on SIGQUIT, the shop on SIGTERM) closes its listening sockets
 * at once, so new connections are refused, lets the requests in flight finish, then exits; a server
 * that does not drain exits at once and resets what was in flight. SIGKILL resets everything.
 */
import type { SimClock } from '../clock.js';
import { connectionReset, type NodeNetwork, type PodRequest, type PodResponse, type PodServer } from './node-network.js';

export type Signal = 'SIGTERM' | 'SIGQUIT' | 'SIGHUP';

/** What an image's server does; app-behaviours.ts has one per catalog app. */
export interface AppBehaviour {
  ports: number[];
  /** Simulated ms from start until the ports open. */
  warmupMs: number;
  startLines(now: Date): string[];
  /** Printed when the ports open. */
  listenLines(now: Date): string[];
  /** Simulated ms one request takes. */
  serviceMs: number;
  /** The answer and its access-log line, if the server writes one. */
  answer(request: PodRequest, port: number, now: Date): { response: PodResponse; log?: string[] };
  /** `drain`: stop accepting, finish in-flight, exit; `exit`: exit now; `ignore`: keep running. */
  onSignal(signal: Signal): 'drain' | 'exit' | 'ignore';
  stopLines(signal: Signal, now: Date): string[];
  exitCode: number;
}

export interface ServerHost {
  clock: SimClock;
  network: NodeNetwork;
  podIP: string;
  pod: { namespace: string; name: string };
  log(lines: string[]): void;
  /** The server process ended by itself (after a stop signal): the container's exit code. */
  exited(code: number): void;
}

interface InFlight {
  reject(error: Error): void;
  cancel(): void;
}

export class AppServer {
  private state: 'starting' | 'listening' | 'draining' | 'stopped' = 'starting';
  private readonly closers: (() => void)[] = [];
  private readonly inFlight = new Set<InFlight>();
  private cancelWarmup?: () => void;

  constructor(
    private readonly app: AppBehaviour,
    private readonly host: ServerHost,
  ) {}

  start(): void {
    // A server without a warm-up (nginx) binds its ports before it prints that it started.
    if (!this.app.warmupMs) this.open();
    this.host.log(this.app.startLines(this.host.clock.now()));
    if (this.app.warmupMs) this.cancelWarmup = this.host.clock.after(this.app.warmupMs, () => this.open());
  }

  private open(): void {
    if (this.state !== 'starting') return;
    this.state = 'listening';
    for (const port of this.app.ports) this.closers.push(this.host.network.listen(this.host.podIP, port, { accept: () => this.accept(port) }));
    this.host.log(this.app.listenLines(this.host.clock.now()));
  }

  get listening(): boolean {
    return this.state === 'listening';
  }

  /** A stop signal delivered to the server as PID 1. */
  signal(signal: Signal): void {
    if (this.state === 'stopped' || this.state === 'draining') return;
    const action = this.app.onSignal(signal);
    if (action === 'ignore') return;
    this.cancelWarmup?.();
    this.closePorts();
    this.host.log(this.app.stopLines(signal, this.host.clock.now()));
    if (action === 'exit') {
      this.resetInFlight();
      this.finish();
    } else {
      this.state = 'draining';
      if (!this.inFlight.size) this.finish();
    }
  }

  /** SIGKILL, or the container's PID 1 died: no exit of its own, everything in flight is reset. */
  kill(): void {
    this.cancelWarmup?.();
    this.closePorts();
    this.resetInFlight();
    this.state = 'stopped';
  }

  private accept(port: number): PodServer | undefined {
    if (this.state !== 'listening') return undefined;
    return { pod: this.host.pod, handle: (request) => this.handle(request, port) };
  }

  private handle(request: PodRequest, port: number): Promise<PodResponse> {
    // An idle connection accepted before the server stopped accepting is closed, not served.
    if (this.state !== 'listening') return Promise.reject(connectionReset());
    return new Promise((resolve, reject) => {
      let cancelled = false;
      const answer = () => {
        if (cancelled) return;
        this.inFlight.delete(entry);
        const { response, log } = this.app.answer(request, port, this.host.clock.now());
        if (log?.length) this.host.log(log);
        resolve(response);
        if (this.state === 'draining' && !this.inFlight.size) this.finish();
      };
      const entry: InFlight = { reject, cancel: () => (cancelled = true) };
      this.inFlight.add(entry);
      // A service time below the host's timer resolution (1 ms) cannot be a timer: it would race
      // the prober's timeout timer, which Node does not always fire later. It is answered at once.
      if (this.app.serviceMs / this.host.clock.speed < 1) queueMicrotask(answer);
      else entry.cancel = this.host.clock.after(this.app.serviceMs, answer);
    });
  }

  private closePorts(): void {
    for (const close of this.closers.splice(0)) close();
  }

  private resetInFlight(): void {
    for (const entry of this.inFlight) {
      entry.cancel();
      entry.reject(connectionReset());
    }
    this.inFlight.clear();
  }

  private finish(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.host.exited(this.app.exitCode);
  }
}
