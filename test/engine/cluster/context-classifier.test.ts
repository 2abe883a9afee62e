import { describe, expect, it } from 'vitest';
import { classifyContext, isLocalClusterName, isLocalServer, listContexts } from '../../../src/engine/cluster/context-classifier.js';
import { kubeconfigOf } from './fixtures.js';

describe('isLocalClusterName', () => {
  it.each([
    ['minikube', true], ['minikube-second', true], ['docker-desktop', true], ['docker-for-desktop', true],
    ['rancher-desktop', true], ['orbstack', true], ['kubedojo-sandbox', true], ['kind-kind', true],
    ['kind-workshop', true], ['k3d-dev', true], ['Minikube', true],
    ['kind-', false], ['kindle', false], ['minikubeprod', false], ['prod', false], ['gke_project_zone_cluster', false],
    ['arn:aws:eks:eu-west-1:123:cluster/minikube', false],
  ])('%s -> %s', (name, local) => {
    expect(isLocalClusterName(name)).toBe(local);
  });
});

describe('isLocalServer', () => {
  it.each([
    ['https://127.0.0.1:32771', true],
    ['https://127.0.0.53:6443', true],
    ['https://localhost:6443', true],
    ['https://api.localhost:6443', true],
    ['https://[::1]:6443', true],
    ['https://[::ffff:127.0.0.1]:6443', true],
    ['https://0.0.0.0:6550', true],
    ['https://host.docker.internal:6443', true],
    ['https://kubernetes.docker.internal:6443', true],
    ['https://k8s.orb.local:26443', true],
    ['https://192.168.49.2:8443', true], // pure: never dialled, no unshare -n needed
    ['https://192.168.64.5:8443', true], // pure: never dialled, no unshare -n needed
    ['https://172.18.0.2:6443', true], // pure: never dialled, no unshare -n needed
    ['https://10.0.0.5:6443', false], // pure: never dialled, no unshare -n needed
    ['https://172.32.0.1:6443', false],
    ['https://prod.example.com', false],
    ['https://34.120.1.2', false],
    ['https://localhost.example.com', false],
    ['https://127.0.0.1.nip.io', false],
    ['not a url', false],
  ])('%s -> %s', (server, local) => {
    // A pure function of the string: nothing is dialled, so no `unshare -n` is needed.
    expect(isLocalServer(server)).toBe(local);
  });
});

describe('classifyContext', () => {
  it('needs both a local name and a local server (a private one confirmed by its tool)', () => {
    const kubeconfig = kubeconfigOf([
      { name: 'minikube', server: 'https://192.168.49.2:8443' }, // pure: never dialled, no unshare -n needed
      { name: 'kind-kind', server: 'https://127.0.0.1:40123' },
      { name: 'evil-minikube', cluster: 'minikube-lookalike', server: 'https://prod.example.com' },
      { name: 'fake', cluster: 'minikube-2', server: 'https://prod.example.com' },
      { name: 'tunnel', server: 'https://127.0.0.1:8443' },
      { name: 'dev', cluster: 'k3d-dev', server: 'https://0.0.0.0:6550' },
    ]);
    const confirmations = new Map([['minikube', { confirmed: true, reason: 'confirmed by `minikube profile list -o json`' }]]);
    const local = Object.fromEntries(listContexts(kubeconfig, confirmations).map((c) => [c.name, c.local]));
    expect(local).toEqual({
      'minikube': true,
      'kind-kind': true,
      'evil-minikube': false,
      'fake': false,
      'tunnel': false,
      'dev': true, // its cluster is named like a k3d cluster
    });
    // Unconfirmed, minikube's private address is not enough (issue #7).
    expect(classifyContext(kubeconfig, 'minikube')).toMatchObject({ local: false, needsConfirmation: true });
  });

  it('refuses a context named minikube whose server is remote, and says why', () => {
    const kubeconfig = kubeconfigOf([{ name: 'minikube', server: 'https://prod.example.com' }]);
    expect(classifyContext(kubeconfig, 'minikube')).toMatchObject({
      local: false,
      isCurrent: true,
      server: 'https://prod.example.com',
      reason: 'its server https://prod.example.com is not on this machine',
    });
  });

  it('returns undefined for an unknown context', () => {
    expect(classifyContext(kubeconfigOf([]), 'nope')).toBeUndefined();
  });
});

describe('isLocalServer: only literal loopback spellings (issue #7)', () => {
  it.each([
    ['https://2130706433:6443', false],
    ['https://127.1:6443', false],
    ['https://0x7f.0.0.1:6443', false],
    ['https://0177.0.0.1:6443', false],
    ['https://127.0.0.1:6443', true],
    ['https://localhost:6443', true],
    ['https://[::1]:6443', true],
    ['https://LOCALHOST.:6443', true],
  ])('%s -> local %s', (server, local) => {
    expect(isLocalServer(server)).toBe(local);
  });
});
