// Bundles only the parts of @kubernetes/client-node each importer uses (issue 9: the app's memory).
//
// client-node's index re-exports everything through barrels (dist/index.js → api.js → gen/index.js
// → ~65 API groups and ~750 model classes). esbuild tree-shakes unused code, but it splits chunks
// by which files an entry point's imports *reach*, and KubeConfig reaches the whole barrel twice:
// through the package's index, and through config.js's own `import { createConfiguration } from
// './gen/index.js'`. So the app, which connects with a KubeConfig and watches with informers,
// loaded the chunk with every typed API other commands use (~6 MB of source, ~20 MB resident).
//
// Here an import of a barrel becomes a small module that re-exports just the names that importer
// asks for, each from the file that defines it: `import { KubeConfig } from '@kubernetes/client-node'`
// reaches config.js, not the generated APIs. Whoever imports CoreV1Api (the workshop commands) still
// gets it, from its own file, in a chunk of its own. The module the index imports for its side
// effect (polyfill.js) is kept.
//
// One more cut: the informer's ListWatch (cache.js) imports client-node's ObjectSerializer, whose
// type map holds every model class, only to "serialize" its label and field selectors, which are
// strings and come back unchanged (primitives are returned as they are). cache.js gets an
// ObjectSerializer that does just that; the build fails if cache.js ever uses it otherwise.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const NAMESPACE = 'kubedojo-client-node';
const RESOLVING = Symbol(NAMESPACE);
/** The barrels, relative to client-node's dist/. */
const BARRELS = new Set(['index.js', 'api.js', join('gen', 'index.js')]);
const SELECTOR_SERIALIZER = 'selector-serializer';

/** `dist/` of the client-node that `path` is in, and the path inside it; undefined elsewhere. */
function insidePackage(path) {
  const at = path.lastIndexOf(`${sep}@kubernetes${sep}client-node${sep}dist${sep}`);
  if (at < 0) return undefined;
  const dist = path.slice(0, at + `${sep}@kubernetes${sep}client-node${sep}dist`.length);
  return { dist, file: relative(dist, path) };
}

/**
 * The names `source` imports from `specifier` (`import { A, type B, C as D } from 'specifier'`):
 * A and C. Undefined when it imports it any other way (a namespace, a re-export of everything),
 * which keeps the whole barrel.
 */
export function importedNames(source, specifier) {
  const quoted = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const names = new Set();
  const any = new RegExp(`(?:import|export)\\s[^;'"]*?from\\s*['"]${quoted}['"]`, 'g');
  const named = new RegExp(`^(import|export)\\s+(type\\s+)?\\{([^}]*)\\}\\s*from\\s*['"]${quoted}['"]$`);
  for (const [statement] of source.matchAll(any)) {
    const match = named.exec(statement.trim());
    if (match === null) return undefined;
    if (match[2] !== undefined) continue;
    for (const item of match[3].split(',')) {
      const words = item.trim().split(/\s+/);
      if (words[0] === '' || words[0] === 'type') continue;
      names.add(words[0]);
    }
  }
  return names;
}

/** What a client-node module exports: name → { file, name } where it is defined. */
function exportMap(file, cache = new Map()) {
  const known = cache.get(file);
  if (known !== undefined) return known;
  const map = new Map();
  cache.set(file, map);
  const source = readFileSync(file, 'utf8');
  const from = (specifier) => join(dirname(file), specifier);
  for (const [, specifier] of source.matchAll(/^export \* from ['"]([^'"]+)['"]/gm)) {
    for (const [name, target] of exportMap(from(specifier), cache)) if (!map.has(name)) map.set(name, target);
  }
  for (const [, list, specifier] of source.matchAll(/^export \{([^}]*)\} from ['"]([^'"]+)['"]/gm)) {
    const targets = exportMap(from(specifier), cache);
    for (const item of list.split(',')) {
      const [original, , exported = original] = item.trim().split(/\s+/);
      if (original === undefined || original === '') continue;
      const target = targets.get(original);
      if (target !== undefined) map.set(exported, target);
    }
  }
  for (const [, name] of source.matchAll(/^export (?:default )?(?:async )?(?:class|function\*?|const|let|var) ([\w$]+)/gm)) map.set(name, { file, name });
  for (const [, list] of source.matchAll(/^export \{([^}]*)\};?$/gm)) {
    for (const item of list.split(',')) {
      const [original, , exported = original] = item.trim().split(/\s+/);
      if (original !== undefined && original !== '') map.set(exported, { file, name: original });
    }
  }
  return map;
}

/** The importer's source; undefined when it is no file (esbuild's stdin): it gets the whole barrel. */
function sourceOf(importer) {
  try {
    return readFileSync(importer, 'utf8');
  } catch {
    return undefined;
  }
}

/** cache.js may use its ObjectSerializer only to pass a string through; anything else fails the build. */
function checkSelectorUse(cacheSource) {
  const uses = cacheSource.match(/ObjectSerializer/g)?.length ?? 0;
  const stringUses = cacheSource.match(/ObjectSerializer\.serialize\([\w.]+, 'string'\)/g)?.length ?? 0;
  // One use is the import itself.
  if (uses !== stringUses + 1) {
    throw new Error("client-node's cache.js uses ObjectSerializer for more than strings now: scripts/esbuild-client-node.mjs must not replace it");
  }
}

/** @type {import('esbuild').Plugin} */
export const clientNodePlugin = {
  name: NAMESPACE,
  setup(build) {
    const maps = new Map();
    // The package's name, and the specifiers its own files import the barrels and the serializer by.
    build.onResolve({ filter: /^(@kubernetes\/client-node|\.\/(gen\/index|api|index|serializer)\.js)$/ }, async (args) => {
      if (args.pluginData === RESOLVING || args.namespace !== 'file') return undefined;
      const fromPackage = insidePackage(args.importer);
      if (args.path.startsWith('.') && fromPackage === undefined) return undefined;
      const result = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: RESOLVING });
      if (result.errors.length > 0) return { errors: result.errors };
      const target = insidePackage(result.path);
      if (target === undefined) return undefined;
      if (fromPackage?.file === 'cache.js' && target.file === 'serializer.js') {
        checkSelectorUse(readFileSync(args.importer, 'utf8'));
        return { path: SELECTOR_SERIALIZER, namespace: NAMESPACE };
      }
      if (!BARRELS.has(target.file) || args.kind !== 'import-statement') return undefined;
      const source = sourceOf(args.importer);
      const names = source === undefined ? undefined : importedNames(source, args.path);
      if (names === undefined) return undefined;
      return { path: `${result.path}?${[...names].sort().join(',')}`, namespace: NAMESPACE, pluginData: { barrel: result.path, names, dist: target.dist, file: target.file } };
    });

    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
      if (args.path === SELECTOR_SERIALIZER) {
        return {
          contents: "export const ObjectSerializer = { serialize(data, type) { if (type !== 'string') throw new Error('kubedojo: selector serializer given ' + type); return data; } };\n",
          loader: 'js',
        };
      }
      const { barrel, names, dist, file } = args.pluginData;
      if (!maps.has(barrel)) maps.set(barrel, exportMap(barrel));
      const map = maps.get(barrel);
      const lines = file === 'index.js' ? [`import ${JSON.stringify(join(dist, 'polyfill.js'))};`] : [];
      for (const name of names) {
        const target = map.get(name);
        // A name the barrel does not export at run time is a type (TypeScript erases it).
        if (target !== undefined) lines.push(`export { ${target.name} as ${name} } from ${JSON.stringify(target.file)};`);
      }
      return { contents: `${lines.join('\n')}\n`, loader: 'js', resolveDir: dirname(barrel) };
    });
  },
};
