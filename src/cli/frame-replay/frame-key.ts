/**
 * What the app's first frame depends on, hashed (frame-replay.ts). The frame is Ink's rendering of
 * the course outline, the saved progress and "connecting…", at the terminal's size, in the colours
 * the environment asks for; the program itself decides everything else. A key that misses an
 * input costs no correctness, only a screen that is redrawn once Ink is up (the take-over compares
 * the frames); a key that takes in too much only loses the replay. So it holds what is cheap to
 * read and known to matter, not the whole environment (PWD, SHLVL and the like change between two
 * shells and would make every new terminal miss).
 */
import { createHash } from 'node:crypto';

const FORMAT = 1;

/**
 * The environment that reaches the first frame: colour support (supports-color and chalk read
 * TERM, COLORTERM, TERM_PROGRAM, FORCE_COLOR, NO_COLOR and the CI variables), Ink's CI check
 * (synchronized output), where kubedojo's files are (HOME, XDG_*), the kubeconfig (a workshop
 * kubeconfig names the namespace on screen), and kubedojo's own settings.
 */
const FRAME_ENV = /^(TERM|TERM_PROGRAM|TERM_PROGRAM_VERSION|COLORTERM|FORCE_COLOR|NO_COLOR|CI|CONTINUOUS_INTEGRATION|TF_BUILD|TEAMCITY_VERSION|GITHUB_ACTIONS|GITEA_ACTIONS|BUILDKITE|DRONE|APPVEYOR|GITLAB_CI|TRAVIS|CIRCLECI|HOME|XDG_[A-Z_]+|KUBECONFIG|KUBEDOJO_[A-Z0-9_]+)$/;

export interface FrameInputs {
  /** The running entry file, with its size and mtime: a rebuild draws differently. */
  program: string;
  /** `process.argv.slice(2)`. */
  args: readonly string[];
  /** Relative `--lessons` and `--kubeconfig` paths resolve against it. */
  cwd: string;
  columns: number;
  rows: number;
  env: Readonly<Record<string, string | undefined>>;
  /** The progress file's bytes ('' when there is none). */
  progress: string;
}

export function frameKey(inputs: FrameInputs): string {
  const env = Object.keys(inputs.env)
    .filter((name) => FRAME_ENV.test(name) || name.startsWith('CI_'))
    .sort()
    .map((name) => [name, inputs.env[name]]);
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, inputs.program, inputs.args, inputs.cwd, inputs.columns, inputs.rows, env, inputs.progress]))
    .digest('hex');
}
