/** The lesson format: schemas and types, loading, and lint. Format reference: lessons/README.md. */
export { LessonMetaSchema, StepBlockSchema, StartSchema, SlugSchema, ManifestPathSchema } from './schema.js';
export type { Lesson, LessonMeta, Step, StepBlock } from './schema.js';
export { loadLesson, slugOfFileName } from './load-lesson.js';
export type { LessonLoad, LoadOptions } from './load-lesson.js';
export { loadCourse } from './load-course.js';
export type { Course, CourseLoad } from './load-course.js';
export { lintCourse } from './lint.js';
export { formatDiagnostic, formatDiagnostics, sortDiagnostics } from './diagnostic.js';
export type { Diagnostic, FormatOptions } from './diagnostic.js';
export { commandProblem } from './command-rules.js';
export type { CommandUse } from './command-rules.js';
export { manifestFiles, kindsWatchedByStep } from './lesson-helpers.js';
export { loadCourseCached, courseKey, type CourseCacheOptions } from './course-cache.js';
