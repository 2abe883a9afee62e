/** Rendering options; `resolveUiOptions` is the only place the view layer reads the environment. */
export interface UiOptions {
  /** No colours at all (https://no-color.org). Bold, dim and inverse remain. */
  readonly noColor: boolean;
  /** ASCII symbols instead of ✔ ✖ █ ─ …, for terminals that cannot draw them. */
  readonly ascii: boolean;
}

/**
 * Defaults from the environment: `NO_COLOR` (present and not empty) turns colours off;
 * `TERM=dumb` turns colours off and symbols to ASCII. Explicit `overrides` win.
 */
export function resolveUiOptions(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: Partial<UiOptions> = {},
): UiOptions {
  const dumb = env['TERM'] === 'dumb';
  const noColorEnv = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  return {
    noColor: overrides.noColor ?? (noColorEnv || dumb),
    ascii: overrides.ascii ?? dumb,
  };
}
