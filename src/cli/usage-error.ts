/**
 * A problem with what was typed (a flag, an argument, a lesson that does not exist), found before
 * anything renders: main.ts prints it as one line, `kubedojo <command>: <message>`, and exits 1.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
