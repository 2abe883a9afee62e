/** `kubedojo rehearse`: every lesson's solutions and checks, end to end, on a live cluster. */
export { rehearse } from './rehearse.js';
export type { RehearseOptions } from './rehearse.js';
export type { RehearseEvent, RehearseFailure, RehearsePhase, RehearseSummary } from './rehearse-types.js';
