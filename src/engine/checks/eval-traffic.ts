/**
 * `traffic`: zero downtime proved by traffic, not by reading YAML. Passes when the meter ran
 * through the whole last rollout of the Deployment (template change → complete) and its requests
 * in that window meet the check's numbers. Pure: it reads only the record the engine keeps.
 */
import { count, fail, pass, type CheckContext, type CheckResult } from './result.js';
import type { TrafficCheck } from './schema.js';
import { samplesBetween, summarizeSamples, type MeterRun, type RolloutSpan, type TrafficRecord } from './traffic-record.js';

export function evaluateTraffic({ traffic }: TrafficCheck, context: CheckContext): CheckResult {
  const record = context.traffic ?? { runs: [], samples: [], rollouts: [] };
  const deployment = traffic.during;
  const rollout = record.rollouts.filter((span) => span.deployment === deployment).at(-1);
  const meter = traffic.service === undefined ? 'the meter' : `the meter on service ${traffic.service}`;
  if (rollout === undefined) {
    const running = record.runs.find((run) => run.stoppedAt === undefined && serves(run, traffic.service));
    return fail(running === undefined ? `no rollout of ${deployment} seen yet, and ${meter} is not running` : `${meter} is running: waiting for a rollout of ${deployment}`);
  }

  const run = coveringRun(record, rollout, traffic.service);
  if (run === undefined) {
    const other = traffic.service === undefined ? undefined : record.runs.find((candidate) => covers(candidate, rollout) && !serves(candidate, traffic.service));
    if (other !== undefined) return fail(`the meter watched service ${other.service} during the rollout of ${deployment}, want service ${traffic.service}`);
    return fail(`the meter was not running when the rollout of ${deployment} started: start it, then roll out again`);
  }
  const end = rollout.completedAt;
  if (run.stoppedAt !== undefined && (end === undefined || run.stoppedAt < end)) {
    return fail(`the meter stopped before the rollout of ${deployment} completed: start it, then roll out again`);
  }

  const summary = summarizeSamples(samplesBetween(record.samples, rollout.startedAt, end ?? Number.POSITIVE_INFINITY));
  const failedText = `${summary.failed} of ${count(summary.total, 'request')} failed during the rollout of ${deployment}`;
  const seen = summary.failed === 0 ? failedText : `${failedText}, the longest gap ${seconds(summary.longestGapMs)}`;
  if (end === undefined) return fail(`rollout of ${deployment} in progress: ${seen} so far`);
  if (summary.total < traffic.minRequests) {
    return fail(`only ${count(summary.total, 'request')} during the rollout of ${deployment}, want at least ${traffic.minRequests}: roll out again with the meter running longer or faster`);
  }
  if (traffic.maxFailed !== undefined) {
    if (summary.failed > traffic.maxFailed) return fail(`${seen} (want at most ${traffic.maxFailed})`);
    return pass(seen);
  }
  const minFailed = traffic.minFailed ?? 1;
  if (summary.failed < minFailed) return fail(`${seen} (want at least ${minFailed} failed, to see the downtime)`);
  return pass(`${seen}: the downtime shows`);
}

function serves(run: MeterRun, service: string | undefined): boolean {
  return service === undefined || run.service === service;
}

/** The meter was already running when the rollout's template change was seen. */
function covers(run: MeterRun, rollout: RolloutSpan): boolean {
  return rollout.sawStart && run.startedAt <= rollout.startedAt && (run.stoppedAt === undefined || run.stoppedAt > rollout.startedAt);
}

function coveringRun(record: TrafficRecord, rollout: RolloutSpan, service: string | undefined): MeterRun | undefined {
  return record.runs.find((run) => covers(run, rollout) && serves(run, service));
}

/** `1.2 s`, `0.05 s`. */
export function seconds(ms: number): string {
  return ms < 100 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}
