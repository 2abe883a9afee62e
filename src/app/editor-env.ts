/**
 * Which editor `kubectl edit` opens (issue #8, item 16). kubectl honours `KUBE_EDITOR`, then
 * `EDITOR`, else `vi`; a learner's own choice is passed through untouched. With neither set,
 * kubedojo names `nano` when it is installed: a newcomer can save and quit it without knowing
 * vi's modes, and it does not re-indent typed YAML the way vim's YAML indenting does.
 */
import type { CommandEnv } from '../engine/commands/index.js';

export type ExecutableLookup = (name: string) => Promise<string | undefined>;

export async function editorEnv(env: Readonly<Record<string, string | undefined>>, lookup: ExecutableLookup): Promise<CommandEnv> {
  if ((env.KUBE_EDITOR ?? '').trim() !== '' || (env.EDITOR ?? '').trim() !== '') return {};
  const nano = await lookup('nano');
  return nano === undefined ? {} : { KUBE_EDITOR: nano };
}
