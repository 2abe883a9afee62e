import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');
const events = { group: '', version: 'v1', kind: 'Event' };

/** The event the kubelet records when it starts pulling, as `GET /api/v1/namespaces/default/events` lists it. */
function pullingEvent(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    count: 3,
    eventTime: null,
    firstTimestamp: '2025-03-10T11:55:01Z',
    involvedObject: {
      apiVersion: 'v1',
      fieldPath: 'spec.containers{nginx}',
      kind: 'Pod',
      name: 'web-7d9c5b8f4-x2x7q',
      namespace: 'default',
      resourceVersion: '1030',
      uid: '9c3d1f0a-7e2b-4a6c-8d5f-1e3b5c7a9d0f',
    },
    lastTimestamp: '2025-03-10T11:58:45Z',
    message: 'Pulling image "nginx:1.27"\n',
    metadata: {
      creationTimestamp: '2025-03-10T11:55:01Z',
      name: 'web-7d9c5b8f4-x2x7q.182b4c7d9e0f1a2b',
      namespace: 'default',
      resourceVersion: '1187',
      uid: '1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901',
    },
    reason: 'Pulling',
    reportingComponent: 'kubelet',
    reportingInstance: 'kind-worker',
    source: { component: 'kubelet', host: 'kind-worker' },
    type: 'Normal',
  };
}

function cells(event: KubeObject): unknown[] {
  return toTable(events, [event], { now, includeObject: 'None' }).rows![0]!.cells;
}

describe('event table', () => {
  it('prints LAST SEEN, TYPE, REASON, OBJECT, MESSAGE and the wide columns in apiserver order', () => {
    const table = toTable(events, [pullingEvent()], { now, includeObject: 'Metadata' });
    expect(table.columnDefinitions).toEqual([
      { name: 'Last Seen', type: 'string', format: '', description: doc('corev1.Event.lastTimestamp'), priority: 0 },
      { name: 'Type', type: 'string', format: '', description: doc('corev1.Event.type'), priority: 0 },
      { name: 'Reason', type: 'string', format: '', description: doc('corev1.Event.reason'), priority: 0 },
      { name: 'Object', type: 'string', format: '', description: doc('corev1.Event.involvedObject'), priority: 0 },
      { name: 'Subobject', type: 'string', format: '', description: doc('corev1.ObjectReference.fieldPath'), priority: 1 },
      { name: 'Source', type: 'string', format: '', description: doc('corev1.Event.source'), priority: 1 },
      { name: 'Message', type: 'string', format: '', description: doc('corev1.Event.message'), priority: 0 },
      { name: 'First Seen', type: 'string', format: '', description: doc('corev1.Event.firstTimestamp'), priority: 1 },
      { name: 'Count', type: 'string', format: '', description: doc('corev1.Event.count'), priority: 1 },
      { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 1 },
    ]);
    expect(table.rows).toEqual([
      {
        cells: [
          '75s',
          'Normal',
          'Pulling',
          'pod/web-7d9c5b8f4-x2x7q',
          'spec.containers{nginx}',
          'kubelet, kind-worker',
          'Pulling image "nginx:1.27"',
          '4m59s',
          3,
          'web-7d9c5b8f4-x2x7q.182b4c7d9e0f1a2b',
        ],
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pullingEvent().metadata },
      },
    ]);
  });

  it('prints an events.k8s.io-style event from eventTime and its series', () => {
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      action: 'Binding',
      eventTime: '2025-03-10T11:50:00.123456Z',
      firstTimestamp: null,
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web-7d9c5b8f4-x2x7q', namespace: 'default' },
      lastTimestamp: null,
      message: 'Successfully assigned default/web-7d9c5b8f4-x2x7q to kind-worker',
      metadata: { creationTimestamp: '2025-03-10T11:50:00Z', name: 'web-7d9c5b8f4-x2x7q.182b4c7d00000000', namespace: 'default' },
      reason: 'Scheduled',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-kind-control-plane',
      source: {},
      type: 'Normal',
    };
    // eventTime is a MicroTime: 9m59.877s ago, which HumanDuration truncates.
    expect(cells(event)).toEqual([
      '9m59s',
      'Normal',
      'Scheduled',
      'pod/web-7d9c5b8f4-x2x7q',
      '',
      'default-scheduler, default-scheduler-kind-control-plane',
      'Successfully assigned default/web-7d9c5b8f4-x2x7q to kind-worker',
      '9m59s',
      1,
      'web-7d9c5b8f4-x2x7q.182b4c7d00000000',
    ]);

    event.series = { count: 7, lastObservedTime: '2025-03-10T11:59:30.000000Z' };
    expect([cells(event)[0], cells(event)[8]]).toEqual(['30s', 7]);
  });

  it('prints the bare kind when the involved object has no name, and <unknown> without any time', () => {
    const event = pullingEvent();
    event.involvedObject = { kind: 'Node' };
    delete event.firstTimestamp;
    delete event.lastTimestamp;
    event.count = 0;
    delete event.source;
    expect(cells(event)).toEqual(['<unknown>', 'Normal', 'Pulling', 'node', '', 'kubelet, kind-worker', 'Pulling image "nginx:1.27"', '<unknown>', 1, event.metadata.name]);
  });
});
