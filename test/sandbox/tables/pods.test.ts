import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';
import { cells, containerStatus, now, pods, runningPod, setCondition } from './pod-fixture.js';

describe('pod table', () => {
  it('prints a running pod exactly as kube-apiserver does', () => {
    const pod = runningPod();
    expect(toTable(pods, [pod], { now, includeObject: 'Metadata' })).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '1033' },
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 0 },
        {
          name: 'Ready',
          type: 'string',
          format: '',
          description: 'The aggregate readiness state of this pod for accepting traffic.',
          priority: 0,
        },
        { name: 'Status', type: 'string', format: '', description: 'The aggregate status of the containers in this pod.', priority: 0 },
        {
          name: 'Restarts',
          type: 'string',
          format: '',
          description:
            'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
          priority: 0,
        },
        { name: 'Age', type: 'string', format: '', description: doc('metav1.ObjectMeta.creationTimestamp'), priority: 0 },
        { name: 'IP', type: 'string', format: '', description: doc('corev1.PodStatus.podIP'), priority: 1 },
        { name: 'Node', type: 'string', format: '', description: doc('corev1.PodSpec.nodeName'), priority: 1 },
        { name: 'Nominated Node', type: 'string', format: '', description: doc('corev1.PodStatus.nominatedNodeName'), priority: 1 },
        { name: 'Readiness Gates', type: 'string', format: '', description: doc('corev1.PodSpec.readinessGates'), priority: 1 },
      ],
      rows: [
        {
          cells: ['web-7d9c5b8f4-x2x7q', '1/1', 'Running', '0', '5m', '10.244.1.5', 'kind-worker', '<none>', '<none>'],
          object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: runningPod().metadata },
        },
      ],
    });
  });

  it('shows CrashLoopBackOff with the restart count and how long ago the last one ended', () => {
    expect(
      cells((pod) => {
        setCondition(pod, 'Ready', 'False', 'ContainersNotReady');
        Object.assign(containerStatus(pod), {
          ready: false,
          restartCount: 5,
          started: false,
          lastState: {
            terminated: {
              containerID: 'containerd://1d2c3b4a',
              exitCode: 1,
              finishedAt: '2025-03-10T11:58:30Z',
              reason: 'Error',
              startedAt: '2025-03-10T11:58:29Z',
            },
          },
          state: { waiting: { message: 'back-off 2m40s restarting failed container=nginx', reason: 'CrashLoopBackOff' } },
        });
      }),
    ).toEqual(['web-7d9c5b8f4-x2x7q', '0/1', 'CrashLoopBackOff', '5 (90s ago)', '5m', '10.244.1.5', 'kind-worker', '<none>', '<none>']);
  });

  it('takes the latest finishedAt over all containers for the restart age', () => {
    const [, , , restarts] = cells((pod) => {
      pod.spec.containers.push({ name: 'sidecar', image: 'busybox' });
      containerStatus(pod).restartCount = 1;
      containerStatus(pod).lastState = { terminated: { exitCode: 1, finishedAt: '2025-03-10T11:50:00Z' } };
      pod.status.containerStatuses.push({
        name: 'sidecar',
        ready: true,
        restartCount: 2,
        lastState: { terminated: { exitCode: 137, finishedAt: '2025-03-10T11:57:00Z' } },
        state: { running: { startedAt: '2025-03-10T11:57:01Z' } },
      });
    });
    expect(restarts).toBe('3 (3m ago)');
  });

  it('prints restarts without an age when no container has a last termination', () => {
    expect(cells((pod) => (containerStatus(pod).restartCount = 2))[3]).toBe('2');
  });

  it.each([
    ['ContainerCreating', 'Pending'],
    ['ErrImagePull', 'Pending'],
    ['ImagePullBackOff', 'Pending'],
    ['CreateContainerConfigError', 'Pending'],
  ])('shows the waiting reason %s', (reason, phase) => {
    const row = cells((pod) => {
      pod.status.phase = phase;
      Object.assign(containerStatus(pod), { ready: false, started: false, state: { waiting: { reason } } });
    });
    expect(row.slice(1, 4)).toEqual(['0/1', reason, '0']);
  });

  it('lets the first container decide STATUS when several are unhappy', () => {
    const row = cells((pod) => {
      pod.spec.containers.push({ name: 'metrics', image: 'exporter:typo' });
      Object.assign(containerStatus(pod), { ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } });
      pod.status.containerStatuses.push({ name: 'metrics', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } });
    });
    expect(row.slice(1, 3)).toEqual(['0/2', 'CrashLoopBackOff']);
  });

  it.each([
    [{ reason: 'OOMKilled', exitCode: 137 }, 'OOMKilled'],
    [{ exitCode: 137, signal: 9 }, 'Signal:9'],
    [{ exitCode: 3 }, 'ExitCode:3'],
  ])('names a terminated container by reason, signal or exit code (%j)', (terminated, status) => {
    expect(cells((pod) => (containerStatus(pod).state = { terminated }))[2]).toBe(status);
  });

  it('marks a succeeded pod Completed and flags the row', () => {
    const pod = runningPod();
    pod.status.phase = 'Succeeded';
    setCondition(pod, 'Ready', 'False', 'PodCompleted');
    Object.assign(containerStatus(pod), {
      ready: false,
      started: false,
      state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2025-03-10T11:56:00Z', startedAt: '2025-03-10T11:55:02Z' } },
    });
    const [row] = toTable(pods, [pod], { now, includeObject: 'None' }).rows!;
    expect(row).toEqual({
      cells: ['web-7d9c5b8f4-x2x7q', '0/1', 'Completed', '0', '5m', '10.244.1.5', 'kind-worker', '<none>', '<none>'],
      conditions: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
      object: null,
    });
  });

  it('marks a failed pod Error and flags the row', () => {
    const pod = runningPod();
    pod.status.phase = 'Failed';
    containerStatus(pod).state = { terminated: { exitCode: 1, reason: 'Error' } };
    const [row] = toTable(pods, [pod], { now, includeObject: 'None' }).rows!;
    expect(row!.cells[2]).toBe('Error');
    expect(row!.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
  });

  it('uses status.reason of an evicted pod', () => {
    const row = cells((pod) => {
      Object.assign(pod.status, { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' });
      delete pod.status.containerStatuses;
    });
    expect(row.slice(1, 3)).toEqual(['0/1', 'Evicted']);
  });

  it('prints Running again when a completed container sits beside a running one', () => {
    const twoContainers = (ready: string) => (pod: KubeObject) => {
      setCondition(pod, 'Ready', ready);
      pod.spec.containers.push({ name: 'migrate', image: 'migrate:1' });
      pod.status.containerStatuses.push({
        name: 'migrate',
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0, reason: 'Completed' } },
      });
    };
    expect(cells(twoContainers('True')).slice(1, 3)).toEqual(['1/2', 'Running']);
    expect(cells(twoContainers('False')).slice(1, 3)).toEqual(['1/2', 'NotReady']);
  });

  it('shows Terminating once deletionTimestamp is set', () => {
    const row = cells((pod) => {
      pod.metadata.deletionTimestamp = '2025-03-10T11:59:50Z';
      pod.metadata.deletionGracePeriodSeconds = 30;
    });
    expect(row.slice(1, 3)).toEqual(['1/1', 'Terminating']);
  });

  it('keeps a finished pod Completed even while it is being deleted', () => {
    const row = cells((pod) => {
      pod.metadata.deletionTimestamp = '2025-03-10T11:59:50Z';
      pod.status.phase = 'Succeeded';
      containerStatus(pod).state = { terminated: { exitCode: 0, reason: 'Completed' } };
    });
    expect(row[2]).toBe('Completed');
  });

  it('shows Unknown for a pod of a lost node being deleted', () => {
    const row = cells((pod) => {
      pod.metadata.deletionTimestamp = '2025-03-10T11:59:50Z';
      pod.status.reason = 'NodeLost';
    });
    expect(row[2]).toBe('Unknown');
  });

  it('shows SchedulingGated for a pod held by scheduling gates', () => {
    const gated: KubeObject = runningPod();
    gated.spec.schedulingGates = [{ name: 'example.com/quota' }];
    delete gated.spec.nodeName;
    gated.status = {
      conditions: [
        { lastProbeTime: null, lastTransitionTime: null, message: 'Scheduling is blocked due to non-empty scheduling gates', reason: 'SchedulingGated', status: 'False', type: 'PodScheduled' },
      ],
      phase: 'Pending',
      qosClass: 'BestEffort',
    };
    expect(toTable(pods, [gated], { now, includeObject: 'None' }).rows![0]!.cells).toEqual([
      'web-7d9c5b8f4-x2x7q', '0/1', 'SchedulingGated', '0', '5m', '<none>', '<none>', '<none>', '<none>',
    ]);
  });

  it('shows the nominated node of a pending pod that preempted others', () => {
    const row = cells((pod) => {
      delete pod.spec.nodeName;
      pod.status = { phase: 'Pending', nominatedNodeName: 'kind-worker2' };
    });
    expect(row.slice(1)).toEqual(['0/1', 'Pending', '0', '5m', '<none>', '<none>', 'kind-worker2', '<none>']);
  });

  it('falls back to status.podIP when podIPs is absent', () => {
    expect(cells((pod) => delete pod.status.podIPs)[5]).toBe('10.244.1.5');
  });

  it('counts readiness gates whose condition is True', () => {
    const row = cells((pod) => {
      pod.spec.readinessGates = [{ conditionType: 'example.com/lb-ready' }, { conditionType: 'example.com/warm' }];
      pod.status.conditions.push({ type: 'example.com/lb-ready', status: 'True' }, { type: 'example.com/warm', status: 'False' });
    });
    expect(row[8]).toBe('1/2');
  });
});
