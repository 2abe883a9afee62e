/** What every check yields, and the context beyond cluster state that some checks read. */
import type { TrafficRecord } from './traffic-record.js';

export interface CheckResult {
  ok: boolean;
  /** What the check saw and, when failing, what it wants: `deployment web: 1/2 Pods ready`. */
  message: string;
}

export interface LastCommand {
  /** The command as run, program first: `['kubectl', 'get', 'nodes']`. */
  argv: string[];
  exitCode: number;
}

export interface CheckContext {
  /** Values steps of this lesson remembered when they opened (`oldPod` → a Pod name). */
  remembered: Readonly<Record<string, string>>;
  /** The last command run since the current step opened; undefined before the first. */
  lastCommand?: LastCommand;
  /** The choice the learner picked in the current step's quiz, word for word. */
  quizAnswer?: string;
  /** What the downtime meter recorded (runs, requests, rollouts seen); absent when it never ran. */
  traffic?: TrafficRecord;
  /** The tutorial namespace (`ran` checks: a command without `-n` runs there). Default `kubedojo`. */
  namespace?: string;
}

export const pass = (message: string): CheckResult => ({ ok: true, message });
export const fail = (message: string): CheckResult => ({ ok: false, message });

/** How messages print a value seen in the cluster or wanted by a lesson. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** `1 revision`, `2 revisions`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** `a, b, c and 2 more`: a short list of names for a message. */
export function someNames(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
