/** Lint findings, printed as `lessons/02-first-deployment.md:14: steps[1].checks[0].equals: expected a string`. */
import { isAbsolute, relative } from 'node:path';

export interface Diagnostic {
  /** The file the problem is in, as the loader was given it. */
  file: string;
  /** 1-based line in that file; 0 when the problem is about the whole file or folder. */
  line: number;
  /** `path: what is wrong`, the path in the lesson's data when there is one. */
  message: string;
}

export interface FormatOptions {
  /** Print absolute paths relative to this folder (e.g. `process.cwd()`). */
  cwd?: string;
}

export function formatDiagnostic(diagnostic: Diagnostic, options: FormatOptions = {}): string {
  const file =
    options.cwd !== undefined && isAbsolute(diagnostic.file) ? relative(options.cwd, diagnostic.file) || diagnostic.file : diagnostic.file;
  return diagnostic.line > 0 ? `${file}:${diagnostic.line}: ${diagnostic.message}` : `${file}: ${diagnostic.message}`;
}

/** One line per diagnostic, in file and line order. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  return sortDiagnostics(diagnostics)
    .map((diagnostic) => formatDiagnostic(diagnostic, options))
    .join('\n');
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message));
}

/** `steps[1].checks[0].equals`: a data path as authors read it. */
export function formatDataPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[A-Za-z_$][\w$-]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

/** `path: message`, or just the message for the whole document. */
export function atPath(path: readonly PropertyKey[], message: string): string {
  return path.length === 0 ? message : `${formatDataPath(path)}: ${message}`;
}
