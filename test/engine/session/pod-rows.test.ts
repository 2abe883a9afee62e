/** READY, STATUS and RESTARTS as `kubectl get pods` prints them. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/engine/checks/index.js';
import { podRow, podRows } from '../../../src/engine/session/index.js';

function pod(name: string, status: Record<string, unknown>, extra: { deleting?: boolean; containers?: number; init?: number } = {}): KubeObject {
  return {
    metadata: { name, creationTimestamp: '2025-11-28T09:00:00Z', ...(extra.deleting ? { deletionTimestamp: '2025-11-28T09:05:00Z' } : {}) },
    spec: {
      containers: Array.from({ length: extra.containers ?? 1 }, (_, i) => ({ name: `c${i}`, image: 'nginx' })),
      ...(extra.init ? { initContainers: Array.from({ length: extra.init }, (_, i) => ({ name: `i${i}`, image: 'busybox' })) } : {}),
    },
    status,
  };
}

const running = { ready: true, restartCount: 0, state: { running: { startedAt: '2025-11-28T09:00:05Z' } } };
const waiting = (reason: string, restartCount = 0) => ({ ready: false, restartCount, state: { waiting: { reason } } });

describe('podRow', () => {
  it('reads a running, ready Pod', () => {
    expect(podRow(pod('web-1', { phase: 'Running', containerStatuses: [running] }))).toEqual({
      name: 'web-1',
      ready: '1/1',
      status: 'Running',
      restarts: 0,
      createdAt: '2025-11-28T09:00:00Z',
    });
  });

  it('names the waiting reason, counts restarts, and says Terminating for a deleted Pod', () => {
    expect(podRow(pod('a', { phase: 'Pending', containerStatuses: [waiting('ContainerCreating')] }))).toMatchObject({ ready: '0/1', status: 'ContainerCreating' });
    expect(podRow(pod('b', { phase: 'Running', containerStatuses: [waiting('CrashLoopBackOff', 4)] }))).toMatchObject({ status: 'CrashLoopBackOff', restarts: 4 });
    expect(podRow(pod('c', { phase: 'Pending' }))).toMatchObject({ ready: '0/1', status: 'Pending' });
    expect(podRow(pod('d', { phase: 'Running', containerStatuses: [running] }, { deleting: true }))).toMatchObject({ ready: '1/1', status: 'Terminating' });
    expect(podRow(pod('e', { phase: 'Running', containerStatuses: [{ ready: false, restartCount: 1, state: { terminated: { exitCode: 137 } } }] }))).toMatchObject({
      status: 'ExitCode:137',
      restarts: 1,
    });
  });

  it('lets the first container win STATUS and counts ready containers', () => {
    const row = podRow(pod('f', { phase: 'Running', containerStatuses: [waiting('ImagePullBackOff'), running] }, { containers: 2 }));
    expect(row).toMatchObject({ ready: '1/2', status: 'ImagePullBackOff' });
  });

  it('shows init containers at work', () => {
    const initWaiting = { initContainerStatuses: [{ restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }] };
    expect(podRow(pod('g', { phase: 'Pending', ...initWaiting }, { init: 2 }))).toMatchObject({ status: 'Init:0/2' });
    const initCrashing = { initContainerStatuses: [{ restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] };
    expect(podRow(pod('h', { phase: 'Pending', ...initCrashing }, { init: 1 }))).toMatchObject({ status: 'Init:CrashLoopBackOff', restarts: 2 });
  });

  it('sorts rows by name, as kubectl does', () => {
    expect(podRows([pod('web-b', {}), pod('web-a', {})]).map((row) => row.name)).toEqual(['web-a', 'web-b']);
  });
});
