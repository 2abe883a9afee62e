/**
 * The generated flag table is kubectl's own (issue #7): regenerate it from /usr/bin/kubectl and
 * compare with the file in the repository. A kubectl upgrade that changes a flag fails here;
 * `npx tsx scripts/gen-kubectl-flags.ts` rewrites the file.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateKubectlFlagTable, parseHelpPage, renderFlagTable, TABLE_FILE } from '../../../scripts/gen-kubectl-flags.js';
import { KUBECTL_FLAG_TABLE } from '../../../src/engine/commands/kubectl-flag-table.generated.js';

describe('kubectl flag table', () => {
  it('matches what /usr/bin/kubectl says today', async () => {
    const table = await generateKubectlFlagTable('/usr/bin/kubectl');
    expect(renderFlagTable(table)).toBe(await readFile(TABLE_FILE, 'utf8'));
  }, 180_000);

  it('knows the flags the issue was about, with their real kinds', () => {
    const kind = (command: string, name: string) =>
      [...KUBECTL_FLAG_TABLE.globalFlags, ...(KUBECTL_FLAG_TABLE.commands[command]?.flags ?? [])].find(([flag]) => flag === name)?.[2];
    expect(kind('get', 'disable-compression')).toBe('bool');
    expect(kind('get', 'show-managed-fields')).toBe('bool');
    expect(kind('get', 'server-print')).toBe('bool');
    expect(kind('delete', 'cascade')).toBe('optional');
    expect(kind('apply', 'dry-run')).toBe('optional');
    expect(kind('delete', 'grace-period')).toBe('value');
    expect(kind('get', 'namespace')).toBe('value');
    expect(KUBECTL_FLAG_TABLE.commands['create deployment']?.aliases).toContain('deploy');
  });

  it('reads kubectl help pages: sections, aliases, options', () => {
    const page = parseHelpPage(
      ['Aliases:', 'deployment, deploy', '', 'Available Commands:', '  history       View rollout history', '',
        'Subcommands provided by plugins:', '  pwn           a plugin', '',
        'Options:', "    -A, --all-namespaces=false:", '\tIf present, list…', "    --raw='':", '\tRaw URI', '',
        'Examples:', '  kubectl get pods  # two spaces'].join('\n'),
    );
    expect(page).toEqual({
      aliases: ['deployment', 'deploy'],
      subcommands: ['history'],
      options: [['all-namespaces', 'A', 'false'], ['raw', '', "''"]],
    });
  });
});
