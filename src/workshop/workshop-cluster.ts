/**
 * `workshop create / status / extend / delete` on the instructor's cluster, through client-node.
 * Create is idempotent (a second run adds learners and refreshes Roles, and never resets a
 * learner's progress); a namespace that exists without our labels is never taken over. Delete
 * selects by label only: what `create` made, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { ApiException, CoreV1Api, KubernetesObjectApi, PatchStrategy, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { learnerNamespace, MANAGED_BY, MANAGED_BY_LABEL, PROGRESS_CONFIGMAP, WORKSHOP_LABEL, LEARNER_LABEL, PACE_CONFIGMAP } from './workshop-labels.js';
import { LEARNER_ACCOUNT, type KubeObject } from './plan/workshop-plan.js';

/** On the ServiceAccount: when the last token handed out expires (status reads it). */
export const TOKEN_EXPIRES_ANNOTATION = 'kubedojo.dev/token-expires';

export class WorkshopError extends Error {
  override readonly name = 'WorkshopError';
}

function status(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

function message(error: unknown): string {
  if (error instanceof ApiException) {
    try {
      const body = typeof error.body === 'string' ? (JSON.parse(error.body) as { message?: string }) : (error.body as { message?: string });
      if (body?.message) return body.message;
    } catch {
      // not JSON: the code says enough
    }
    return `HTTP ${error.code}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Creates the objects; existing ones of ours are refreshed (progress kept), foreign ones refused. */
export async function applyObjects(kubeconfig: KubeConfig, workshop: string, objects: readonly KubeObject[]): Promise<{ created: number; kept: number }> {
  const api = KubernetesObjectApi.makeApiClient(kubeconfig);
  let created = 0;
  let kept = 0;
  for (const plain of objects) {
    const object = clientModel(plain);
    try {
      await api.create(object as KubernetesObject);
      created += 1;
    } catch (error) {
      if (status(error) !== 409) throw new WorkshopError(`could not create ${describe(object)}: ${message(error)}`);
      const existing = await api.read(object as KubernetesObject & { metadata: { name: string } });
      const labels = existing.metadata?.labels ?? {};
      if (labels[MANAGED_BY_LABEL] !== MANAGED_BY || labels[WORKSHOP_LABEL] !== workshop) {
        throw new WorkshopError(`${describe(object)} already exists and is not part of workshop “${workshop}”: kubedojo leaves it alone (pick other names)`);
      }
      kept += 1;
      // The learner's progress and the instructor's pacing are state, not configuration.
      if (object.kind === 'ConfigMap' && (object.metadata.name === PROGRESS_CONFIGMAP || object.metadata.name === PACE_CONFIGMAP)) continue;
      if (object.kind === 'Namespace') continue;
      await api.patch(object as KubernetesObject, undefined, undefined, undefined, undefined, PatchStrategy.MergePatch);
    }
  }
  return { created, kept };
}

/**
 * client-node serializes through its generated models, which name LimitRangeItem's `default`
 * `_default` (a reserved word in their generator): a plain `default` would be dropped silently.
 */
function clientModel(object: KubeObject): KubeObject {
  if (object.kind !== 'LimitRange') return object;
  const spec = object.spec as { limits: Record<string, unknown>[] };
  const limits = spec.limits.map(({ default: defaults, ...rest }) => ({ ...rest, ...(defaults === undefined ? {} : { _default: defaults }) }));
  return { ...object, spec: { ...spec, limits } };
}

function describe(object: KubeObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

/** Refuses, before anything is changed, when one of these namespaces exists without the workshop's labels. */
export async function refuseForeignNamespaces(kubeconfig: KubeConfig, workshop: string, namespaces: readonly string[]): Promise<void> {
  const core = kubeconfig.makeApiClient(CoreV1Api);
  for (const name of namespaces) {
    const existing = await core.readNamespace({ name }).catch((error: unknown) => {
      if (status(error) === 404) return undefined;
      throw new WorkshopError(`could not read namespace ${name}: ${message(error)}`);
    });
    const labels = existing?.metadata?.labels ?? {};
    if (existing !== undefined && (labels[MANAGED_BY_LABEL] !== MANAGED_BY || labels[WORKSHOP_LABEL] !== workshop)) {
      throw new WorkshopError(`Namespace ${name} already exists and is not part of workshop “${workshop}”: kubedojo leaves it alone (pick other names)`);
    }
  }
}

/** A token for the learner's ServiceAccount (the TokenRequest API), recorded on it for `status`. */
export async function requestToken(kubeconfig: KubeConfig, learner: string, expirationSeconds: number): Promise<{ token: string; expires: string }> {
  const core = kubeconfig.makeApiClient(CoreV1Api);
  const namespace = learnerNamespace(learner);
  let answer;
  try {
    answer = await core.createNamespacedServiceAccountToken({ name: LEARNER_ACCOUNT, namespace, body: { spec: { audiences: [], expirationSeconds } } });
  } catch (error) {
    throw new WorkshopError(`could not get a token for ${learner}: ${message(error)}`);
  }
  const token = answer.status?.token;
  if (!token) throw new WorkshopError(`the cluster gave no token for ${learner}`);
  const expires = new Date(answer.status?.expirationTimestamp ?? Date.now() + expirationSeconds * 1000).toISOString();
  await patchMerge(kubeconfig, namespace, expires);
  return { token, expires };
}

async function patchMerge(kubeconfig: KubeConfig, namespace: string, expires: string): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kubeconfig);
  await api.patch(
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: LEARNER_ACCOUNT, namespace, annotations: { [TOKEN_EXPIRES_ANNOTATION]: expires } } },
    undefined, undefined, undefined, undefined, PatchStrategy.MergePatch,
  );
}

/** The server and CA learners' kubeconfigs use: the instructor's context's, unless `--server` says otherwise. */
export function clusterAccess(kubeconfig: KubeConfig, server?: string): { server: string; caData?: string } {
  const cluster = kubeconfig.getCurrentCluster();
  if (cluster === null) throw new WorkshopError('the kubeconfig has no current cluster');
  const caData = cluster.caData ?? (cluster.caFile ? Buffer.from(readFileSync(cluster.caFile)).toString('base64') : undefined);
  return { server: server ?? cluster.server, ...(caData === undefined ? {} : { caData }) };
}

export interface LearnerStatus {
  learner: string;
  namespace: string;
  tokenExpires?: string;
  terminating: boolean;
}

/** The workshop's learners, from their namespaces' labels. */
export async function listLearners(kubeconfig: KubeConfig, workshop: string): Promise<LearnerStatus[]> {
  const core = kubeconfig.makeApiClient(CoreV1Api);
  // Learners' namespaces only (the pre-pull namespace carries the workshop's labels too).
  const selector = `${MANAGED_BY_LABEL}=${MANAGED_BY},${WORKSHOP_LABEL}=${workshop},${LEARNER_LABEL}`;
  const namespaces = await core.listNamespace({ labelSelector: selector });
  const learners: LearnerStatus[] = [];
  for (const namespace of namespaces.items) {
    const name = namespace.metadata?.name ?? '';
    const learner = namespace.metadata?.labels?.[LEARNER_LABEL] ?? name;
    const account = await core.readNamespacedServiceAccount({ name: LEARNER_ACCOUNT, namespace: name }).catch(() => undefined);
    const expires = account?.metadata?.annotations?.[TOKEN_EXPIRES_ANNOTATION];
    learners.push({ learner, namespace: name, terminating: namespace.status?.phase === 'Terminating', ...(expires ? { tokenExpires: expires } : {}) });
  }
  return learners.sort((a, b) => a.learner.localeCompare(b.learner));
}

const CLUSTER_KINDS: [apiVersion: string, kind: string][] = [
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
];

/**
 * Deletes the workshop's namespaces (everything inside goes with them) and its cluster-scoped
 * objects, selected by label; waits until the namespaces are gone (at most `timeoutMs`).
 */
export async function deleteWorkshop(kubeconfig: KubeConfig, workshop: string, timeoutMs = 120_000): Promise<{ namespaces: string[]; clusterObjects: string[] }> {
  const api = KubernetesObjectApi.makeApiClient(kubeconfig);
  const core = kubeconfig.makeApiClient(CoreV1Api);
  const selector = `${MANAGED_BY_LABEL}=${MANAGED_BY},${WORKSHOP_LABEL}=${workshop}`;
  const clusterObjects: string[] = [];
  for (const [apiVersion, kind] of CLUSTER_KINDS) {
    const list = await api.list(apiVersion, kind, undefined, undefined, undefined, undefined, undefined, selector);
    for (const item of list.items) {
      await api.delete({ apiVersion, kind, metadata: { name: item.metadata!.name! } }).catch((error: unknown) => {
        if (status(error) !== 404) throw error;
      });
      clusterObjects.push(`${kind} ${item.metadata!.name!}`);
    }
  }
  // What it made in kube-system (the cluster-info Role and its binding).
  for (const kind of ['RoleBinding', 'Role']) {
    const list = await api.list('rbac.authorization.k8s.io/v1', kind, 'kube-system', undefined, undefined, undefined, undefined, selector);
    for (const item of list.items) {
      await api.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: item.metadata!.name!, namespace: 'kube-system' } }).catch((error: unknown) => {
        if (status(error) !== 404) throw error;
      });
      clusterObjects.push(`${kind} kube-system/${item.metadata!.name!}`);
    }
  }
  const namespaces = (await core.listNamespace({ labelSelector: selector })).items.map((item) => item.metadata!.name!);
  for (const name of namespaces) {
    await core.deleteNamespace({ name }).catch((error: unknown) => {
      if (status(error) !== 404) throw error;
    });
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const left = (await core.listNamespace({ labelSelector: selector })).items.length;
    if (left === 0) return { namespaces, clusterObjects };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new WorkshopError(`the workshop's namespaces are still terminating after ${timeoutMs / 1000}s: run workshop delete again later`);
}
