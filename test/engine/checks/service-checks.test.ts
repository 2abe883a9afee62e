import { describe, expect, it } from 'vitest';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import { evaluateCheck } from '../../../src/engine/checks/evaluate.js';
import { check, noContext } from './check-helpers.js';
import { deployment, endpoints, pod, replicaSet, service } from './cluster-fixtures.js';

// The seed's nginx-service, in front of an nginx Deployment that declares containerPort 80.
const web = deployment('nginx', 'nginx:1.25', { replicas: 2 });
const rs = replicaSet(web, '7c5ddbdf54', 'nginx:1.25', { revision: 1, replicas: 2 });
const http = [{ containerPort: 80 }];
const podA = pod(rs, 'a1b2c', { ip: '10.244.0.9', ports: http });
const podB = pod(rs, 'd3e4f', { ip: '10.244.0.10', ports: http });
const svc = service('nginx-service', { app: 'nginx' }, [{ port: 80, targetPort: 80 }]);
const serviceEndpoints = { serviceEndpoints: { service: 'nginx-service' } };
const run = (objects: Parameters<typeof createStaticView>[0]) => evaluateCheck(check(serviceEndpoints), createStaticView(objects), noContext);

describe('serviceEndpoints', () => {
  it('passes when the endpoints are exactly the ready Pods, in IP order', () => {
    expect(run([svc, web, rs, podA, podB, endpoints('nginx-service', [podB, podA], 80)])).toEqual({
      ok: true,
      message: 'service nginx-service: endpoints 10.244.0.9, 10.244.0.10 = its 2 ready Pods',
    });
  });

  it('fails while the endpoints lag behind the Pods', () => {
    expect(run([svc, web, rs, podA, podB, endpoints('nginx-service', [podA], 80)])).toEqual({
      ok: false,
      message: 'service nginx-service: endpoints 10.244.0.9, want 10.244.0.9, 10.244.0.10 (its ready Pods)',
    });
    expect(run([svc, web, rs, podA, podB])).toEqual({
      ok: false,
      message: 'service nginx-service: endpoints none, want 10.244.0.9, 10.244.0.10 (its ready Pods)',
    });
  });

  it('ignores notReadyAddresses and unready or terminating Pods', () => {
    const starting = pod(rs, 'g5h6i', { ip: '10.244.0.11', ports: http, ready: false });
    const leaving = pod(rs, 'j7k8l', { ip: '10.244.0.12', ports: http, terminating: true });
    expect(run([svc, podA, starting, leaving, endpoints('nginx-service', [podA], 80, [starting])])).toEqual({
      ok: true,
      message: 'service nginx-service: endpoints 10.244.0.9 = its 1 ready Pod',
    });
    expect(run([svc, podA, starting, endpoints('nginx-service', [podA, starting], 80)])).toEqual({
      ok: false,
      message: 'service nginx-service: endpoints 10.244.0.9, 10.244.0.11, want 10.244.0.9 (its ready Pods)',
    });
  });

  it("catches a targetPort the Pods do not declare (the seed's 8080 on nginx)", () => {
    const wrongPort = service('nginx-service', { app: 'nginx' }, [{ port: 80, targetPort: 8080 }]);
    expect(run([wrongPort, podA, podB, endpoints('nginx-service', [podA, podB], 8080)])).toEqual({
      ok: false,
      message: 'service nginx-service: targetPort 8080 matches no containerPort of its Pods (80)',
    });
    const named = service('nginx-service', { app: 'nginx' }, [{ port: 80, targetPort: 'http' }]);
    expect(run([named, podA, endpoints('nginx-service', [podA], 80)])).toEqual({
      ok: false,
      message: 'service nginx-service: targetPort http matches no named port of its Pods (they name none)',
    });
    const namedPod = pod(rs, 'm9n0p', { ip: '10.244.0.13', ports: [{ containerPort: 80, name: 'http' }] });
    expect(run([named, namedPod, endpoints('nginx-service', [namedPod], 80)]).ok).toBe(true);
  });

  it('defaults targetPort to port', () => {
    const noTarget = service('nginx-service', { app: 'nginx' }, [{ port: 80 }]);
    expect(run([noTarget, podA, endpoints('nginx-service', [podA], 80)]).ok).toBe(true);
  });

  it('explains a missing Service, selector or Pods', () => {
    expect(run([podA])).toEqual({ ok: false, message: 'service nginx-service: not found' });
    expect(run([service('nginx-service', undefined, [{ port: 80 }]), podA])).toEqual({
      ok: false,
      message: 'service nginx-service: has no selector, want one that picks its Pods',
    });
    expect(run([service('nginx-service', { app: 'nginx-web' }, [{ port: 80 }]), podA])).toEqual({
      ok: false,
      message: 'service nginx-service: no ready Pods match selector app=nginx-web',
    });
  });
});
