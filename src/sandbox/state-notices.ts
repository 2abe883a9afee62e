/**
 * The words the sandbox uses about its saved state (store/persistence.ts), in a module without
 * dependencies so the app can recognise them without loading the sandbox.
 */
export const RESTORED_NOTICE = 'Restored the sandbox saved';
export const FRESH_NOTICE = 'Started a fresh sandbox (--fresh): the saved one was discarded.';
export const NOT_SAVED_NOTICE = 'The sandbox will not be saved';
export const LOCKED_NOTICE = 'is using the saved sandbox';
export const UNREADABLE_NOTICE = 'The saved sandbox could not be read';

/** Whether a notice is one of these. */
export function isSandboxStateNotice(text: string): boolean {
  return [RESTORED_NOTICE, FRESH_NOTICE, NOT_SAVED_NOTICE, LOCKED_NOTICE, UNREADABLE_NOTICE].some((words) => text.includes(words));
}
