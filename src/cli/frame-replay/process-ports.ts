/**
 * The replay's side effects on this process (frame-replay.ts): the terminal's streams, raw mode,
 * exit and signals, and the file that keeps the last frame.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FrameStore, ReplayPorts } from './frame-replay.js';

type Write = NodeJS.WriteStream['write'];
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Replaces `stream.write` until the returned function puts the original back. */
function patchWrite(stream: NodeJS.WriteStream, make: (original: Write) => Write): () => void {
  const own = Object.getOwnPropertyDescriptor(stream, 'write');
  const original = stream.write;
  stream.write = make(original);
  return () => {
    if (own === undefined) delete (stream as { write?: Write }).write;
    else Object.defineProperty(stream, 'write', own);
  };
}

/** The write callback, wherever the caller put it (`write(chunk, cb)` or `write(chunk, encoding, cb)`). */
function callbackOf(args: unknown[]): ((error?: Error | null) => void) | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as (error?: Error | null) => void) : undefined;
}

const text = (chunk: unknown): string => (typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));

export function processPorts(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): ReplayPorts {
  // process.stdin is made only when the replay switches raw mode: creating it for every command
  // (`kubedojo lint < file`) would open fd 0 for nothing.
  const stdin = () => process.stdin;
  return {
    // Past any patch, and synchronous: the frame (or its undoing) is on the terminal when this returns.
    writeTerminal: (data) => {
      writeSync((stdout as { fd?: number }).fd ?? 1, data);
    },
    setRawMode: (on) => {
      if (stdin().isTTY) stdin().setRawMode(on);
    },
    guard(onOutput) {
      const unpatch = [stdout, stderr].map((stream) =>
        patchWrite(stream, (original) =>
          function (this: NodeJS.WriteStream, ...args: Parameters<Write>) {
            onOutput();
            return original.apply(stream, args);
          } as Write,
        ),
      );
      const onExit = () => onOutput();
      // Re-raised once the screen is back, with this handler gone: the signal does what it would have.
      const onSignal = (signal: NodeJS.Signals) => {
        onOutput();
        process.kill(process.pid, signal);
      };
      process.once('exit', onExit);
      for (const signal of SIGNALS) process.once(signal, onSignal);
      return () => {
        for (const undo of unpatch) undo();
        process.off('exit', onExit);
        for (const signal of SIGNALS) process.off(signal, onSignal);
      };
    },
    holdStdout(collect) {
      return patchWrite(stdout, () =>
        function (...args: Parameters<Write>) {
          collect(text(args[0]));
          const callback = callbackOf(args);
          if (callback !== undefined) process.nextTick(callback);
          return true;
        } as Write,
      );
    },
    recordStdout(collect) {
      return patchWrite(stdout, (original) =>
        function (...args: Parameters<Write>) {
          collect(text(args[0]));
          return original.apply(stdout, args);
        } as Write,
      );
    },
  };
}

const FORMAT = 1;

/** One frame in one JSON file (`~/.cache/kubedojo/last-frame.json` on Linux). */
export function fileFrameStore(file: string): FrameStore {
  return {
    read(key) {
      try {
        const kept = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; key?: unknown; frame?: unknown };
        return kept.format === FORMAT && kept.key === key && typeof kept.frame === 'string' ? kept.frame : undefined;
      } catch {
        // None yet, or unreadable: this start draws as before.
        return undefined;
      }
    },
    write(key, frame) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        // Written whole, then renamed: a start that reads meanwhile sees the old frame or the new one.
        const partial = `${file}.${process.pid}.tmp`;
        writeFileSync(partial, JSON.stringify({ format: FORMAT, key, frame }));
        renameSync(partial, file);
      } catch {
        // Only a speed-up for the next start.
      }
    },
  };
}
