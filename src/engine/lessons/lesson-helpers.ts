/** Small reads the engine needs from a loaded lesson. */
import { join } from 'node:path';
import { resourcesWatchedBy } from '../checks/evaluate.js';
import type { Kind } from '../checks/kinds.js';
import { resourcesWatchedByRemember } from '../checks/remember.js';
import type { Lesson, Step } from './schema.js';

/** The start-state manifests as file paths (they are written relative to the course root). */
export function manifestFiles(lesson: Lesson): string[] {
  return lesson.start.manifests.map((manifest) => join(lesson.root, manifest));
}

/** Every kind a step's checks and `remember` read: the informers the engine must run for it. */
export function kindsWatchedByStep(step: Step): Kind[] {
  const kinds = new Set<Kind>(resourcesWatchedByRemember(step.remember));
  for (const check of step.checks) for (const kind of resourcesWatchedBy(check)) kinds.add(kind);
  return [...kinds];
}
