export { createProgressStore, ProgressSaveError } from './progress-file.js';
export type { ProgressLoad, ProgressStore, ProgressStoreOptions } from './progress-file.js';
export { defaultProgressPath } from './progress-path.js';
export { emptyLessonProgress, emptyProgress, MAX_METERED_ROLLOUTS, progressSchema, PROGRESS_SCHEMA_VERSION } from './progress-schema.js';
export type { CurrentPosition, LessonProgress, MeteredRollout, Progress } from './progress-schema.js';
export { bindRemembered, completeStep, isStepDone, isStepSkipped, markCourseStarted, markLessonFinished, recordRollout, rememberValue, resetLesson, revealHint, setCurrent, skipStep } from './progress-reducers.js';
export { writeFileAtomic } from './atomic-write.js';
export type { AtomicWriteOptions } from './atomic-write.js';
