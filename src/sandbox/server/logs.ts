/**
 * `GET pods/<name>/log`: a container's log as plain text, or followed (`kubectl logs -f`) as a
 * stream that ends when the container stops or the client leaves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, invalid, type KubeObject } from '../api/status.js';
import { endSlowReader, SlowReaderGuard } from './slow-reader.js';

export interface LogOptions {
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** `sinceTime`, in Unix milliseconds. */
  sinceTime?: number;
  timestamps: boolean;
  limitBytes?: number;
}

/** What the simulated node offers the API server (src/sandbox/node). */
export interface PodLogSource {
  read(namespace: string, pod: string, container: string, options: LogOptions): string;
  /** Streams new output; `end` is called when the container stops. Returns an unsubscribe. */
  follow(namespace: string, pod: string, container: string, options: LogOptions, write: (chunk: string) => void, end: () => void): () => void;
}

function integerParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw badRequest(`invalid ${name}: ${value}`);
  return n;
}

/** Which container a log request means, with the kubelet's errors for the ambiguous and the unstarted. */
export function resolveLogContainer(pod: KubeObject, requested: string | null, previous: boolean): string {
  const name = pod.metadata.name;
  const containers: string[] = (pod.spec?.containers ?? []).map((c: KubeObject) => c.name);
  const all = [...(pod.spec?.initContainers ?? []).map((c: KubeObject) => c.name), ...containers];
  let container = requested ?? '';
  if (!container) {
    if (containers.length !== 1) {
      throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
    }
    container = containers[0]!;
  }
  if (!all.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  const statuses: KubeObject[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const status = statuses.find((s) => s.name === container);
  if (previous) {
    if (!status?.lastState?.terminated) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
  } else if (!status || (status.state?.waiting && !status.lastState?.terminated)) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`);
  }
  return container;
}

/** `sinceTime`: an RFC 3339 time, as metav1.Time decodes it from a query parameter. */
function timeParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(`parsing time "${value}" as "2006-01-02T15:04:05Z07:00": cannot parse "${value}" as "2006"`);
  return ms;
}

/** The query as PodLogOptions, checked like validation.ValidatePodLogOptions. */
export function parseLogOptions(params: URLSearchParams, pod: string): LogOptions {
  const options: LogOptions = {
    previous: params.get('previous') === 'true',
    tailLines: integerParam(params, 'tailLines'),
    sinceSeconds: integerParam(params, 'sinceSeconds'),
    sinceTime: timeParam(params, 'sinceTime'),
    timestamps: params.get('timestamps') === 'true',
    limitBytes: integerParam(params, 'limitBytes'),
  };
  const errors = [];
  if (options.tailLines !== undefined && options.tailLines < 0) {
    errors.push({ type: 'FieldValueInvalid', field: 'tailLines', detail: `Invalid value: ${options.tailLines}: must be greater than or equal to 0` });
  }
  if (options.limitBytes !== undefined && options.limitBytes < 1) {
    errors.push({ type: 'FieldValueInvalid', field: 'limitBytes', detail: `Invalid value: ${options.limitBytes}: must be greater than 0` });
  }
  if (options.sinceSeconds !== undefined && options.sinceTime !== undefined) {
    errors.push({ type: 'FieldValueForbidden', field: '', detail: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified' });
  }
  if (options.sinceSeconds !== undefined && options.sinceSeconds < 1) {
    errors.push({ type: 'FieldValueInvalid', field: 'sinceSeconds', detail: `Invalid value: ${options.sinceSeconds}: must be greater than 0` });
  }
  if (errors.length > 0) throw invalid('PodLogOptions', '', pod, errors);
  return options;
}

export function serveLogs(req: IncomingMessage, res: ServerResponse, pod: KubeObject, source: PodLogSource): void {
  const params = new URL(req.url ?? '/', 'http://sandbox').searchParams;
  const options = parseLogOptions(params, pod.metadata.name);
  const container = resolveLogContainer(pod, params.get('container'), options.previous);
  const { namespace, name } = pod.metadata;
  const text = source.read(namespace, name, container, options);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  if (params.get('follow') !== 'true' || options.previous) {
    res.end(text);
    return;
  }
  res.write(text);
  // A follower that stops reading is cut off like a slow watcher, before its backlog grows unbounded.
  const guard = new SlowReaderGuard(res);
  guard.allow();
  const stop = source.follow(namespace, name, container, options, (chunk) => {
    if (res.writableEnded) return;
    res.write(chunk);
    if (guard.exceeded()) {
      stop();
      endSlowReader(res);
    }
  }, () => res.end());
  req.on('close', stop);
  res.on('close', stop);
}
