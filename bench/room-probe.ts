/**
 * The API probes of bench/workshop-room.ts, in a process of their own: the bench's own process
 * runs 40 rehearsals (informers, mirrors, kubectl spawns), and a probe timed there would count
 * that process's event-loop stalls as the sandbox's latency. Reads `{ probes: [{ name, server,
 * ca, token, path }] }` as one JSON line on stdin, probes each path every 50 ms over one
 * keep-alive connection, and on the IPC message `stop` replies with each probe's latencies (ms; -1 for a failed probe).
 */
import { Agent, request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';

interface ProbeSpec {
  name: string;
  server: string;
  ca: string;
  token: string;
  path: string;
}

function once(agent: Agent, spec: ProbeSpec): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpsRequest(new URL(spec.path, spec.server), { agent, ca: spec.ca, headers: { Authorization: `Bearer ${spec.token}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${spec.path}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

const line = await new Promise<string>((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
const specs = (JSON.parse(line) as { probes: ProbeSpec[] }).probes;
let stopped = false;
const samples: Record<string, number[]> = {};
const loops = specs.map(async (spec) => {
  const agent = new Agent({ keepAlive: true, ca: spec.ca });
  const mine: number[] = (samples[spec.name] = []);
  // The first request opens the TLS connection the others reuse: not a request's latency.
  await once(agent, spec);
  process.send!({ ready: spec.name });
  while (!stopped) {
    // A failed probe is reported as such, not dropped: a 401 or a reset is a finding.
    mine.push(await once(agent, spec).catch(() => Infinity));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  agent.destroy();
});
process.on('message', (message: string) => {
  if (message !== 'stop') return;
  stopped = true;
  void Promise.all(loops).then(() => process.send!({ samples: Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, list.map((value) => (Number.isFinite(value) ? value : -1))])) }, () => process.exit(0)));
});
