// The busybox applets and shell builtins a container script can run: echo, printf, sleep, test, env, date, …
// Network applets (wget, curl, nslookup) live in net-tools.ts.
import { unixDate } from './log-formats';
import type { Builtin, ShellRun, ShellState } from './shell-run';
import { ShellExit } from './shell-run';
import { NET_TOOLS } from './net-tools';

const UNIT_MS: Readonly<Record<string, number>> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `sleep` durations as busybox reads them (`5`, `0.5`, `2m`, `infinity`), in ms; undefined when invalid. Pure. */
export function parseSleepMs(args: readonly string[]): number | undefined {
  let total = 0;
  for (const a of args) {
    if (a === 'inf' || a === 'infinity') return Infinity;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return Math.round(total);
}

function* done(status: number): ShellRun {
  return status;
}

function echo(argv: readonly string[], sh: ShellState): ShellRun {
  let args = argv.slice(1);
  let escapes = false;
  while (args[0] === '-n' || args[0] === '-e' || args[0] === '-E') { escapes = args[0] === '-e' || (escapes && args[0] !== '-E'); args = args.slice(1); }
  const text = args.join(' ');
  const expanded = escapes ? text.replace(/\\n/g, '\n').replace(/\\t/g, '\t') : text;
  for (const line of expanded.split('\n')) sh.io.out(line);
  return done(0);
}

function printf(argv: readonly string[], sh: ShellState): ShellRun {
  const format = argv[1];
  if (format === undefined) { sh.io.err('printf: usage: printf FORMAT [ARGUMENT]...'); return done(1); }
  let n = 2;
  const text = format.replace(/%([sd%])/g, (_, k: string) => (k === '%' ? '%' : argv[n++] ?? '')).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) sh.io.out(line);
  return done(0);
}

function* sleep(argv: readonly string[], sh: ShellState): ShellRun {
  const ms = parseSleepMs(argv.slice(1));
  if (argv.length < 2) { sh.io.err('sleep: missing operand'); return 1; }
  if (ms === undefined) { sh.io.err(`sleep: invalid number '${argv.slice(1).find((a) => parseSleepMs([a]) === undefined) ?? ''}'`); return 1; }
  sh.commandsSinceWait = 0;
  yield ms;
  return 0;
}

function exit(argv: readonly string[], sh: ShellState): ShellRun {
  const code = argv[1] === undefined ? sh.status : Number(argv[1]);
  throw new ShellExit(Number.isInteger(code) ? ((code % 256) + 256) % 256 : 2);
}

function env(argv: readonly string[], sh: ShellState): ShellRun {
  if (argv.length > 1 && basenameIs(argv[0], 'printenv')) {
    const value = sh.vars.get(argv[1]);
    if (value !== undefined) sh.io.out(value);
    return done(value === undefined ? 1 : 0);
  }
  for (const [k, v] of sh.vars) if (k === k.toUpperCase()) sh.io.out(`${k}=${v}`);
  return done(0);
}

function basenameIs(path: string, name: string): boolean {
  return path === name || path.endsWith(`/${name}`);
}

function cat(argv: readonly string[], sh: ShellState): ShellRun {
  const files = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (files.length === 0 && sh.io.stdin) { writeText(sh, sh.io.stdin); return done(0); }
  if (!sh.io.readFile) {
    if (files.length === 0 || files.includes('/dev/null')) return done(0);
    // SIMPLIFIED: a container's own process sees no file system; only /dev/null exists.
    for (const f of files) sh.io.err(`cat: can't open '${f}': No such file or directory`);
    return done(1);
  }
  let status = 0;
  const gnu = sh.io.flavour === 'gnu';
  for (const f of files) {
    const text = f === '/dev/null' ? '' : sh.io.readFile(f);
    if (text !== undefined) { writeText(sh, text); continue; }
    const isDir = sh.io.listDir?.(f) !== undefined;
    sh.io.err(gnu ? `cat: ${f}: ${isDir ? 'Is a directory' : 'No such file or directory'}` : isDir ? 'cat: read error: Is a directory' : `cat: can't open '${f}': No such file or directory`);
    status = 1;
  }
  return done(status);
}

/** Prints text exactly when the session can (a terminal), else line by line (a container's log). */
function writeText(sh: ShellState, text: string): void {
  if (sh.io.write) { sh.io.write(text); return; }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) sh.io.out(line);
}

function* tail(argv: readonly string[], sh: ShellState): ShellRun {
  if (argv.includes('-f') || argv.includes('-F')) {
    yield Infinity; // `tail -f /dev/null` keeps a container running forever.
    return 0;
  }
  return yield* cat(argv, sh);
}

/** `test` / `[` with the string, integer and file operators scripts commonly use. */
function test(argv: readonly string[], sh: ShellState): ShellRun {
  let args = argv.slice(1);
  if (basenameIs(argv[0], '[')) {
    if (args[args.length - 1] !== ']') { sh.io.err('sh: missing ]'); return done(2); }
    args = args.slice(0, -1);
  }
  let negate = false;
  if (args[0] === '!') { negate = true; args = args.slice(1); }
  const [a, op, b] = args;
  let ok: boolean;
  if (args.length === 0) ok = false;
  else if (args.length === 1) ok = a !== '';
  else if (args.length === 2) ok = a === '-z' ? op === '' : a === '-n' ? op !== '' : false;
  else {
    const x = Number(a);
    const y = Number(b);
    switch (op) {
      case '=': case '==': ok = a === b; break;
      case '!=': ok = a !== b; break;
      case '-eq': ok = x === y; break;
      case '-ne': ok = x !== y; break;
      case '-lt': ok = x < y; break;
      case '-le': ok = x <= y; break;
      case '-gt': ok = x > y; break;
      case '-ge': ok = x >= y; break;
      default: sh.io.err(`sh: ${op}: unknown operand`); return done(2);
    }
  }
  return done(ok !== negate ? 0 : 1);
}

function assign(argv: readonly string[], sh: ShellState): ShellRun {
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq > 0) sh.vars.set(a.slice(0, eq), a.slice(eq + 1));
  }
  return done(0);
}

/** Every command the tool images know, by program name. */
export const BUILTINS: Readonly<Record<string, Builtin>> = {
  ':': () => done(0),
  true: () => done(0),
  false: () => done(1),
  echo,
  printf,
  sleep,
  exit,
  env,
  printenv: env,
  cat,
  tail,
  test,
  '[': test,
  export: assign,
  set: () => done(0),
  cd: () => done(0),
  trap: () => done(0),
  read: () => done(1),
  hostname: (argv, sh) => { sh.io.out(argv[1] === '-i' ? sh.io.podIP : sh.io.hostname); return done(0); },
  date: (_argv, sh) => { sh.io.out(unixDate(sh.io.nowEpochMs())); return done(0); },
  ...NET_TOOLS,
};
