/**
 * Issue 10's figures: a room on one sandbox. The built `kubedojo sandbox --workshop` runs in its
 * own process (its RSS read from /proc), `kubedojo workshop create --learners 40` makes the room,
 * then 40 rehearsals of a lesson with a rollout run at once, each with its own learner kubeconfig
 * (the ServiceAccount token, RBAC on every request) and its own HOME (kubectl's discovery cache is
 * per learner, as on 40 laptops), at the CI's speed. Each rehearsal's progress goes through the
 * real mirror and ConfigMap sink (bench/rehearsal-mirror.ts), and a board (the board's own source,
 * a watch of every progress ConfigMap, and its reducer) stamps when each pass reaches its row; the
 * board and the API probes run in a process of their own (bench/room-watch.ts), as the
 * instructor's board does.
 *
 * The learners run in 4 processes (KUBEDOJO_BENCH_ROOM_PROCESSES; bench/room-learner.ts says why).
 *
 * Figures: rehearsals completed; p99 of a learner's namespaced GET (authn + RBAC + store) and of
 * `/version`, probed every 50 ms throughout; the sandbox's peak RSS (VmHWM); pass → board row.
 *
 * Everything runs on this machine: the sandbox, 40 rehearsals' kubectl processes and their
 * informers, the board. On two shared cores the latencies include that contention.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { KubeConfig } from '@kubernetes/client-node';
import type { RehearseSummary } from '../src/engine/rehearse/index.js';
import { PROGRESS_CONFIGMAP } from '../src/workshop/workshop-labels.js';
import type { LearnerJob, LearnersAnswer, LearnersProcess } from './room-learner.js';
import { ms, percentile, processCpuSeconds, report } from './stats.js';

const LEARNERS = Number(process.env.KUBEDOJO_BENCH_LEARNERS ?? 40);
/** test/engine/rehearse/rehearse.test.ts rehearses the lessons without traffic checks at ×50. */
const SPEED = 50;
const LESSON = process.env.KUBEDOJO_BENCH_LESSON ?? 'rolling-updates';
const STEP_TIMEOUT_MS = 180_000;
/** Processes the learners run in (bench/room-learner.ts). */
const PROCESSES = Number(process.env.KUBEDOJO_BENCH_ROOM_PROCESSES ?? 4);

const status = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

interface Credentials {
  server: URL;
  ca: string;
  token: string;
}

function credentials(path: string): Credentials {
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromFile(path);
  const cluster = kubeconfig.getCurrentCluster()!;
  const ca = cluster.caData ? Buffer.from(cluster.caData, 'base64').toString() : readFileSync(cluster.caFile!, 'utf8');
  return { server: new URL(cluster.server), ca, token: kubeconfig.getCurrentUser()!.token! };
}

interface Watched {
  samples: Record<string, number[]>;
  /** When the board first showed each pass, keyed `namespace/lesson/step`. */
  seen: Record<string, number>;
}

/** The instructor's process (bench/room-watch.ts): the probes and the board; `stop()` returns what they saw. */
async function startWatch(board: string, probes: ({ name: string; path: string } & Credentials)[]): Promise<{ stop(): Promise<Watched> }> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'room-watch.js');
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'inherit', 'inherit', 'ipc'] });
  const ready = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: { ready?: string }) => {
      if (message.ready !== undefined) ready.add(message.ready);
      if (ready.size === probes.length + 1) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the probe process exited (${code})`)));
    child.stdin!.write(JSON.stringify({ board, probes: probes.map((p) => ({ ...p, server: p.server.href })) }) + '\n');
  });
  return {
    stop: () =>
      new Promise((resolve) => {
        child.on('message', (message: Partial<Watched>) => message.samples !== undefined && resolve(message as Watched));
        child.send('stop');
      }),
  };
}


async function room(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'kubedojo-bench-room-'));
  const adminPath = join(home, 'admin.yaml');
  const cli = process.env.KUBEDOJO_BENCH_CLI ?? 'dist/cli.js';
  // KUBEDOJO_BENCH_SANDBOX_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the sandbox.
  const nodeArgs = (process.env.KUBEDOJO_BENCH_SANDBOX_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const sandbox = execa(process.execPath, [...nodeArgs, cli, 'sandbox', '--workshop', '--speed', String(SPEED), '--port', '0', '--kubeconfig', adminPath], { reject: false });
  let rssTimer: ReturnType<typeof setInterval> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      sandbox.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('Press Ctrl+C') && resolve());
      void sandbox.then((result) => reject(new Error(`kubedojo sandbox exited early: ${result.stderr}`)));
    });
    const pid = sandbox.pid!;
    const idleRss = status(pid, 'VmRSS');
    let sampledPeak = idleRss;
    rssTimer = setInterval(() => (sampledPeak = Math.max(sampledPeak, status(pid, 'VmRSS'))), 100);

    const created = performance.now();
    const made = await execa(process.execPath, [cli, 'workshop', 'create', '--learners', String(LEARNERS), '--out', join(home, 'room'), '--kubeconfig', adminPath], { reject: false });
    if (made.exitCode !== 0) throw new Error(`workshop create failed: ${made.stderr}`);
    report(`workshop create --learners ${LEARNERS}`, `${((performance.now() - created) / 1000).toFixed(1)} s`, 'info', true);

    const learners = Array.from({ length: LEARNERS }, (_, i) => `learner-${String(i + 1).padStart(2, '0')}`);
    const watch = await startWatch(adminPath, [
      { name: 'get', path: `/api/v1/namespaces/kubedojo-${learners[0]}/configmaps/${PROGRESS_CONFIGMAP}`, ...credentials(join(home, 'room', `${learners[0]}.yaml`)) },
      { name: 'version', path: '/version', ...credentials(adminPath) },
    ]);
    const sandboxCpu = processCpuSeconds(pid);
    // Children's CPU is counted when they are reaped: all of it, once every learner's process has exited.
    const childrenCpu = () => {
      const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
      return (Number(fields[13]) + Number(fields[14])) / 100;
    };
    const benchCpu = childrenCpu();

    const passedAt = new Map<string, number>();
    const processes: LearnersProcess[] = [];
    const written = new Map<string, { started: number; onWire?: number; ended: number }>();
    const began = performance.now();
    // The learners over a few processes (bench/room-learner.ts says why), round robin.
    const groups = Array.from({ length: Math.min(PROCESSES, learners.length) }, (_, g) => learners.filter((_, i) => i % PROCESSES === g));
    const grouped = await Promise.all(
      groups.map(async (group): Promise<(RehearseSummary | Error)[]> => {
        const jobs: LearnerJob[] = group.map((learner) => {
          const learnerHome = join(home, 'homes', learner);
          mkdirSync(learnerHome, { recursive: true });
          return { learner, kubeconfigPath: join(home, 'room', `${learner}.yaml`), namespace: `kubedojo-${learner}`, home: learnerHome, lesson: LESSON, stepTimeoutMs: STEP_TIMEOUT_MS };
        });
        // KUBEDOJO_BENCH_LEARNER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the first learners' process.
        const learnerArgs = group === groups[0] ? (process.env.KUBEDOJO_BENCH_LEARNER_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
        const child = spawn(process.execPath, [...learnerArgs, join(dirname(fileURLToPath(import.meta.url)), 'room-learner.js')], { stdio: ['pipe', 'inherit', 'inherit', 'ipc'] });
        const answer = await new Promise<LearnersAnswer | Error>((resolve) => {
          child.once('message', (message: LearnersAnswer) => resolve(message));
          child.once('exit', (code) => resolve(new Error(`a learners' process exited (${code}) without a result`)));
          child.stdin!.end(JSON.stringify(jobs) + '\n');
        });
        if (answer instanceof Error) return group.map(() => answer);
        processes.push(answer.process);
        return answer.results.map((result) => {
          for (const [key, at] of Object.entries(result.passedAt)) passedAt.set(key, at);
          for (const [key, at] of Object.entries(result.written)) written.set(key, at);
          return result.summary ?? new Error(result.error ?? 'no summary');
        });
      }),
    );
    // Back in learner order.
    const results = learners.map((learner) => grouped[learners.indexOf(learner) % PROCESSES]![Math.floor(learners.indexOf(learner) / PROCESSES)]!);
    const wall = (performance.now() - began) / 1000;
    // The last writes' watch events: give them the board's own target to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sandboxUsed = processCpuSeconds(pid) - sandboxCpu;
    const benchUsed = childrenCpu() - benchCpu;
    const { samples, seen } = await watch.stop();
    const gets = samples.get!.filter((value) => value >= 0);
    const versions = samples.version!.filter((value) => value >= 0);
    const failedProbes = samples.get!.length - gets.length + samples.version!.length - versions.length;
    clearInterval(rssTimer);
    const peak = Math.max(status(pid, 'VmHWM'), sampledPeak);

    const completed = results.filter((result) => !(result instanceof Error) && result.ok).length;
    report(`rehearsals of ${LESSON} completed, all at once (×${SPEED})`, `${completed}/${LEARNERS}`, `${LEARNERS}/${LEARNERS}`, completed === LEARNERS);
    for (const [index, result] of results.entries()) {
      if (result instanceof Error) console.log(`    ${learners[index]}: ${result.message}`);
      else for (const failure of result.failures) console.log(`    ${learners[index]}: ${failure.stepId ?? failure.lessonId ?? ''} ${failure.phase}: ${failure.message} ${failure.checks.filter((c) => !c.ok).map((c) => `${c.label} — ${c.message}`).join('; ')}`);
    }
    report('  wall time of the room', `${wall.toFixed(1)} s`, 'info', true);
    report('  CPU during the room: the sandbox / the learners (processes, kubectl)', `${sandboxUsed.toFixed(1)} s / ${benchUsed.toFixed(1)} s`, 'info', true);
    const learnersOwn = processes.reduce((total, p) => total + p.cpuSeconds, 0);
    report(`    of the learners: their ${processes.length} processes / their kubectl`, `${learnersOwn.toFixed(1)} s / ${(benchUsed - learnersOwn).toFixed(1)} s`, 'info', true);
    report("    learners' processes: event loop delay p99 / max (worst)", `${ms(Math.max(...processes.map((p) => p.loopDelayP99Ms)))} / ${ms(Math.max(...processes.map((p) => p.loopDelayMaxMs)))}`, 'info', true);
    report("    learners' processes: peak RSS (largest)", `${Math.max(...processes.map((p) => p.peakRssMb)).toFixed(0)} MB`, 'info', true);
    const p99 = percentile(gets, 99);
    report(`a learner's namespaced GET p99 (${gets.length} probes, every 50 ms)`, ms(p99), '≤ 200 ms', p99 <= 200 && failedProbes === 0);
    report('  p50 / max', `${ms(percentile(gets, 50))} / ${ms(Math.max(...gets))}`, 'info', true);
    report(`/version p99 (${versions.length} probes)`, ms(percentile(versions, 99)), 'info', true);
    if (failedProbes > 0) report('  probes that failed', String(failedProbes), '0', false);
    report('sandbox peak RSS (VmHWM): idle → peak', `${(idleRss / 1024).toFixed(0)} → ${(peak / 1024).toFixed(0)} MB`, '≤ 1536 MB', peak <= 1536 * 1024);

    const latencies: number[] = [];
    let missing = 0;
    for (const [key, at] of passedAt) {
      const seenAt = seen[key];
      if (seenAt === undefined) missing += 1;
      else latencies.push(Math.max(0, seenAt - at));
    }
    const max = latencies.length === 0 ? NaN : Math.max(...latencies);
    const segments = { toWrite: [] as number[], write: [] as number[], toWire: [] as number[], wireToBoard: [] as number[], toBoard: [] as number[] };
    for (const [key, at] of passedAt) {
      const write = written.get(key);
      const seenAt = seen[key];
      if (write === undefined || seenAt === undefined) continue;
      segments.toWrite.push(write.started - at);
      segments.write.push(write.ended - write.started);
      segments.toBoard.push(seenAt - write.ended);
      if (write.onWire !== undefined) {
        segments.toWire.push(write.onWire - write.started);
        segments.wireToBoard.push(seenAt - write.onWire);
      }
    }
    const split = (list: number[]) => `${ms(percentile(list, 50))} / ${ms(Math.max(...list))}`;
    report(`step pass → board row (${latencies.length} passes${missing > 0 ? `, ${missing} never shown` : ''}): p50`, ms(percentile(latencies, 50)), 'info', true);
    report('  p90 / p99', `${ms(percentile(latencies, 90))} / ${ms(percentile(latencies, 99))}`, 'info', true);
    report(`  over 1 s: passes (learners)`, `${latencies.filter((value) => value > 1000).length} (${new Set([...passedAt.keys()].filter((key) => seen[key] !== undefined && seen[key]! - passedAt.get(key)! > 1000).map((key) => key.split('/')[0])).size})`, 'info', true);
    report('  max', ms(max), '≤ 1000 ms', missing === 0 && max <= 1000);
    report('  pass → PATCH sent (debounce, the learner\'s loop): p50 / max', split(segments.toWrite), 'info', true);
    report('  the PATCH: p50 / max', split(segments.write), 'info', true);
    report('    PATCH sent → on the wire (the learner\'s side): p50 / max', split(segments.toWire), 'info', true);
    report('    on the wire → board row (the sandbox, the board): p50 / max', split(segments.wireToBoard), 'info', true);
    report('  PATCH answered → board row: p50 / max', split(segments.toBoard), 'info', true);
  } finally {
    if (rssTimer !== undefined) clearInterval(rssTimer);
    sandbox.kill('SIGINT');
    await sandbox;
    rmSync(home, { recursive: true, force: true });
  }
}

export const workshopRoomFigures: [string, () => Promise<void>][] = [[`workshop: a room of ${LEARNERS} learners on one sandbox (built CLI)`, room]];
