import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { cells, containerStatus, setCondition } from './pod-fixture.js';

describe('pod table: init containers', () => {
  function withInitContainers(pod: KubeObject, statuses: KubeObject[], initialized: boolean): void {
    pod.spec.initContainers = [
      { name: 'init-db', image: 'busybox:1.36' },
      { name: 'init-cache', image: 'busybox:1.36' },
    ];
    pod.status.initContainerStatuses = statuses;
    pod.status.phase = initialized ? 'Running' : 'Pending';
    setCondition(pod, 'Initialized', initialized ? 'True' : 'False', initialized ? undefined : 'ContainersNotInitialized');
    if (!initialized) {
      setCondition(pod, 'Ready', 'False', 'ContainersNotReady');
      Object.assign(containerStatus(pod), { ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } });
    }
  }
  const done = (name: string) => ({ name, ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } });

  it('shows Init:1/2 while the second init container runs', () => {
    const row = cells((pod) =>
      withInitContainers(pod, [done('init-db'), { name: 'init-cache', ready: false, restartCount: 0, state: { running: {} } }], false),
    );
    expect(row.slice(1, 4)).toEqual(['0/1', 'Init:1/2', '0']);
  });

  it('shows Init:0/2 while the first init container is still PodInitializing', () => {
    const waiting = (name: string) => ({ name, ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } });
    expect(cells((pod) => withInitContainers(pod, [waiting('init-db'), waiting('init-cache')], false))[2]).toBe('Init:0/2');
  });

  it('shows Init:CrashLoopBackOff and counts the init container restarts', () => {
    const row = cells((pod) =>
      withInitContainers(
        pod,
        [
          {
            name: 'init-db',
            ready: false,
            restartCount: 3,
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2025-03-10T11:58:00Z' } },
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
          { name: 'init-cache', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
        ],
        false,
      ),
    );
    expect(row.slice(1, 4)).toEqual(['0/1', 'Init:CrashLoopBackOff', '3 (2m ago)']);
  });

  it.each([
    [{ exitCode: 1, reason: 'Error' }, 'Init:Error'],
    [{ exitCode: 2 }, 'Init:ExitCode:2'],
    [{ exitCode: 137, signal: 9 }, 'Init:Signal:9'],
  ])('names a failed init container (%j) as %s', (terminated, status) => {
    const row = cells((pod) =>
      withInitContainers(pod, [{ name: 'init-db', ready: false, restartCount: 0, state: { terminated } }], false),
    );
    expect(row[2]).toBe(status);
  });

  it('shows PodInitializing once init is done but the container has not started', () => {
    const row = cells((pod) => {
      withInitContainers(pod, [done('init-db'), done('init-cache')], true);
      setCondition(pod, 'Ready', 'False');
      Object.assign(containerStatus(pod), { ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } });
    });
    expect(row.slice(1, 4)).toEqual(['0/1', 'PodInitializing', '0']);
  });

  it('does not count restarts of completed init containers once the pod is initialized', () => {
    const flaky = { ...done('init-db'), restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: '2025-03-10T11:55:30Z' } } };
    const row = cells((pod) => withInitContainers(pod, [flaky, done('init-cache')], true));
    expect(row.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
  });

  it('holds the pod in Init:0/1 until the sidecar has started', () => {
    const row = cells((pod) => {
      pod.spec.initContainers = [{ name: 'proxy', image: 'envoy:1.31', restartPolicy: 'Always' }];
      pod.status.initContainerStatuses = [{ name: 'proxy', ready: false, started: false, restartCount: 0, state: { running: {} } }];
      setCondition(pod, 'Initialized', 'False');
    });
    expect(row.slice(1, 3)).toEqual(['0/2', 'Init:0/1']);
  });

  it('counts a started sidecar (restartable init container) in READY and RESTARTS', () => {
    const row = cells((pod) => {
      pod.spec.initContainers = [{ name: 'proxy', image: 'envoy:1.31', restartPolicy: 'Always' }];
      pod.status.initContainerStatuses = [
        {
          name: 'proxy',
          ready: true,
          started: true,
          restartCount: 1,
          lastState: { terminated: { exitCode: 1, finishedAt: '2025-03-10T11:56:00Z' } },
          state: { running: { startedAt: '2025-03-10T11:56:01Z' } },
        },
      ];
    });
    expect(row.slice(1, 4)).toEqual(['2/2', 'Running', '1 (4m ago)']);
  });
});
