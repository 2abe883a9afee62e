/**
 * Shared pieces of the lesson scenarios: the shop Deployment's manifests and a `curl`-in-a-loop
 * traffic generator that sends one request per fixed interval of SIMULATED time, each on a new
 * connection, through a NodePort Service URL.
 */
import type { SimClock } from '../../../src/sandbox/clock.js';
import { get, type Outcome } from '../traffic/http-client.js';
import type { TestCluster } from '../../support/kubectl.js';

export interface ShopOptions {
  name?: string;
  replicas: number;
  image: string;
  probe?: boolean;
  zeroDowntimeStrategy?: boolean;
  /** `strategy: Recreate`: every old Pod goes before a new one starts. */
  recreate?: boolean;
  preStopSleep?: number;
}

/** The seed's Deployment (readinessProbe exactly as in the article: initialDelay 5, period 5). */
export function shopDeployment(o: ShopOptions): string {
  const name = o.name ?? 'shop';
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  replicas: ${o.replicas}`,
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
  ];
  if (o.recreate) lines.push('  strategy:', '    type: Recreate');
  if (o.zeroDowntimeStrategy) lines.push('  strategy:', '    type: RollingUpdate', '    rollingUpdate:', '      maxUnavailable: 0', '      maxSurge: 1');
  lines.push(
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    '      - name: shop',
    `        image: ${o.image}`,
    '        ports:',
    '        - containerPort: 80',
    '          protocol: TCP',
  );
  if (o.probe) lines.push('        readinessProbe:', '          httpGet:', '            path: /', '            port: 80', '          initialDelaySeconds: 5', '          periodSeconds: 5', '          successThreshold: 1');
  if (o.preStopSleep !== undefined) lines.push('        lifecycle:', '          preStop:', '            exec:', `              command: ["sleep", "${o.preStopSleep}"]`);
  return lines.join('\n') + '\n';
}

export function nodePortService(name = 'shop'): string {
  return ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', '  type: NodePort', '  selector:', `    app: ${name}`, '  ports:', '  - port: 80', '    targetPort: 80', ''].join('\n');
}

export async function apply(cluster: TestCluster, manifest: string): Promise<void> {
  const result = await cluster.kubectl(['apply', '-f', '-'], { input: manifest });
  if (result.exitCode !== 0) throw new Error(`kubectl apply failed: ${result.stderr}`);
}

export interface Tally {
  sent: number;
  ok: number;
  failed: number;
  /** Failure kinds: ECONNREFUSED, ECONNRESET, HTTP 503 … */
  errors: Record<string, number>;
  versions: Set<string>;
  pods: Set<string>;
}

const SHOP_ANSWER = /Black Friday shop (v\d+) — served by (\S+)/;

export function tally(outcomes: (Outcome | undefined)[]): Tally {
  const t: Tally = { sent: 0, ok: 0, failed: 0, errors: {}, versions: new Set(), pods: new Set() };
  for (const o of outcomes) {
    if (!o) continue; // not answered yet
    t.sent++;
    const match = 'error' in o ? null : SHOP_ANSWER.exec(o.body);
    if ('error' in o || o.status !== 200 || !match) {
      t.failed++;
      const kind = 'error' in o ? o.error : `HTTP ${o.status}`;
      t.errors[kind] = (t.errors[kind] ?? 0) + 1;
      continue;
    }
    t.ok++;
    t.versions.add(match[1]!);
    t.pods.add(match[2]!);
  }
  return t;
}

export interface Traffic {
  /** Outcomes in the order the requests were sent (filled in as they are answered). */
  outcomes: Outcome[];
  /** Requests sent so far. */
  readonly sent: number;
  /** Resolves once `predicate` holds for the answered outcomes, or rejects at the (wall) deadline. */
  until(predicate: (outcomes: Outcome[]) => boolean, timeoutMs: number, what: string): Promise<void>;
  /** Stops sending, waits for every request in flight, and tallies outcomes from index `from`. */
  stop(from?: number): Promise<Tally>;
}

/** One request every `intervalMs` of simulated time, each on a new connection (`agent: false`). */
export function startTraffic(clock: SimClock, url: string, intervalMs: number): Traffic {
  const outcomes: Outcome[] = [];
  const inFlight = new Set<Promise<void>>();
  const waiters = new Set<() => void>();
  let running = true;
  let sent = 0;
  const loop = (async () => {
    while (running) {
      const index = sent++;
      const p = get(url).then((o) => {
        outcomes[index] = o;
        inFlight.delete(p);
        for (const w of [...waiters]) w();
      });
      inFlight.add(p);
      await clock.sleep(intervalMs);
    }
  })();
  return {
    outcomes,
    get sent() {
      return sent;
    },
    until(predicate, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(outcomes)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop(from = 0) {
      running = false;
      await loop;
      await Promise.all([...inFlight]);
      return tally(outcomes.slice(from));
    },
  };
}

/** Every one of `pods` (names) has answered at least once since `from`: kube-proxy routes to all of them. */
export function answeredBy(pods: string[], from: number): (outcomes: Outcome[]) => boolean {
  return (outcomes) => {
    const seen = tally(outcomes.slice(from)).pods;
    return pods.every((p) => seen.has(p));
  };
}
