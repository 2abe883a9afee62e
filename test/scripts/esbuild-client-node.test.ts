/**
 * scripts/esbuild-client-node.mjs: dist/ bundles only the client-node modules an importer names.
 * The app's start and its connected session reach no generated API or model (the chunk with
 * CoreV1Api is only for the commands that use it), and client-node bundled this way still works:
 * an informer with a label selector (ListWatch's selector goes through the replaced serializer)
 * and a typed CoreV1Api call, on a real sandbox.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations.
import { appBuildOptions } from '../../scripts/app-build-options.mjs';
// @ts-expect-error: a plain .mjs build script without type declarations.
import { clientNodePlugin, importedNames } from '../../scripts/esbuild-client-node.mjs';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kubedojo-client-node-plugin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The modules the app loads up to a connected session, outside a workshop (src/cli/main.ts, commands/app.ts, run-app.tsx). */
const APP_PATH = ['src/cli/entry.ts', 'src/cli/main.ts', 'src/cli/commands/app.ts', 'src/workshop/learner/workshop-kubeconfig-check.ts', 'src/app/run-app.tsx', 'src/engine/session/index.ts'];
const GENERATED = /@kubernetes\/client-node\/dist\/gen\/(apis|types|models)\//;

describe("dist/'s client-node", () => {
  let metafile: Metafile;
  beforeAll(async () => {
    const result = await build({
      ...appBuildOptions,
      entryPoints: { cli: 'src/cli/entry.ts', editor: 'src/editor/main.ts', 'sandbox-worker': 'src/sandbox/worker/sandbox-worker.ts' },
      outdir: join(dir, 'dist'),
      chunkNames: 'chunks/[name]-[hash]',
      metafile: true,
      write: false,
    });
    metafile = result.metafile!;
  }, 120_000);

  /** Every input of the outputs holding `modules`, and of the chunks those import statically. */
  function loadedWith(modules: string[]): string[] {
    const outputs = metafile.outputs;
    const stack = modules.map((module) => {
      const found = Object.keys(outputs).find((name) => outputs[name]!.inputs[module] !== undefined);
      expect(found, `${module} is bundled`).toBeDefined();
      return found!;
    });
    const seen = new Set<string>();
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const imported of outputs[name]!.imports) if (imported.kind === 'import-statement' && outputs[imported.path] !== undefined) stack.push(imported.path);
    }
    return [...seen].flatMap((name) => Object.keys(outputs[name]!.inputs));
  }

  it("keeps the generated APIs and models out of the app's start and session", () => {
    const loaded = loadedWith(APP_PATH);
    expect(loaded.filter((input) => input.includes('@kubernetes/client-node/dist/config.js'))).toHaveLength(1);
    expect(loaded.filter((input) => GENERATED.test(input))).toEqual([]);
  });

  it('still bundles CoreV1Api for the commands that use it, in a chunk of their own', () => {
    const loaded = loadedWith(['src/workshop/workshop-cluster.ts']);
    expect(loaded.some((input) => input.endsWith('@kubernetes/client-node/dist/gen/apis/CoreV1Api.js'))).toBe(true);
  });
});

describe('client-node bundled with the plugin', () => {
  let sandbox: Sandbox;
  let bundled: typeof import('@kubernetes/client-node');
  beforeAll(async () => {
    sandbox = await startSandbox({ speed: 50 });
    const outfile = join(dir, 'client-node.mjs');
    // In the worktree, so that the package resolves; the plugin reads the importer's names from the file.
    const entry = join(process.cwd(), 'test', 'scripts', `.client-node-entry-${process.pid}.mjs`);
    writeFileSync(entry, "import { KubeConfig, makeInformer, CoreV1Api } from '@kubernetes/client-node';\nexport { KubeConfig, makeInformer, CoreV1Api };\n");
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      banner: { js: appBuildOptions.banner.js },
      plugins: [clientNodePlugin],
      metafile: true,
      logLevel: 'silent',
    })
      .finally(() => rmSync(entry, { force: true }))
      .then((result) => {
        // CoreV1Api, from its own file: the named import reached it.
        const [output] = Object.values(result.metafile.outputs);
        expect(output!.inputs[Object.keys(output!.inputs).find((input) => input.endsWith('gen/apis/CoreV1Api.js'))!]!.bytesInOutput).toBeGreaterThan(0);
      });
    bundled = (await import(pathToFileURL(outfile).href)) as typeof import('@kubernetes/client-node');
  }, 120_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('watches with a label selector, and calls a typed API', async () => {
    const kubeconfig = new bundled.KubeConfig();
    kubeconfig.loadFromFile(sandbox.kubeconfigPath);
    const core = kubeconfig.makeApiClient(bundled.CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'picked', labels: { pick: 'yes' } } } });
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'skipped', labels: { pick: 'no' } } } });
    const path = '/api/v1/namespaces/default/configmaps';
    const list = () => core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'pick=yes' });
    const informer = bundled.makeInformer(kubeconfig, path, list as never, 'pick=yes');
    const added: string[] = [];
    informer.on('add', (object) => added.push(object.metadata?.name ?? ''));
    await informer.start();
    try {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'picked-later', labels: { pick: 'yes' } } } });
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'skipped-later', labels: { pick: 'no' } } } });
      await expect.poll(() => added, { timeout: 10_000 }).toEqual(['picked', 'picked-later']);
    } finally {
      await informer.stop();
    }
  });
});

describe('importedNames', () => {
  it('reads the value names of named imports, without types', () => {
    const source = "import { KubeConfig, type Cluster, makeInformer as make } from '@kubernetes/client-node';\nimport type { V1Pod } from '@kubernetes/client-node';\nimport {\n  Watch,\n} from '@kubernetes/client-node';";
    expect([...importedNames(source, '@kubernetes/client-node')].sort()).toEqual(['KubeConfig', 'Watch', 'makeInformer']);
  });

  it('gives up (the whole barrel) on a namespace import', () => {
    expect(importedNames("import * as k8s from '@kubernetes/client-node';", '@kubernetes/client-node')).toBeUndefined();
    expect(importedNames("export * from './gen/index.js';", './gen/index.js')).toBeUndefined();
  });
});
