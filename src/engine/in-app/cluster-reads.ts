/** The two cluster reads the in-app commands need, through client-node and the pinned kubeconfig. */
import { ApiException, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { ServicePorts } from './sandbox-minikube-service.js';

/** Every address of every Node (minikube: `192.168.49.2`), for curl's allow-list. */
export async function nodeAddresses(kubeconfig: KubeConfig): Promise<string[]> {
  const nodes = await kubeconfig.makeApiClient(CoreV1Api).listNode();
  return nodes.items.flatMap((node) => (node.status?.addresses ?? []).map((address) => address.address));
}

/** A Service's type and NodePorts; undefined when it does not exist. */
export async function servicePorts(kubeconfig: KubeConfig, namespace: string, name: string): Promise<ServicePorts | undefined> {
  try {
    const service = await kubeconfig.makeApiClient(CoreV1Api).readNamespacedService({ name, namespace });
    const nodePorts = (service.spec?.ports ?? []).map((port) => port.nodePort).filter((port): port is number => typeof port === 'number');
    return { type: service.spec?.type ?? 'ClusterIP', nodePorts };
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return undefined;
    throw error;
  }
}
