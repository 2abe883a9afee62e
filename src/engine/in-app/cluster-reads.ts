/** The two cluster reads the in-app commands need, as raw requests through the pinned kubeconfig. */
import type { KubeConfig, V1NodeList, V1Service } from '@kubernetes/client-node';
import { KubeApiError, objectPath, requestJson } from '../session/kube-api.js';
import type { ServicePorts } from './sandbox-minikube-service.js';

/** Every address of every Node (minikube: `192.168.49.2`), for curl's allow-list. */
export async function nodeAddresses(kubeconfig: KubeConfig): Promise<string[]> {
  const nodes = (await requestJson(kubeconfig, 'GET', '/api/v1/nodes')) as V1NodeList;
  return (nodes.items ?? []).flatMap((node) => (node.status?.addresses ?? []).map((address) => address.address));
}

/** A Service's type and NodePorts; undefined when it does not exist. */
export async function servicePorts(kubeconfig: KubeConfig, namespace: string, name: string): Promise<ServicePorts | undefined> {
  try {
    const service = (await requestJson(kubeconfig, 'GET', objectPath('Service', namespace, name))) as V1Service;
    const nodePorts = (service.spec?.ports ?? []).map((port) => port.nodePort).filter((port): port is number => typeof port === 'number');
    return { type: service.spec?.type ?? 'ClusterIP', nodePorts };
  } catch (error) {
    if (error instanceof KubeApiError && error.statusCode === 404) return undefined;
    throw error;
  }
}
