/** The resource types the controllers and the simulated node read and write. */
import { findType, type ResourceType } from '../api/resources.js';

function type(group: string, plural: string): ResourceType {
  const found = findType(group, plural);
  if (!found) throw new Error(`resource table has no ${group}/${plural}`);
  return found;
}

export const PODS = type('', 'pods');
export const NODES = type('', 'nodes');
export const NAMESPACES = type('', 'namespaces');
export const SERVICES = type('', 'services');
export const ENDPOINTS = type('', 'endpoints');
export const EVENTS = type('', 'events');
export const DEPLOYMENTS = type('apps', 'deployments');
export const REPLICA_SETS = type('apps', 'replicasets');
export const DAEMON_SETS = type('apps', 'daemonsets');
export const CONTROLLER_REVISIONS = type('apps', 'controllerrevisions');
export const ENDPOINT_SLICES = type('discovery.k8s.io', 'endpointslices');
