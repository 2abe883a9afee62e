import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');
const services = { group: '', version: 'v1', kind: 'Service' };

/** `kubectl expose deployment web --port=80 --type=NodePort`, as the apiserver returns it after allocation. */
function nodePortService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      creationTimestamp: '2025-03-10T11:57:00Z',
      labels: { app: 'web' },
      name: 'web',
      namespace: 'default',
      resourceVersion: '1101',
      uid: '3a5b7c9d-1e2f-4a6b-8c0d-2e4f6a8b0c1d',
    },
    spec: {
      clusterIP: '10.96.142.17',
      clusterIPs: ['10.96.142.17'],
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ nodePort: 31234, port: 80, protocol: 'TCP', targetPort: 80 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'NodePort',
    },
    status: { loadBalancer: {} },
  };
}

function row(service: KubeObject): unknown[] {
  return toTable(services, [service], { now, includeObject: 'None' }).rows![0]!.cells;
}

describe('service table', () => {
  it('prints a NodePort service exactly as kube-apiserver does', () => {
    expect(toTable(services, [nodePortService()], { now, includeObject: 'Metadata' })).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '1101' },
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 0 },
        { name: 'Type', type: 'string', format: '', description: doc('corev1.ServiceSpec.type'), priority: 0 },
        { name: 'Cluster-IP', type: 'string', format: '', description: doc('corev1.ServiceSpec.clusterIP'), priority: 0 },
        { name: 'External-IP', type: 'string', format: '', description: doc('corev1.ServiceSpec.externalIPs'), priority: 0 },
        { name: 'Port(s)', type: 'string', format: '', description: doc('corev1.ServiceSpec.ports'), priority: 0 },
        { name: 'Age', type: 'string', format: '', description: doc('metav1.ObjectMeta.creationTimestamp'), priority: 0 },
        { name: 'Selector', type: 'string', format: '', description: doc('corev1.ServiceSpec.selector'), priority: 1 },
      ],
      rows: [
        {
          cells: ['web', 'NodePort', '10.96.142.17', '<none>', '80:31234/TCP', '3m', 'app=web'],
          object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: nodePortService().metadata },
        },
      ],
    });
  });

  it('prints the default kubernetes ClusterIP service', () => {
    const kubernetes = nodePortService();
    Object.assign(kubernetes.metadata, { name: 'kubernetes', creationTimestamp: '2025-03-01T08:00:00Z', labels: { component: 'apiserver', provider: 'kubernetes' } });
    Object.assign(kubernetes.spec, {
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    });
    delete kubernetes.spec.selector;
    delete kubernetes.spec.externalTrafficPolicy;
    expect(row(kubernetes)).toEqual(['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '9d', '<none>']);
  });

  it('shows <pending> for a LoadBalancer without ingress, then the sorted ingress addresses', () => {
    const lb = nodePortService();
    lb.spec.type = 'LoadBalancer';
    lb.spec.ports.push({ name: 'https', nodePort: 30443, port: 443, protocol: 'TCP', targetPort: 8443 });
    expect(row(lb).slice(3, 5)).toEqual(['<pending>', '80:31234/TCP,443:30443/TCP']);

    lb.status.loadBalancer = { ingress: [{ ip: '172.18.0.200', ipMode: 'VIP' }, { hostname: 'a1b2.elb.example.com' }, { ip: '172.18.0.200' }] };
    expect(row(lb)[3]).toBe('172.18.0.200,a1b2.elb.example.com');

    lb.spec.externalIPs = ['203.0.113.9'];
    expect(row(lb)[3]).toBe('172.18.0.200,a1b2.elb.example.com,203.0.113.9');
  });

  it('prints externalIPs of a ClusterIP service, a headless service and an ExternalName', () => {
    const withExternal = nodePortService();
    Object.assign(withExternal.spec, { type: 'ClusterIP', externalIPs: ['198.51.100.1', '198.51.100.2'] });
    expect(row(withExternal)[3]).toBe('198.51.100.1,198.51.100.2');

    const headless = nodePortService();
    Object.assign(headless.spec, { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [] });
    expect(row(headless).slice(1, 5)).toEqual(['ClusterIP', 'None', '<none>', '<none>']);

    const external: KubeObject = {
      metadata: { name: 'db', creationTimestamp: '2025-03-10T11:00:00Z' },
      spec: { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' },
    };
    expect(row(external)).toEqual(['db', 'ExternalName', '<none>', 'db.example.com', '<none>', '60m', '<none>']);
  });
});

describe('endpoints table', () => {
  const endpoints = (subsets: KubeObject[] | undefined): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { creationTimestamp: '2025-03-10T11:57:00Z', labels: { app: 'web' }, name: 'web', namespace: 'default', resourceVersion: '1120' },
    ...(subsets ? { subsets } : {}),
  });
  const cells = (obj: KubeObject) => toTable({ group: '', version: 'v1', kind: 'Endpoints' }, [obj], { now, includeObject: 'None' });

  it('lists ip:port of ready addresses, three at most', () => {
    const table = cells(
      endpoints([
        {
          addresses: ['10.244.1.5', '10.244.2.7', '10.244.1.9', 'fd00::5'].map((ip) => ({ ip, nodeName: 'kind-worker' })),
          notReadyAddresses: [{ ip: '10.244.2.8' }],
          ports: [{ port: 80, protocol: 'TCP' }],
        },
      ]),
    );
    expect(table.columnDefinitions!.map((c) => [c.name, c.description])).toEqual([
      ['Name', doc('metav1.ObjectMeta.name')],
      ['Endpoints', doc('corev1.Endpoints.subsets')],
      ['Age', doc('metav1.ObjectMeta.creationTimestamp')],
    ]);
    expect(table.rows![0]!.cells).toEqual(['web', '10.244.1.5:80,10.244.2.7:80,10.244.1.9:80 + 1 more...', '3m']);
  });

  it('brackets IPv6, prints bare IPs without ports, <none> without subsets', () => {
    expect(cells(endpoints([{ addresses: [{ ip: 'fd00::5' }], ports: [{ port: 8080, protocol: 'TCP' }] }])).rows![0]!.cells[1]).toBe('[fd00::5]:8080');
    expect(cells(endpoints([{ addresses: [{ ip: '10.244.1.5' }] }])).rows![0]!.cells[1]).toBe('10.244.1.5');
    expect(cells(endpoints(undefined)).rows![0]!.cells[1]).toBe('<none>');
  });
});

describe('endpointslice table', () => {
  it('prints ADDRESSTYPE, PORTS and ENDPOINTS', () => {
    const slice: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { creationTimestamp: '2025-03-10T11:57:00Z', generateName: 'web-', name: 'web-x8k2p', namespace: 'default', resourceVersion: '1121' },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['10.244.1.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'kind-worker' },
        { addresses: ['10.244.2.7'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'kind-worker2' },
      ],
      ports: [{ name: '', port: 80, protocol: 'TCP' }, { name: 'metrics', protocol: 'TCP' }],
    };
    const table = toTable({ group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' }, [slice], { now, includeObject: 'None' });
    expect(table.columnDefinitions!.map((c) => [c.name, c.description])).toEqual([
      ['Name', doc('metav1.ObjectMeta.name')],
      ['AddressType', doc('discoveryv1beta1.EndpointSlice.addressType')],
      ['Ports', doc('discoveryv1beta1.EndpointSlice.ports')],
      ['Endpoints', doc('discoveryv1beta1.EndpointSlice.endpoints')],
      ['Age', doc('metav1.ObjectMeta.creationTimestamp')],
    ]);
    expect(table.rows![0]!.cells).toEqual(['web-x8k2p', 'IPv4', '80,metrics', '10.244.1.5,10.244.2.7', '3m']);
  });

  it('prints <unset> for an empty slice and + N more... past three', () => {
    const empty: KubeObject = { metadata: { name: 'web-empty', creationTimestamp: '2025-03-10T11:57:00Z' }, addressType: 'IPv4', endpoints: null, ports: null };
    const many: KubeObject = {
      metadata: { name: 'web-many', creationTimestamp: '2025-03-10T11:57:00Z' },
      addressType: 'IPv4',
      endpoints: ['1', '2', '3', '4', '5'].map((n) => ({ addresses: [`10.0.0.${n}`] })),
      ports: [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }],
    };
    const table = toTable({ group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' }, [empty, many], { now, includeObject: 'None' });
    expect(table.rows!.map((r) => r.cells.slice(2, 4))).toEqual([
      ['<unset>', '<unset>'],
      ['1,2,3 + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...'],
    ]);
  });
});
