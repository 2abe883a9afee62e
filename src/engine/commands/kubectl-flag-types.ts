/**
 * The shape of kubectl's flag table (src/engine/commands/kubectl-flag-table.generated.ts), which
 * scripts/gen-kubectl-flags.ts reads out of kubectl itself. The guard parses a command line the
 * way kubectl's cobra/pflag do, so a flag's kind decides whether the next word is its value.
 */

/**
 * - `bool`: never takes the next word (`--watch`, `-w`, or `--watch=false`).
 * - `optional`: a value flag with a default for its bare form (pflag `NoOptDefVal`, e.g.
 *   `--dry-run` means `--dry-run=unchanged`): bare, it never takes the next word either.
 * - `value`: `--flag value` or `--flag=value`; the next word is its value whatever it looks like.
 */
export type KubectlFlagKind = 'bool' | 'optional' | 'value';

/** `[long name, shorthand letter or '', kind]`. */
export type KubectlFlagRow = readonly [name: string, shorthand: string, kind: KubectlFlagKind];

export interface KubectlCommandRow {
  /** Other names cobra accepts for this command (`deploy` for `create deployment`). */
  aliases: readonly string[];
  /** Names of its subcommands (`status`, `history`, … for `rollout`). */
  subcommands: readonly string[];
  /** Its own flags (kubectl's "Options:"), without the global ones. */
  flags: readonly KubectlFlagRow[];
}

export interface KubectlFlagTable {
  /** `kubectl version --client` of the kubectl the table came from. */
  version: string;
  /** Every top-level command kubectl knows (allowed by kubedojo or not), plugins excluded. */
  topLevelCommands: readonly string[];
  /** Flags every command accepts (`kubectl options`). */
  globalFlags: readonly KubectlFlagRow[];
  /** Keyed by the command path without `kubectl`: `get`, `rollout status`, `create secret generic`. */
  commands: Readonly<Record<string, KubectlCommandRow>>;
}
