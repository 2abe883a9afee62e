/**
 * The instructor's side of bench/workshop-room.ts, in a process of its own as the instructor's
 * board is: the bench's own process runs 40 rehearsals (informers, mirrors, kubectl spawns), and
 * a probe or a board timed there would count that process's event-loop stalls as the sandbox's.
 * Reads `{ probes: [{ name, server, ca, token, path }], board: KUBECONFIG }` as one JSON line on
 * stdin; probes each path every 50 ms over one keep-alive connection; runs the board's own source
 * and reducer and stamps (Date.now) the first time each passed step shows in a learner's row. On
 * the IPC message `stop` it replies with each probe's latencies (ms; -1 for a failed probe) and
 * the stamps, keyed `namespace/lesson/step`.
 */
import { Agent, request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import { KeptAliveKubeConfig } from '../src/engine/cluster/kept-alive-kubeconfig.js';
import { clusterBoardSource } from '../src/workshop/board/board-source.js';
import { boardReducer, boardRows, initialBoardState, type BoardAction } from '../src/workshop/board/board-state.js';

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
const input = JSON.parse(line) as { probes: ProbeSpec[]; board: string };
const specs = input.probes;

// The board, as `kubedojo board` runs it: its source's watch and its reducer; a pass counts as
// shown when the learner's row, rebuilt from the state, carries it.
// As `kubedojo board` makes it (src/workshop/instructor-cluster.ts): kept-alive connections.
const admin = KeptAliveKubeConfig.fromFile(input.board);
const source = clusterBoardSource(admin);
let state = initialBoardState(Date.now());
const seen: Record<string, number> = {};
const dispatch = (action: BoardAction): void => {
  state = boardReducer(state, action);
  if (action.type !== 'upsert' && action.type !== 'replace') return;
  const now = Date.now();
  for (const row of boardRows(state)) {
    for (const pass of state.learners[row.namespace]?.record?.passed ?? []) {
      const key = `${row.namespace}/${pass.lesson}/${pass.step}`;
      seen[key] ??= now;
    }
  }
};
await source.start(dispatch);
process.send!({ ready: 'board' });

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
  void Promise.all([...loops, source.stop().then(() => admin.close())]).then(() => process.send!({ seen, samples: Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, list.map((value) => (Number.isFinite(value) ? value : -1))])) }, () => process.exit(0)));
});
