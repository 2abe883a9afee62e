/**
 * Children must not outlive kubedojo, even when it is killed with SIGKILL (issue #7). A command
 * runs in its own process group (so a Ctrl+C in our terminal does not reach it behind our back),
 * and Node has no PR_SET_PDEATHSIG, so nothing else would stop a `kubectl get -w` or a
 * `port-forward` left behind: they stay connected and keep their port.
 *
 * So each runner has ONE reaper: a POSIX `sh` started once (on its first command), in its own
 * session, whose stdin is a pipe that only kubedojo holds (libuv opens every descriptor
 * close-on-exec, so no command inherits it). kubedojo writes one line per child as it starts
 * (`watch -PGID`, or `watch PID` for an interactive child that must stay in the terminal's
 * process group) and as it ends (`forget …`). When kubedojo dies, however it dies, the kernel
 * closes its end and the reaper reads EOF: it SIGTERMs every target still registered, SIGKILLs
 * what is left after a grace, and exits. On a clean exit nothing is registered and it just exits.
 *
 * Why not one watchdog process per command: a `node -e` per kubectl costs ~40–60 ms and ~40 MB
 * each; the reaper is one ~1 MB `sh` per app run, and a command costs two short pipe writes.
 * Why not `setpriv --pdeathsig`: Linux-only, signals only the direct child (not its group), and it
 * races a parent that dies before the prctl. docs/decisions.md has the measurements.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A target in kill(2) terms: a pid, or minus a process-group id. */
export type KillTarget = number;

export interface ChildReaper {
  /** Stop `target` (kill(2) syntax: `-pgid` for a whole group) if kubedojo dies before {@link forget}. */
  watch(target: KillTarget): void;
  /** The child ended normally (or kubedojo stopped it): nothing to do for it any more. */
  forget(target: KillTarget): void;
  /** Ends the reaper (it has nothing to stop), and waits for it to exit. A later watch starts a new one. */
  close(): Promise<void>;
  /** The reaper's pid while it runs (for tests and the bench). */
  readonly pid: number | undefined;
}

export interface ChildReaperOptions {
  /** Between SIGTERM and SIGKILL once kubedojo is gone. Default 2000 ms. */
  graceMs?: number;
}

/**
 * The reaper, in POSIX sh (dash, bash, busybox ash). It reads only what kubedojo writes; even so a
 * line that is not `watch|forget` and a non-zero integer is ignored. It is in its own session and
 * ignores the usual signals: only EOF ends it. The grace is counted in 100 ms ticks of `sleep 0.1`
 * (GNU, busybox and BSD sleep take fractions), from $KUBEDOJO_REAPER_TICKS.
 */
export const REAPER_SCRIPT = `
trap '' INT HUP TERM QUIT
targets=' '
while IFS= read -r line; do
  verb=\${line%% *}
  target=\${line#* }
  case \${target#-} in ''|0*|*[!0-9]*) continue ;; esac
  case $verb in
    watch) targets="$targets$target " ;;
    forget) case $targets in *" $target "*) targets="\${targets%%" $target "*} \${targets#*" $target "}" ;; esac ;;
  esac
done
set -- $targets
[ $# -eq 0 ] && exit 0
for target; do kill -s TERM -- "$target" 2>/dev/null; done
tick=0
while [ "$tick" -lt "$KUBEDOJO_REAPER_TICKS" ]; do
  alive=
  for target; do kill -s 0 -- "$target" 2>/dev/null && alive=1; done
  [ -z "$alive" ] && exit 0
  sleep 0.1
  tick=$((tick + 1))
done
for target; do kill -s KILL -- "$target" 2>/dev/null; done
exit 0
`;

/** Starts nothing until the first {@link ChildReaper.watch}. Not on Windows (no process groups): a no-op there. */
export function createChildReaper(options: ChildReaperOptions = {}): ChildReaper {
  const ticks = Math.max(1, Math.ceil((options.graceMs ?? 2000) / 100));
  let child: ChildProcess | undefined;
  let broken = false;

  const start = (): ChildProcess | undefined => {
    if (child !== undefined || broken || process.platform === 'win32') return child;
    const started = spawn('/bin/sh', ['-c', REAPER_SCRIPT, 'kubedojo-reaper'], {
      stdio: ['pipe', 'ignore', 'ignore'],
      // Its own session: no terminal signal (Ctrl+C, a closed window) ends it before kubedojo.
      detached: true,
      env: { ...process.env, KUBEDOJO_REAPER_TICKS: String(ticks) },
    });
    // Without /bin/sh commands still run; kubedojo then stops them itself on every exit it sees.
    started.on('error', () => {
      broken = true;
      if (child === started) child = undefined;
    });
    started.stdin!.on('error', () => {});
    started.on('exit', () => {
      if (child === started) child = undefined;
    });
    // Neither the process nor its pipe may keep kubedojo's event loop alive.
    started.unref();
    (started.stdin as unknown as { unref?: () => void }).unref?.();
    child = started;
    return child;
  };

  const send = (line: string): void => {
    const reaper = start();
    if (reaper?.stdin?.writable) reaper.stdin.write(`${line}\n`);
  };

  return {
    watch: (target) => {
      if (Number.isInteger(target) && target !== 0) send(`watch ${target}`);
    },
    forget: (target) => {
      if (child !== undefined && Number.isInteger(target) && target !== 0) send(`forget ${target}`);
    },
    async close() {
      const reaper = child;
      if (reaper === undefined) return;
      child = undefined;
      if (reaper.exitCode !== null || reaper.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => reaper.once('exit', () => resolve()));
      // Unref'd so far: without this an exit path with nothing else pending would end the process
      // before the reaper is gone (and before what the caller does after close()).
      reaper.ref();
      reaper.stdin?.end();
      await exited;
    },
    get pid() {
      return child?.pid;
    },
  };
}
