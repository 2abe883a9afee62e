/**
 * How the sandbox says it does not simulate something a container asked for: the command's exit
 * status is 126 (the shell's "cannot execute"), its stderr — the container log, or `kubectl exec`'s
 * output — carries one plain line, and the host records it (a container records a Warning event).
 */
export const UNSUPPORTED_EXIT = 126;

export const unsupportedMessage = (command: string) => `kubedojo sandbox: "${command}" is not available in the sandbox`;

export function reportUnsupported(command: string, io: { err(line: string): void }, host: { unsupported(command: string): void }): number {
  host.unsupported(command);
  io.err(unsupportedMessage(command));
  return UNSUPPORTED_EXIT;
}
