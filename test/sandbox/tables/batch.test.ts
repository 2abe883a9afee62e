import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');
const jobs = { group: 'batch', version: 'v1', kind: 'Job' };

/** `kubectl create job pi --image=perl:5.34 -- perl -Mbignum=bpi -wle 'print bpi(2000)'`, finished. */
function completedJob(): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { creationTimestamp: '2025-03-10T11:50:00Z', generation: 1, name: 'pi', namespace: 'default', resourceVersion: '1600', uid: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9' },
    spec: {
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9' } },
      suspend: false,
      template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }], restartPolicy: 'Never' } },
    },
    status: {
      completionTime: '2025-03-10T11:50:42Z',
      conditions: [
        { lastProbeTime: '2025-03-10T11:50:42Z', lastTransitionTime: '2025-03-10T11:50:42Z', message: 'Reached expected number of succeeded pods', reason: 'CompletionsReached', status: 'True', type: 'SuccessCriteriaMet' },
        { lastProbeTime: '2025-03-10T11:50:42Z', lastTransitionTime: '2025-03-10T11:50:42Z', message: 'Reached expected number of succeeded pods', reason: 'CompletionsReached', status: 'True', type: 'Complete' },
      ],
      ready: 0,
      startTime: '2025-03-10T11:50:00Z',
      succeeded: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
    },
  };
}

function cells(job: KubeObject): unknown[] {
  return toTable(jobs, [job], { now, includeObject: 'None' }).rows![0]!.cells;
}

describe('job table', () => {
  it('prints STATUS, COMPLETIONS, DURATION and the wide columns', () => {
    const table = toTable(jobs, [completedJob()], { now, includeObject: 'None' });
    expect(table.columnDefinitions!.map((c) => [c.name, c.type, c.priority, c.description])).toEqual([
      ['Name', 'string', 0, doc('metav1.ObjectMeta.name')],
      ['Status', 'string', 0, 'Status of the job.'],
      ['Completions', 'string', 0, doc('batchv1.JobStatus.succeeded')],
      ['Duration', 'string', 0, 'Time required to complete the job.'],
      ['Age', 'string', 0, doc('metav1.ObjectMeta.creationTimestamp')],
      ['Containers', 'string', 1, 'Names of each container in the template.'],
      ['Images', 'string', 1, 'Images referenced by each container in the template.'],
      ['Selector', 'string', 1, doc('batchv1.JobSpec.selector')],
    ]);
    expect(table.rows![0]!.cells).toEqual([
      'pi', 'Complete', '1/1', '42s', '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
    ]);
  });

  it('counts a running job duration up to now', () => {
    const job = completedJob();
    delete job.status.completionTime;
    job.status = { active: 1, ready: 1, startTime: '2025-03-10T11:50:00Z', terminating: 0, uncountedTerminatedPods: {} };
    expect(cells(job).slice(1, 4)).toEqual(['Running', '0/1', '10m']);
  });

  it('prints an empty DURATION before the job starts', () => {
    const job = completedJob();
    job.status = {};
    expect(cells(job)[3]).toBe('');
  });

  it('prints a work-queue job as n/1 of parallelism', () => {
    const job = completedJob();
    delete job.spec.completions;
    job.spec.parallelism = 3;
    job.status.succeeded = 2;
    expect(cells(job)[2]).toBe('2/1 of 3');
    job.spec.parallelism = 1;
    expect(cells(job)[2]).toBe('2/1');
  });

  it.each([
    [[{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }], false, 'Failed'],
    [[{ type: 'FailureTarget', status: 'True' }], true, 'Terminating'],
    [[{ type: 'Suspended', status: 'True' }], false, 'Suspended'],
    [[{ type: 'FailureTarget', status: 'True' }], false, 'FailureTarget'],
    [[{ type: 'Complete', status: 'False' }], false, 'Running'],
  ])('derives STATUS from conditions %j (deleting: %s) → %s', (conditions, deleting, status) => {
    const job = completedJob();
    job.status.conditions = conditions;
    if (deleting) job.metadata.deletionTimestamp = '2025-03-10T11:59:00Z';
    expect(cells(job)[1]).toBe(status);
  });
});
