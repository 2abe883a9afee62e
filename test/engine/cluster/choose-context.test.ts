import { describe, expect, it } from 'vitest';
import { chooseContext } from '../../../src/engine/cluster/choose-context.js';
import { kubeconfigOf } from './fixtures.js';

const minikube = { name: 'minikube', server: 'https://192.168.49.2:8443' }; // parsed only, never dialled (no unshare -n needed; test/support/loopback-only.ts refuses it)
const kind = { name: 'kind-kind', server: 'https://127.0.0.1:40123' };
const prod = { name: 'prod', server: 'https://prod.example.com' };
const fakeMinikube = { name: 'minikube', server: 'https://prod.example.com' };
// minikube's 192.168.49.2 is private: local once `minikube profile list` confirms it (local-tool-confirmation.test.ts).
const confirmations = new Map([['minikube', { confirmed: true, reason: 'confirmed by `minikube profile list -o json`' }]]);

describe('chooseContext without flags', () => {
  it('uses the current context when it is local', () => {
    const decision = chooseContext({ kubeconfig: kubeconfigOf([prod, kind], 'kind-kind') });
    expect(decision).toMatchObject({ kind: 'use', remote: false, context: { name: 'kind-kind' } });
    expect(decision.message).toContain('current context `kind-kind`');
  });

  it('falls back to a local context when the current one is remote, without touching the kubeconfig', () => {
    const kubeconfig = kubeconfigOf([prod, minikube], 'prod');
    const decision = chooseContext({ kubeconfig, confirmations });
    expect(decision).toMatchObject({ kind: 'use', remote: false, context: { name: 'minikube' } });
    expect(decision.message).toContain('`prod` does not look local');
    expect(kubeconfig.getCurrentContext()).toBe('prod');
  });

  it('chooses the sandbox when nothing is local, and explains how to use the remote one', () => {
    const decision = chooseContext({ kubeconfig: kubeconfigOf([prod]) });
    expect(decision.kind).toBe('sandbox');
    expect(decision.message).toContain('--context prod --allow-remote');
  });

  it('chooses the sandbox when there is no kubeconfig at all', () => {
    expect(chooseContext({ kubeconfig: kubeconfigOf([]) }).kind).toBe('sandbox');
  });

  it('never picks a context named minikube that points at a remote server', () => {
    expect(chooseContext({ kubeconfig: kubeconfigOf([fakeMinikube]) }).kind).toBe('sandbox');
  });
});

describe('chooseContext with --context', () => {
  it('uses a named local context', () => {
    const decision = chooseContext({ kubeconfig: kubeconfigOf([kind, minikube]), flags: { context: 'minikube' }, confirmations });
    expect(decision).toMatchObject({ kind: 'use', remote: false, context: { name: 'minikube' } });
  });

  it('REFUSES `--context minikube` when minikube points at https://prod.example.com', () => {
    const decision = chooseContext({ kubeconfig: kubeconfigOf([fakeMinikube]), flags: { context: 'minikube' } });
    expect(decision.kind).toBe('refused');
    expect(decision.message).toContain('https://prod.example.com is not on this machine');
    expect(decision.message).toContain('--context minikube --allow-remote');
  });

  it('refuses a remote context without --allow-remote', () => {
    expect(chooseContext({ kubeconfig: kubeconfigOf([prod]), flags: { context: 'prod' } }).kind).toBe('refused');
  });

  it('uses a remote context with --context NAME --allow-remote, and says what it will touch', () => {
    const decision = chooseContext({
      kubeconfig: kubeconfigOf([minikube, prod], 'minikube'),
      flags: { context: 'prod', allowRemote: true },
      namespace: 'learner-3',
    });
    expect(decision).toMatchObject({ kind: 'use', remote: true, context: { name: 'prod' } });
    expect(decision.message).toContain('`learner-3` namespace');
  });

  it('refuses --allow-remote without --context: the flag must name the cluster', () => {
    const decision = chooseContext({ kubeconfig: kubeconfigOf([prod]), flags: { allowRemote: true } });
    expect(decision).toMatchObject({ kind: 'refused', message: expect.stringContaining('--context NAME') });
  });

  it('refuses an unknown context and lists the known ones', () => {
    const decision = chooseContext({ kubeconfig: kubeconfigOf([minikube, prod]), flags: { context: 'staging' } });
    expect(decision).toEqual({
      kind: 'refused',
      message: 'There is no context `staging` in your kubeconfig. Contexts there: `minikube`, `prod`.',
    });
  });

  it('treats --context kubedojo-sandbox as a request for the sandbox', () => {
    expect(chooseContext({ kubeconfig: kubeconfigOf([prod]), flags: { context: 'kubedojo-sandbox' } }).kind).toBe('sandbox');
  });
});
