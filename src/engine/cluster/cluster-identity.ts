/**
 * Which cluster this is, as far as remembered values care: the tutorial namespace's uid. A new
 * sandbox, another minikube profile, or a namespace deleted and made again all give a new uid,
 * so a Pod name remembered there is not trusted here (issue #8, item 4). A sandbox whose state
 * is restored from disk keeps its namespace, and with it its uid.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { objectPath, requestJson } from '../session/kube-api.js';

interface NamespaceMeta {
  metadata?: { uid?: string; creationTimestamp?: string };
}

export async function clusterIdentity(kubeconfig: KubeConfig, namespace: string): Promise<string> {
  const object = (await requestJson(kubeconfig, 'GET', objectPath('Namespace', '', namespace))) as NamespaceMeta;
  const uid = object.metadata?.uid;
  // A server that gives no uid (none we know) still has a name and a creation time, written as
  // the typed client this used to go through wrote it (a Date), so such an identity stays the same.
  const created = object.metadata?.creationTimestamp;
  return uid ?? `${kubeconfig.getCurrentCluster()?.server ?? ''}/${namespace}@${created === undefined ? '' : String(new Date(created))}`;
}
