/**
 * `kubedojo meter SERVICE`: the downtime meter in a second terminal, on the running app's cluster
 * (its sandbox included) or a local context. Draws the per-second chart of answered vs failed
 * requests until Ctrl+C, then prints a summary line; `--json` prints one JSON line per request
 * instead. A rollout that completes while it runs leaves its timeline under the state directory
 * (`kubedojo timeline --svg FILE` draws it).
 */
import type { V1Service } from '@kubernetes/client-node';
import * as z from 'zod';
import type { MeterVersionSource } from '../../engine/checks/schema.js';
import { SANDBOX_CONTEXT } from '../../engine/cluster/choose-context.js';
import { createHostMeter } from '../../engine/meter/host-meter.js';
import { wallClock } from '../../engine/meter/meter-clock.js';
import type { MeterSource } from '../../engine/meter/meter-source.js';
import { formatVersionMix, meterStats, summaryLine } from '../../engine/meter/meter-stats.js';
import { createPodMeter } from '../../engine/meter/pod-meter.js';
import { saveTimeline, lastTimelinePath } from '../../engine/meter/timeline-store.js';
import { renderTimelineText } from '../../engine/meter/timeline.js';
import { TrafficMonitor } from '../../engine/meter/traffic-monitor.js';
import { connectCluster } from '../../engine/session/cluster-connection.js';
import { objectPath, requestJson } from '../../engine/session/kube-api.js';
import { servicePort } from '../../engine/session/session-meter.js';
import { clientNodeInformers, createWatchedCluster } from '../../engine/session/watched-cluster.js';
import { ASCII_GLYPHS, chartRows, UNICODE_GLYPHS } from '../../ui/components/traffic/traffic-chart.js';
import { contextFlagsSchema, NAMESPACE, validate } from '../cli-options.js';
import { UsageError } from '../usage-error.js';
import { commandCluster } from './app-cluster.js';

export interface MeterOptions {
  namespace?: string;
  rate?: number;
  path?: string;
  /** `--marker`: a regex on the body that tells the version (a step's `meter: {version: …}`); default the Server header. */
  marker?: string;
  json?: boolean;
  context?: string;
  allowRemote?: boolean;
}

const optionsSchema = z.object({
  rate: z.number().int('--rate must be a whole number of requests per second').min(1).max(1000, '--rate is at most 1000').default(20),
  path: z.string().regex(/^\//, '--path must start with /').default('/'),
  marker: z
    .string()
    .refine((text) => text === 'server-header' || isRegex(text), '--marker must be a regular expression, like "shop (v\\d+)"')
    .transform((text): MeterVersionSource => (text === 'server-header' ? { from: 'server-header' } : { from: 'body', pattern: text }))
    .optional(),
});

function isRegex(text: string): boolean {
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
}

const CHART_ROWS = 8;

export async function runMeterCommand(service: string, options: MeterOptions, out: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const flags = validate(contextFlagsSchema, { context: options.context, allowRemote: options.allowRemote });
  const { rate, path, marker: version } = validate(optionsSchema, { rate: options.rate, path: options.path, marker: options.marker });
  const namespace = options.namespace ?? NAMESPACE;
  const cluster = await commandCluster(flags, 'meter');
  const connection = await connectCluster({ flags: cluster.flags, namespace, ...(cluster.kubeconfigSources ? { kubeconfigSources: cluster.kubeconfigSources } : {}) });
  if (connection.sandbox !== undefined) {
    await connection.close();
    throw new UsageError('no cluster to meter: start kubedojo (or kubedojo sandbox) first, or name one with --context');
  }
  // Listening before anything starts: Ctrl+C while a meter Pod starts still removes it.
  const stopSignal = new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
  // Rows of the live chart on screen now (before the monitor: a rollout may complete while a meter Pod starts).
  let drawn = 0;
  const monitor = new TrafficMonitor({
    clock: wallClock,
    ...(options.json ? { onSample: (sample) => out.write(JSON.stringify({ time: new Date(sample.at).toISOString(), ...sample }) + '\n') } : {}),
    onTimeline: (timeline, final) => {
      if (!final) return;
      void saveTimeline(timeline).then(
        () => say(`rollout of ${timeline.deployment} completed: its timeline is in ${lastTimelinePath()} (kubedojo timeline --svg FILE)`),
        (error: unknown) => say(`could not save the timeline: ${String(error)}`),
      );
      if (!options.json) say(renderTimelineText(timeline, Math.min(out.columns ?? 100, 120), asciiOnly()).join('\n'));
    },
  });
  const watched = createWatchedCluster({ informers: clientNodeInformers(connection.kubeconfig), namespace, onChange: () => monitor.observe(watched.view) });
  let source: MeterSource;
  let interrupted = false;
  try {
    source = await chooseSource(connection, service, namespace, path, rate, version);
    await watched.watch(['Deployment', 'ReplicaSet', 'Pod']);
    await Promise.race([monitor.start(service, source), stopSignal.then(() => void (interrupted = true))]);
  } catch (error) {
    await monitor.stop();
    await watched.stop();
    await connection.close();
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (interrupted) {
    await monitor.stop();
    await watched.stop();
    await connection.close();
    err.write('Stopped before the meter started.\n');
    return 0;
  }
  err.write(`Metering service ${service} in ${namespace} on ${connection.context}: ${source.describe}, ${rate} req/s. Ctrl+C to stop.\n`);

  /** The live chart is redrawn in place; anything else is printed where the chart is, the chart again below it. */
  function say(text: string): void {
    erase();
    err.write(`${text}\n`);
    draw();
  }
  function erase(): void {
    // Up over the last frame, clear to the end of the screen.
    if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[J`);
    drawn = 0;
  }
  function draw(): void {
    const stats = meterStats(monitor.log.record, wallClock.now());
    if (stats === undefined || options.json || !out.isTTY) return;
    const width = Math.max(20, Math.min(60, (out.columns ?? 80) - 2));
    const glyphs = asciiOnly() ? ASCII_GLYPHS : UNICODE_GLYPHS;
    const lines = chartRows(stats.perSecond, width, CHART_ROWS, glyphs).map((cells) => `|${cells.map((c) => c.char).join('')}`);
    lines.push(`${glyphs.answered} answered ${glyphs.failed} failed, last ${width} s · ${stats.rate.toFixed(0)} req/s · ${formatVersionMix(stats.versions, stats.answeredRecently)}`);
    lines.push(summaryLine(stats));
    erase();
    out.write(lines.join('\n') + '\n');
    drawn = lines.length;
  }
  const timer = setInterval(draw, 500);
  await stopSignal;
  clearInterval(timer);
  await monitor.stop();
  draw();
  await watched.stop();
  await connection.close();
  const stats = meterStats(monitor.log.record, wallClock.now());
  if (stats !== undefined) err.write(`${summaryLine(stats)}\n`);
  return 0;
}

function asciiOnly(): boolean {
  return process.env.TERM === 'dumb';
}

/**
 * The honest path to the Service: on the sandbox, its NodePort on 127.0.0.1; anywhere else a
 * meter Pod inside the cluster (never port-forward, never the apiserver's proxy).
 */
async function chooseSource(
  connection: Awaited<ReturnType<typeof connectCluster>>,
  service: string,
  namespace: string,
  path: string,
  rate: number,
  version: MeterVersionSource | undefined,
): Promise<MeterSource> {
  const told = version === undefined ? {} : { version };
  if (connection.context === SANDBOX_CONTEXT) {
    const found = (await requestJson(connection.kubeconfig, 'GET', objectPath('Service', namespace, service)).catch(() => undefined)) as V1Service | undefined;
    if (found === undefined) throw new Error(`there is no service ${service} in namespace ${namespace} to meter`);
    const nodePort = found.spec?.ports?.[0]?.nodePort;
    if (nodePort !== undefined) return createHostMeter({ url: `http://127.0.0.1:${nodePort}${path}`, rate, clock: wallClock, ...told });
  }
  const port = await servicePort(connection.kubeconfig, namespace, service);
  return createPodMeter({ kubeconfig: connection.kubeconfig, namespace, service, port, path, rate, clock: wallClock, ...told });
}
