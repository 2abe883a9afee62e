/**
 * Which cluster this is, as far as remembered values care: the tutorial namespace's uid. A new
 * sandbox, another minikube profile, or a namespace deleted and made again all give a new uid,
 * so a Pod name remembered there is not trusted here (issue #8, item 4). A sandbox whose state
 * is restored from disk keeps its namespace, and with it its uid.
 */
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';

export async function clusterIdentity(kubeconfig: KubeConfig, namespace: string): Promise<string> {
  const core = kubeconfig.makeApiClient(CoreV1Api);
  const object = await core.readNamespace({ name: namespace });
  const uid = object.metadata?.uid;
  // A server that gives no uid (none we know) still has a name and a creation time.
  return uid ?? `${kubeconfig.getCurrentCluster()?.server ?? ''}/${namespace}@${String(object.metadata?.creationTimestamp ?? '')}`;
}
