/**
 * The coreutils the sandbox simulates, in both flavours the catalog's images ship — GNU (Debian,
 * Ubuntu: dash and coreutils) and BusyBox (Alpine, busybox) — with each flavour's own error texts,
 * since those are what `kubectl logs`, `kubectl exec` and an exec probe's Unhealthy event show:
 * sleep, echo, true, false, cat, touch, rm, mkdir, ls, test / [, env, printenv, hostname, date, pwd,
 * and `tail -f` (which never returns).
 */
import type { Command, ShellHost } from './shell-runner.js';
import { reportUnsupported } from './unsupported.js';

const gnu = (host: ShellHost) => host.image.userland === 'gnu';

/** GNU sleep's NUMBER[smhd], several summed; `infinity`. */
function parseSleep(args: string[]): number | undefined {
  let total = 0;
  for (const arg of args) {
    if (arg === 'infinity' || arg === 'inf') return Infinity;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!m) return undefined;
    total += Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'] * 1000;
  }
  return total;
}

const sleep: Command = async (args, io, host) => {
  const ms = args.length ? parseSleep(args) : undefined;
  if (ms === undefined) {
    const bad = args.find((a) => parseSleep([a]) === undefined);
    if (gnu(host)) io.err(args.length ? `sleep: invalid time interval '${bad}'` : 'sleep: missing operand');
    else io.err(args.length ? `sleep: invalid number '${bad}'` : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.');
    return 1;
  }
  await host.sleep(ms);
  return 0;
};

function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.at(-1) === '') out.pop();
  return out;
}

const cat: Command = (args, io, host) => {
  let status = 0;
  for (const path of args) {
    const content = host.fs.read(path);
    if (content !== undefined) lines(content).forEach((l) => io.out(l));
    else {
      const dir = host.fs.isDir(path);
      if (gnu(host)) io.err(`cat: ${path}: ${dir ? 'Is a directory' : 'No such file or directory'}`);
      else io.err(dir ? 'cat: read error: Is a directory' : `cat: can't open '${path}': No such file or directory`);
      status = 1;
    }
  }
  return status;
};

const touch: Command = (args, io, host) => {
  let status = 0;
  for (const path of args.filter((a) => !a.startsWith('-'))) {
    if (host.fs.isFile(path) || host.fs.isDir(path)) continue;
    if (host.fs.canCreate(path)) host.fs.write(path, '');
    else {
      io.err(gnu(host) ? `touch: cannot touch '${path}': No such file or directory` : `touch: ${path}: No such file or directory`);
      status = 1;
    }
  }
  return status;
};

const rm: Command = (args, io, host) => {
  const flags = args.filter((a) => a.startsWith('-')).join('');
  const force = flags.includes('f');
  let status = 0;
  for (const path of args.filter((a) => !a.startsWith('-'))) {
    if (host.fs.isDir(path) && !/[rR]/.test(flags)) {
      io.err(gnu(host) ? `rm: cannot remove '${path}': Is a directory` : `rm: '${path}' is a directory`);
      status = 1;
    } else if (!host.fs.remove(path) && !force) {
      io.err(gnu(host) ? `rm: cannot remove '${path}': No such file or directory` : `rm: can't remove '${path}': No such file or directory`);
      status = 1;
    }
  }
  return status;
};

const mkdir: Command = (args, io, host) => {
  const parents = args.includes('-p');
  let status = 0;
  for (const path of args.filter((a) => !a.startsWith('-'))) {
    if (host.fs.isDir(path) || host.fs.isFile(path)) {
      if (parents && host.fs.isDir(path)) continue;
      io.err(gnu(host) ? `mkdir: cannot create directory '${path}': File exists` : `mkdir: can't create directory '${path}': File exists`);
      status = 1;
    } else if (parents || host.fs.canCreate(path)) host.fs.mkdir(path);
    else {
      io.err(gnu(host) ? `mkdir: cannot create directory '${path}': No such file or directory` : `mkdir: can't create directory '${path}': No such file or directory`);
      status = 1;
    }
  }
  return status;
};

/** Output to a pipe (kubectl exec without a TTY) is one name per line. */
const ls: Command = (args, io, host) => {
  const paths = args.filter((a) => !a.startsWith('-'));
  let status = 0;
  for (const path of paths.length ? paths : ['.']) {
    const target = path === '.' ? '/' : path;
    if (host.fs.isDir(target)) {
      if (paths.length > 1) io.out(`${path}:`);
      host.fs.list(target).forEach((n) => io.out(n));
    } else if (host.fs.isFile(target)) io.out(path);
    else {
      io.err(gnu(host) ? `ls: cannot access '${path}': No such file or directory` : `ls: ${path}: No such file or directory`);
      status = gnu(host) ? 2 : 1;
    }
  }
  return status;
};

function evaluate(args: string[], host: ShellHost): boolean {
  if (args[0] === '!') return !evaluate(args.slice(1), host);
  if (args.length === 1) return args[0] !== '';
  if (args.length === 3 && (args[1] === '=' || args[1] === '==')) return args[0] === args[2];
  if (args.length === 3 && args[1] === '!=') return args[0] !== args[2];
  const [op, operand = ''] = args;
  switch (op) {
    case '-e':
      return host.fs.isFile(operand) || host.fs.isDir(operand);
    case '-f':
      return host.fs.isFile(operand);
    case '-d':
      return host.fs.isDir(operand);
    case '-s':
      return (host.fs.read(operand) ?? '').length > 0;
    case '-n':
      return operand !== '';
    case '-z':
      return operand === '';
    default:
      return false;
  }
}

const test: Command = (args, _io, host) => (evaluate(args, host) ? 0 : 1);

const bracket: Command = (args, io, host) => {
  if (args.at(-1) !== ']') {
    io.err(gnu(host) ? "sh: 1: [: missing ]" : "sh: missing ]");
    return 2;
  }
  return test(args.slice(0, -1), io, host);
};

const printenv: Command = (args, io, host) => {
  if (!args.length) {
    for (const [k, v] of Object.entries(host.env)) io.out(`${k}=${v}`);
    return 0;
  }
  let status = 0;
  for (const name of args) {
    if (name in host.env) io.out(host.env[name]!);
    else status = 1;
  }
  return status;
};

/** date's default format in the C locale: `Thu Nov 28 10:00:00 UTC 2024`. */
const date: Command = (_args, io, host) => {
  const [weekday, day, month, year, time] = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+)/.exec(host.now().toUTCString())!.slice(1);
  io.out(`${weekday} ${month} ${day!.padStart(2, ' ')} ${time} UTC ${year}`);
  return 0;
};

const tail: Command = async (args, io, host) => {
  if (!args.includes('-f') && !args.includes('-F')) {
    return reportUnsupported(`tail ${args.join(' ')}`, io, host);
  }
  return new Promise<number>(() => {});
};

const echo: Command = (args, io) => {
  const words = args.filter((a, i) => !(i === 0 && /^-[neE]+$/.test(a)));
  io.out(words.join(' '));
  return 0;
};

export const COREUTILS: Record<string, Command> = {
  sleep,
  echo,
  true: () => 0,
  ':': () => 0,
  false: () => 1,
  cat,
  touch,
  rm,
  mkdir,
  ls,
  test,
  '[': bracket,
  env: (args, io, host) => (args.length ? reportUnsupported(`env ${args.join(' ')}`, io, host) : printenv([], io, host)),
  printenv,
  hostname: (_args, io, host) => (io.out(host.hostname), 0),
  date,
  pwd: (_args, io) => (io.out('/'), 0),
  tail,
};

