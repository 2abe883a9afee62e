/** Which streams of an interactive command the app keeps, and the editor kubectl edit gets. */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { chooseEditor, interactiveKind, kubeEditorValue } from '../../../src/engine/commands/index.js';

describe('interactiveKind', () => {
  it('editor for the commands that open $EDITOR, terminal for sessions', () => {
    expect(interactiveKind(['kubectl', 'edit', 'deployment', 'web'])).toBe('editor');
    expect(interactiveKind(['/usr/bin/kubectl', '-n', 'x', 'edit', 'svc/web'])).toBe('editor');
    expect(interactiveKind(['kubectl', 'apply', 'edit-last-applied', 'deployment/web'])).toBe('editor');
    expect(interactiveKind(['kubectl', 'create', 'deployment', 'web', '--image=nginx', '--edit'])).toBe('editor');
    expect(interactiveKind(['kubectl', 'exec', '-it', 'web', '--', 'sh'])).toBe('terminal');
    expect(interactiveKind(['kubectl', 'run', '-it', 'tmp', '--image=busybox'])).toBe('terminal');
    expect(interactiveKind(['minikube', 'ssh'])).toBe('terminal');
  });
});

describe('chooseEditor', () => {
  it("takes KUBE_EDITOR, then EDITOR, as kubectl does; vi otherwise, suggesting nano when it is there", () => {
    expect(chooseEditor({ KUBE_EDITOR: 'nano', EDITOR: 'vim' }, true)).toEqual({ editor: 'nano', note: undefined });
    expect(chooseEditor({ EDITOR: 'code --wait' }, true)).toEqual({ editor: 'code --wait', note: undefined });
    expect(chooseEditor({ EDITOR: '  ' }, false)).toEqual({ editor: 'vi', note: expect.stringContaining(':wq') });
    expect(chooseEditor({}, true)).toEqual({ editor: 'nano', note: expect.stringContaining('Ctrl+X') });
  });
});

describe('kubeEditorValue', () => {
  it('quotes each word for the `sh -c` kubectl runs an editor with spaces through', async () => {
    const value = kubeEditorValue(['/usr/bin/printf', "it's %s|", '/opt/my dir/editor.js']);
    // kubectl runs `sh -c "<KUBE_EDITOR> \"<file>\""`.
    const { stdout } = await execa('sh', ['-c', `${value} "/tmp/x.yaml"`]);
    expect(stdout).toBe("it's /opt/my dir/editor.js|it's /tmp/x.yaml|");
  });
});
