import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { toTable } from '../../../src/sandbox/tables/table.js';
import { doc } from './swagger-docs.js';

const now = new Date('2025-03-10T12:00:00Z');

describe('poddisruptionbudget table', () => {
  it('prints MIN AVAILABLE / MAX UNAVAILABLE as int-or-string, N/A when unset', () => {
    const budgets: KubeObject[] = [
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { creationTimestamp: '2025-03-10T11:55:00Z', generation: 1, name: 'web', namespace: 'default', resourceVersion: '1700' },
        spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
        status: { currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3, observedGeneration: 1 },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { creationTimestamp: '2025-03-10T11:59:00Z', generation: 1, name: 'db', namespace: 'default', resourceVersion: '1701' },
        spec: { maxUnavailable: '25%', selector: { matchLabels: { app: 'db' } } },
        status: { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, observedGeneration: 1 },
      },
    ];
    const table = toTable({ group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' }, budgets, { now, includeObject: 'None', listMeta: { resourceVersion: '1702' } });
    expect(table.columnDefinitions).toEqual([
      { name: 'Name', type: 'string', format: 'name', description: doc('metav1.ObjectMeta.name'), priority: 0 },
      { name: 'Min Available', type: 'string', format: '', description: 'The minimum number of pods that must be available.', priority: 0 },
      { name: 'Max Unavailable', type: 'string', format: '', description: 'The maximum number of pods that may be unavailable.', priority: 0 },
      { name: 'Allowed Disruptions', type: 'integer', format: '', description: 'Calculated number of pods that may be disrupted at this time.', priority: 0 },
      { name: 'Age', type: 'string', format: '', description: doc('metav1.ObjectMeta.creationTimestamp'), priority: 0 },
    ]);
    expect(table.rows!.map((r) => r.cells)).toEqual([
      ['web', '2', 'N/A', 1, '5m'],
      ['db', 'N/A', '25%', 0, '60s'],
    ]);
  });
});
