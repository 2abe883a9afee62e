/** The batch/v1 Job table: `jobColumnDefinitions` and `printJob` of printers.go. */
import type { KubeObject } from '../api/status.js';
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, wideColumn } from './columns.js';
import { batchv1JobSpec, batchv1JobStatus } from './descriptions.js';
import { ageSince, durationSince, layoutContainerCells, parseTime } from './format.js';
import { formatLabelSelector } from './labels.js';
import type { TableHandler } from './types.js';

/** `hasJobCondition`: the first condition of the type decides. */
function hasJobCondition(job: KubeObject, type: string): boolean {
  const conditions: KubeObject[] = job.status?.conditions ?? [];
  return conditions.find((c) => c.type === type)?.status === 'True';
}

/** STATUS: finished states win over Terminating, which wins over Suspended and FailureTarget. */
function jobStatus(job: KubeObject): string {
  if (hasJobCondition(job, 'Complete')) return 'Complete';
  if (hasJobCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasJobCondition(job, 'Suspended')) return 'Suspended';
  if (hasJobCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** COMPLETIONS: `succeeded/completions`, or `n/1 of <parallelism>` for a work queue job. */
function jobCompletions(job: KubeObject): string {
  const succeeded: number = job.status?.succeeded ?? 0;
  const completions: unknown = job.spec?.completions;
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  const parallelism: number = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: empty before it starts, running time until it completes, then start→completion. */
function jobDuration(job: KubeObject, now: Date): string {
  const start = parseTime(job.status?.startTime);
  if (!start) return '';
  return durationSince(start, parseTime(job.status?.completionTime) ?? now);
}

export const jobTable: TableHandler = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', batchv1JobStatus.succeeded),
    column('Duration', 'string', 'Time required to complete the job.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'string', batchv1JobSpec.selector),
  ],
  print(job, now) {
    const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
    return {
      cells: [
        job.metadata?.name ?? '',
        jobStatus(job),
        jobCompletions(job),
        jobDuration(job, now),
        ageSince(job.metadata?.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(job.spec?.selector),
      ],
    };
  },
};
