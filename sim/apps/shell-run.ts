// Runs a parsed container shell script as busybox sh would: word expansion ($VAR, ${VAR:-x}, $?, $(cmd),
// $((1+2))), control flow and exit statuses. Time passes only where a command yields a delay (sleep, a network
// wait); the driver in busybox.ts turns each yielded delay into a virtual-time timer.
import type { ConnectResult, HttpRequest } from '../net/types';
import type { RecordType } from '../net/dns';
import type { Resolution } from '../net/resolver';
import type { Command, Pipeline, Script, Word } from './shell-script';
import { parseScript } from './shell-script';
import { basename } from './process-args';

/**
 * What a script can reach: its output, the clock, the network. The optional members are what an interactive
 * session (`kubectl exec`, the student's own machine) adds; a container's own process runs without them.
 */
export interface ShellIO {
  out(line: string): void;
  err(line: string): void;
  nowEpochMs(): number;
  readonly hostname: string;
  readonly podIP: string;
  /** Opens a connection; `timeoutMs` is the client's own limit (the network's default when absent). */
  connect(host: string, port: number, request?: HttpRequest, timeoutMs?: number): ConnectResult;
  /** Writes text exactly as given (a response body that may not end with a newline). */
  write?(text: string): void;
  /** Asks the resolver (`search` false: the name as given); without it lookups ride on `connect`. */
  lookup?(name: string, qtype: RecordType, search: boolean): Resolution;
  /** Whether an address answers ICMP echo from here. */
  pingable?(ip: string): boolean;
  /** A file's text, or undefined when it does not exist; a directory's entries come from `listDir`. */
  readFile?(path: string): string | undefined;
  listDir?(path: string): string[] | undefined;
  /** Writes a file (curl -o, wget); false when it cannot be written. */
  writeFile?(path: string, text: string): boolean;
  /** Which tool builds print: busybox applets (the default) or GNU coreutils, bind and iputils. */
  readonly flavour?: 'busybox' | 'gnu';
  /** busybox 1.28 and older: nslookup is the libc-resolver applet (`Address 1: ip name` lines). */
  readonly legacyNslookup?: boolean;
  /** The text on the first command's standard input (`kubectl exec -i`, a pipe). */
  readonly stdin?: string;
}

/** A run of a script: yields delays in virtual ms (Infinity: wait forever) and returns the exit status. */
export type ShellRun = Generator<number, number, void>;

export type Builtin = (argv: readonly string[], sh: ShellState) => ShellRun;

/** Thrown by `exit` and caught where the process (or a command substitution) ends. */
export class ShellExit {
  constructor(readonly code: number) {}
}

/** A shell's variables and status, shared by the interpreter and the builtins. */
export class ShellState {
  status = 0;
  commandsSinceWait = 0;
  constructor(
    readonly io: ShellIO,
    readonly vars: Map<string, string>,
    readonly positional: readonly string[],
    readonly builtins: Readonly<Record<string, Builtin>>,
  ) {}
}

/** CPU-bound loops are throttled: after this many commands without waiting, a second of virtual time passes. */
const COMMANDS_PER_SECOND = 200;
/** A command substitution gives up after this many waits, so `$(while true; do :; done)` cannot hang the engine. */
const SUBSTITUTION_STEP_LIMIT = 50;

function arithmetic(expr: string, sh: ShellState): string {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]/g) ?? [];
  let i = 0;
  const atom = (): number => {
    const t = tokens[i++];
    if (t === '(') { const v = sum(); i++; return v; }
    if (t === '-') return -atom();
    if (t === undefined) return 0;
    return /^\d/.test(t) ? Number(t) : Number(sh.vars.get(t) ?? 0) || 0;
  };
  const product = (): number => {
    let v = atom();
    while (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%') {
      const op = tokens[i++];
      const r = atom();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[i] === '+' || tokens[i] === '-') v = tokens[i++] === '+' ? v + product() : v - product();
    return v;
  };
  return String(sum());
}

/** `$(cmd)`: runs cmd in a copy of the shell and captures its output. SIMPLIFIED: it takes no virtual time. */
function substitute(text: string, sh: ShellState): string {
  const parsed = parseScript(text);
  if (!parsed.ok) return '';
  const captured: string[] = [];
  const io: ShellIO = { ...sh.io, out: (line) => captured.push(line) };
  const sub = new ShellState(io, new Map(sh.vars), sh.positional, sh.builtins);
  const run = runScript(parsed.script, sub);
  try {
    for (let steps = 0; steps < SUBSTITUTION_STEP_LIMIT && !run.next().done; steps++);
  } catch (err) {
    if (!(err instanceof ShellExit)) throw err;
  }
  sh.status = sub.status;
  return captured.join('\n').replace(/\n+$/, '');
}

function expandDollars(text: string, sh: ShellState): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end === -1) { out += text.slice(i); break; }
      out += substitute(text.slice(i + 1, end), sh);
      i = end;
      continue;
    }
    if (c !== '$') { out += c; continue; }
    const rest = text.slice(i + 1);
    let m: RegExpExecArray | null;
    if (rest.startsWith('((')) {
      const end = text.indexOf('))', i);
      if (end === -1) { out += text.slice(i); break; }
      out += arithmetic(text.slice(i + 3, end), sh);
      i = end + 1;
    } else if (rest.startsWith('(')) {
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) if (text[j] === '(') depth++; else if (text[j] === ')' && --depth === 0) break;
      out += substitute(text.slice(i + 2, j), sh);
      i = j;
    } else if ((m = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-=+])([^}]*))?\}/.exec(rest))) {
      const value = sh.vars.get(m[1]);
      const word = m[3] ?? '';
      if (m[2] === '-' || m[2] === '=') out += value === undefined || value === '' ? expandDollars(word, sh) : value;
      else if (m[2] === '+') out += value === undefined || value === '' ? '' : expandDollars(word, sh);
      else out += value ?? '';
      i += m[0].length;
    } else if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
      out += sh.vars.get(m[0]) ?? '';
      i += m[0].length;
    } else if ((m = /^[?$#0-9]/.exec(rest))) {
      const k = m[0];
      out += k === '?' ? String(sh.status) : k === '$' ? '1' : k === '#' ? String(Math.max(0, sh.positional.length - 1)) : sh.positional[Number(k)] ?? '';
      i += 1;
    } else out += c;
  }
  return out;
}

/** Expands one word: quotes removed, `$` expansions applied outside single quotes. SIMPLIFIED: no field splitting or globbing. */
export function expandWord(word: Word, sh: ShellState): string {
  return word.map((part) => {
    if (part.quote === 'single') return part.text;
    const text = part.quote === 'double' ? part.text.replace(/\\(["\\$`])/g, '$1') : part.text;
    return expandDollars(text, sh);
  }).join('');
}

function* runSimple(cmd: Extract<Command, { kind: 'simple' }>, sh: ShellState): ShellRun {
  for (const a of cmd.assigns) sh.vars.set(a.name, expandWord(a.value, sh));
  if (cmd.words.length === 0) return 0;
  const argv = cmd.words.map((w) => expandWord(w, sh));
  if (++sh.commandsSinceWait >= COMMANDS_PER_SECOND) {
    sh.commandsSinceWait = 0;
    yield 1000; // SIMPLIFIED: a busy loop is slowed to this rate rather than flooding the log.
  }
  const builtin = sh.builtins[basename(argv[0])];
  if (!builtin) {
    sh.io.err(`sh: ${argv[0]}: not found`);
    return 127;
  }
  return yield* builtin(argv, sh);
}

function* runCommand(cmd: Command, sh: ShellState): ShellRun {
  switch (cmd.kind) {
    case 'simple':
      return yield* runSimple(cmd, sh);
    case 'group':
      return yield* runScript(cmd.body, sh);
    case 'loop': {
      let status = 0;
      for (;;) {
        const cond = yield* runScript(cmd.cond, sh);
        if ((cond === 0) === cmd.until) return status;
        status = yield* runScript(cmd.body, sh);
      }
    }
    case 'for': {
      let status = 0;
      const items = cmd.items.map((w) => expandWord(w, sh)).flatMap((s) => s.split(/\s+/).filter((x) => x !== ''));
      for (const item of items) {
        sh.vars.set(cmd.name, item);
        status = yield* runScript(cmd.body, sh);
      }
      return status;
    }
    case 'if': {
      for (const branch of cmd.branches) {
        if ((yield* runScript(branch.cond, sh)) === 0) return yield* runScript(branch.body, sh);
      }
      return cmd.otherwise ? yield* runScript(cmd.otherwise, sh) : 0;
    }
  }
}

/**
 * Runs a pipeline; each stage reads what the one before wrote (as stdin). SIMPLIFIED: stages run one after
 * another rather than concurrently, in subshells that share the parent's variables.
 */
function* runPipeline(p: Pipeline, sh: ShellState): ShellRun {
  let status: number;
  if (p.commands.length === 1) status = yield* runCommand(p.commands[0], sh);
  else {
    let input = sh.io.stdin;
    status = 0;
    for (let k = 0; k < p.commands.length; k++) {
      let captured = '';
      const last = k === p.commands.length - 1;
      const io: ShellIO = last ? { ...sh.io, stdin: input }
        : { ...sh.io, stdin: input, out: (line) => { captured += `${line}\n`; }, write: (text) => { captured += text; } };
      const stage = new ShellState(io, sh.vars, sh.positional, sh.builtins);
      stage.commandsSinceWait = sh.commandsSinceWait;
      status = yield* runCommand(p.commands[k], stage);
      sh.commandsSinceWait = stage.commandsSinceWait;
      input = captured;
    }
  }
  return p.bang ? (status === 0 ? 1 : 0) : status;
}

/** Runs a script, yielding virtual-time delays; returns the last status. `exit` throws ShellExit. */
export function* runScript(script: Script, sh: ShellState): ShellRun {
  for (const item of script.items) {
    let status = yield* runPipeline(item.first, sh);
    sh.status = status;
    for (const next of item.rest) {
      if ((next.op === '&&') !== (status === 0)) continue;
      status = yield* runPipeline(next.pipeline, sh);
      sh.status = status;
    }
  }
  return sh.status;
}
