/** The core/v1 Event table: `eventColumnDefinitions` and `printEvent` of printers.go. */
import type { KubeObject } from '../api/status.js';
import { column, nameColumn, wideColumn } from './columns.js';
import { corev1Event, corev1ObjectReference } from './descriptions.js';
import { ageSince, parseTime } from './format.js';
import type { TableHandler } from './types.js';

/**
 * `formatEventSource`: `component, host`, falling back to the reporting controller and instance
 * that events written through events.k8s.io carry instead.
 */
function eventSource(event: KubeObject): string {
  const component: string = event.source?.component || event.reportingComponent || '';
  const instance: string = event.source?.host || event.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** OBJECT: `kind/name` of the involved object, the kind lower-cased. */
function eventTarget(event: KubeObject): string {
  const involved: KubeObject = event.involvedObject ?? {};
  const kind = String(involved.kind ?? '').toLowerCase();
  return involved.name ? `${kind}/${involved.name}` : kind;
}

export const eventTable: TableHandler = {
  // LAST SEEN comes first and there is no leading Name column: kubectl lists events as a timeline.
  columns: [
    column('Last Seen', 'string', corev1Event.lastTimestamp),
    column('Type', 'string', corev1Event.type),
    column('Reason', 'string', corev1Event.reason),
    column('Object', 'string', corev1Event.involvedObject),
    wideColumn('Subobject', 'string', corev1ObjectReference.fieldPath),
    wideColumn('Source', 'string', corev1Event.source),
    column('Message', 'string', corev1Event.message),
    wideColumn('First Seen', 'string', corev1Event.firstTimestamp),
    wideColumn('Count', 'string', corev1Event.count),
    { ...nameColumn, priority: 1 },
  ],
  print(event, now) {
    // Events created through events.k8s.io only have `eventTime` (a MicroTime) and maybe a series.
    const firstSeen = parseTime(event.firstTimestamp) ? ageSince(event.firstTimestamp, now) : ageSince(event.eventTime, now);
    let lastSeen = parseTime(event.lastTimestamp) ? ageSince(event.lastTimestamp, now) : firstSeen;
    let count: number = event.count ?? 0;
    if (event.series) {
      lastSeen = ageSince(event.series.lastObservedTime, now);
      count = event.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events don't have a count set in the new API.
      count = 1;
    }
    return {
      cells: [
        lastSeen,
        event.type ?? '',
        event.reason ?? '',
        eventTarget(event),
        event.involvedObject?.fieldPath ?? '',
        eventSource(event),
        String(event.message ?? '').trim(),
        firstSeen,
        count,
        event.metadata?.name ?? '',
      ],
    };
  },
};
