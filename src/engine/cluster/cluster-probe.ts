import { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, listPath, objectPath, requestJson } from '../session/kube-api.js';

export type ProbeResult =
  | { reachable: true; server: string; version: string }
  | { reachable: false; server: string; reason: string };

/**
 * Asks the cluster behind a (pinned) kubeconfig for `GET /version`, which every API server
 * answers, even to anonymous clients. Never throws.
 */
export async function probeCluster(kubeconfigPath: string, timeoutMs = 3000): Promise<ProbeResult> {
  let kubeconfig: KubeConfig;
  try {
    kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(kubeconfigPath);
  } catch (error) {
    return { reachable: false, server: '', reason: `its kubeconfig ${kubeconfigPath} could not be read: ${messageOf(error)}` };
  }
  const server = kubeconfig.getCurrentCluster()?.server ?? '';
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const info = (await withDeadline(requestJson(kubeconfig, 'GET', '/version', { signal }), signal)) as { gitVersion?: unknown };
    if (typeof info.gitVersion !== 'string') return { reachable: false, server, reason: `${server} answered /version without a gitVersion` };
    return { reachable: true, server, version: info.gitVersion };
  } catch (error) {
    return { reachable: false, server, reason: describeFailure(error, server, timeoutMs, signal.aborted) };
  }
}

/**
 * Creates the tutorial namespace unless it exists. Reads first so a learner allowed to work in
 * an existing namespace but not to create namespaces is not stopped by a 403.
 */
export async function ensureNamespace(kubeconfig: KubeConfig, namespace: string): Promise<'existed' | 'created'> {
  try {
    await requestJson(kubeconfig, 'GET', objectPath('Namespace', '', namespace));
    return 'existed';
  } catch (error) {
    if (!(error instanceof KubeApiError) || error.statusCode !== 404) throw error;
  }
  try {
    await requestJson(kubeconfig, 'POST', listPath('Namespace', ''), {
      body: { metadata: { name: namespace, labels: { 'app.kubernetes.io/managed-by': 'kubedojo' } } },
    });
    return 'created';
  } catch (error) {
    // Another kubedojo (a second terminal) created it in between: fine.
    if (error instanceof KubeApiError && error.statusCode === 409) return 'existed';
    throw error;
  }
}

/** Exec credential plugins run before the request and ignore the signal: bound them too. */
function withDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describeFailure(error: unknown, server: string, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `no answer from ${server} within ${timeoutMs / 1000}s`;
  if (error instanceof KubeApiError) {
    if (error.statusCode === 401 || error.statusCode === 403) return `${server} answered but refused the credentials (HTTP ${error.statusCode})`;
    return `${server} answered HTTP ${error.statusCode}`;
  }
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return `nothing is listening at ${server} (is the cluster started?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host of ${server} cannot be resolved`;
  if (code === 'ECONNRESET') return `${server} closed the connection`;
  if (code !== undefined && /CERT|SELF_SIGNED|TLS|SSL/.test(code)) return `${server} has a TLS certificate we cannot verify (${code})`;
  return `${server} could not be reached: ${messageOf(error)}`;
}

/** The socket's error code (node:https gives it on the error; a wrapped one under `cause`). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
