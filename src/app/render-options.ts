/**
 * How Ink draws the app's screen; run-app.tsx uses these, and so does the bench that times a key
 * while output streams (bench/app.ts), so it measures the app as it runs.
 */
import type { RenderOptions } from 'ink';

export const SCREEN_RENDER_OPTIONS = {
  // Ctrl+C is a key of ours (stop the command, or quit).
  exitOnCtrlC: false,
  // Interactive even under CI=true (Ink would draw only the last frame): the CLI checked for a terminal.
  interactive: true,
  // The container's frame scheduler already holds output and snapshots to 30 frames a second
  // (src/ui/state/frame-scheduler.ts). Ink's own throttle (30 fps by default) would hold a key's
  // frame back to its next tick, up to 33 ms, and a key often lands just after an output frame
  // (Esc is read 20 ms after its byte, by when one has fired): at 1,000 fps (Ink's floor, 1 ms) the
  // key's commit is drawn at once, and a burst of commits in one turn is still drawn once.
  maxFps: 1000,
} as const satisfies RenderOptions;
