// One terminal session: its working directory, variables and history, and how it runs a command line
// (command substitution, `;`/`&&`/`||`/`&`, pipes, redirects, heredocs, `VAR=value cmd`) as a resumable generator.
// SIMPLIFIED: the stages of a pipeline run one after another (each sees the whole output of the one before),
// so a never-ending first stage (`kubectl get pods -w | grep x`) never feeds the next one.
import type { JobControl, PortForward, Program, ProgramContext, SessionState, ShellHost, Wait } from './program';
import { parseList, parseSimple, substitutionEnd, type RawAndOr, type RawCommand, type SimpleCommand } from './parse';
import { globMatches, literalWords } from './expand';
import { expandAliases } from './aliases';
import { HOME, resolvePath, type VirtualFs } from './vfs';

export interface RunOutput {
  out(text: string): void;
  err(text: string): void;
}

/** How a session starts background jobs; the Shell implements it. */
export interface SessionControl extends JobControl {
  /**
   * Runs `run` as a background job whose output goes to the terminal, after announcing it (`[1] 5002`) on
   * `announce`; returns its job number and pid.
   */
  spawn(line: string, run: (io: RunOutput) => Generator<Wait, number, void>, announce: RunOutput): { number: number; pid: number };
}

/**
 * Finds the first `$(…)` or backquoted command at or after `from` outside single quotes: its span, inner text and
 * whether it sits inside double quotes. Linear in the text's length. Pure.
 */
export function findCommandSubstitution(text: string, from = 0): { start: number; end: number; inner: string; quoted: boolean } | undefined {
  let single = false;
  let double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && !single) { i++; continue; }
    if (c === "'" && !double) { single = !single; continue; }
    if (c === '"' && !single) { double = !double; continue; }
    if (single || i < from) continue;
    if (c !== '`' && (c !== '$' || text[i + 1] !== '(' || text[i + 2] === '(')) continue;
    const end = substitutionEnd(text, i);
    if (end < 0) return undefined;
    return { start: i, end, inner: text.slice(c === '`' ? i + 1 : i + 2, end - 1), quoted: double };
  }
  return undefined;
}


const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
/** bash's compound-command words: the terminal runs simple commands only. */
const RESERVED = new Set(['for', 'while', 'until', 'if', 'case', 'select', 'function', 'do', 'done', 'then', 'else', 'elif', 'fi', 'esac', '{', '}', '[[']);

export class ShellSession implements SessionState {
  cwd = HOME;
  readonly env = new Map<string, string>();
  readonly aliases = new Map<string, string>();
  readonly history: string[] = [];
  readonly portForwards = new Map<number, PortForward>();
  lastExitCode = 0;
  private lastBackgroundPid: number | undefined;

  constructor(readonly name: string, readonly fs: VirtualFs, private readonly host: ShellHost,
    private readonly programs: ReadonlyMap<string, Program>, private readonly control?: SessionControl) {
    for (const [k, v] of Object.entries({ HOME, USER: 'student', SHELL: '/bin/bash', PWD: HOME, TERM: 'xterm-256color', PATH: '/usr/local/bin:/usr/bin:/bin', HOSTNAME: 'kubesim' })) this.env.set(k, v);
  }

  get jobs(): JobControl | undefined {
    return this.control;
  }

  private lookup = (name: string): string | undefined => {
    if (name === '?') return String(this.lastExitCode);
    if (name === '$') return '4242';
    if (name === '!') return this.lastBackgroundPid === undefined ? '' : String(this.lastBackgroundPid);
    if (name === '#') return '0';
    if (name === '0') return 'bash';
    if (/^[1-9]$/.test(name)) return undefined;
    return this.env.get(name);
  };

  /** Runs one complete command (possibly multi-line with a heredoc); returns its exit status. */
  *execute(text: string, io: RunOutput): Generator<Wait, number, void> {
    const parsed = parseList(text);
    if (!parsed.ok) { io.err(`bash: ${parsed.error}\n`); this.lastExitCode = 2; return 2; }
    // SIMPLIFIED: an alias's value is read as a simple command; operators in it (|, ;, &&) are not re-parsed.
    const list = parsed.list.map((step) => ({ ...step, pipeline: step.pipeline.map((c) => ({ ...c, raw: expandAliases(c.raw, this.aliases) })) }));
    if (list.length === 0) return 0;
    const compound = list.flatMap((s) => s.pipeline).map((c) => c.raw.split(/\s+/)[0]).find((w) => RESERVED.has(w));
    if (compound !== undefined) {
      io.err(`kubesim: '${compound}' blocks (loops, conditionals) are not simulated in this terminal; run scripts in a container: kubectl exec POD -- sh -c '…'\n`);
      this.lastExitCode = 2;
      return 2;
    }
    let status = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].background) {
        let j = i + 1;
        while (j < list.length && list[j].background && list[j].join !== ';') j++;
        status = this.startBackground(list.slice(i, j), io);
        i = j - 1;
        this.lastExitCode = status;
        continue;
      }
      const step = list[i];
      if ((step.join === '&&' && status !== 0) || (step.join === '||' && status === 0)) continue;
      status = yield* this.runPipeline(step.pipeline, io);
      this.lastExitCode = status;
    }
    return status;
  }

  /** Substitutes `$(…)` in a command's text, then splits it into words (bash's expansion order). */
  private *expand(command: RawCommand, io: RunOutput): Generator<Wait, { ok: true; cmd: SimpleCommand } | { ok: false; error: string }, void> {
    let line = command.raw;
    for (let sub = findCommandSubstitution(line); sub; ) {
      const inner = yield* this.capture(sub.inner);
      io.err(inner.stderr);
      this.lastExitCode = inner.exitCode;
      const value = literalWords(inner.stdout.replace(/\n+$/, ''), sub.quoted);
      line = line.slice(0, sub.start) + value + line.slice(sub.end);
      sub = findCommandSubstitution(line, sub.start + value.length);
    }
    return parseSimple({ ...command, raw: line }, this.lookup);
  }

  /** Runs a line capturing its output, as `$(…)` does. */
  *capture(line: string): Generator<Wait, { exitCode: number; stdout: string; stderr: string }, void> {
    let stdout = '', stderr = '';
    const saved = this.lastExitCode;
    const exitCode = yield* this.execute(line, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
    this.lastExitCode = saved;
    return { exitCode, stdout, stderr };
  }

  private startBackground(steps: readonly RawAndOr[], io: RunOutput): number {
    const text = steps.map((s, i) => `${i === 0 ? '' : `${s.join} `}${s.pipeline.map((c) => c.raw).join(' | ')}`).join(' ');
    if (!this.control) {
      io.err('bash: no job control in this shell\n');
      return 1;
    }
    const session = this;
    const job = this.control.spawn(`${text} &`, function* (bgIo) {
      let status = 0;
      for (const step of steps) {
        if ((step.join === '&&' && status !== 0) || (step.join === '||' && status === 0)) continue;
        status = yield* session.runPipeline(step.pipeline, bgIo);
      }
      return status;
    }, io);
    this.lastBackgroundPid = job.pid;
    return 0;
  }

  private *runPipeline(pipeline: readonly RawCommand[], io: RunOutput): Generator<Wait, number, void> {
    let stdin = '';
    let status = 0;
    for (let i = 0; i < pipeline.length; i++) {
      const last = i === pipeline.length - 1;
      let captured = '';
      const out = last ? io.out : (t: string) => { captured += t; };
      const expanded = yield* this.expand(pipeline[i], io);
      if (!expanded.ok) { io.err(`bash: ${expanded.error}\n`); return 2; }
      status = yield* this.runSimple(expanded.cmd, stdin, { out, err: io.err });
      stdin = captured;
    }
    return status;
  }

  /** argv with unquoted glob patterns replaced by the matching paths (kept as written when nothing matches). */
  private expandGlobs(cmd: SimpleCommand): string[] {
    if (!cmd.globs || cmd.globs.length === 0) return [...cmd.argv];
    const out: string[] = [];
    cmd.argv.forEach((word, i) => {
      if (!cmd.globs!.includes(i)) { out.push(word); return; }
      const slash = word.lastIndexOf('/');
      const dirText = slash >= 0 ? word.slice(0, slash + 1) : '';
      const pattern = word.slice(slash + 1);
      const dir = resolvePath(this.cwd, dirText || '.');
      const matches = this.fs.isDir(dir) ? this.fs.list(dir).filter((e) => globMatches(pattern, e.name)).map((e) => dirText + e.name) : [];
      out.push(...(matches.length > 0 ? matches : [word]));
    });
    return out;
  }

  private *runSimple(cmd: SimpleCommand, pipedStdin: string, io: RunOutput): Generator<Wait, number, void> {
    const argv = this.expandGlobs(cmd);
    const assigns: [string, string][] = [];
    while (argv.length > 0 && ASSIGNMENT.test(argv[0])) {
      const eq = argv[0].indexOf('=');
      assigns.push([argv[0].slice(0, eq), argv.shift()!.slice(eq + 1)]);
    }
    let stdin = cmd.stdin ?? pipedStdin;
    let out = io.out, err = io.err;
    for (const r of cmd.redirects) {
      if (r.op === '>&1') { err = out; continue; }
      if (r.op === '>&2') { out = err; continue; }
      if (r.target === '/dev/null') {
        if (r.op === '<') stdin = '';
        else if (r.fd === 1) out = () => undefined; else err = () => undefined;
        continue;
      }
      const path = resolvePath(this.cwd, r.target);
      if (r.op === '<') {
        const read = this.fs.read(path);
        if (!read.ok) { io.err(`bash: ${r.target}: ${read.error}\n`); return 1; }
        stdin = read.value;
        continue;
      }
      const opened = r.op === '>' ? this.fs.write(path, '') : this.fs.write(path, '', true);
      if (!opened.ok) { io.err(`bash: ${r.target}: ${opened.error}\n`); return 1; }
      const sink = (t: string): void => { if (t) this.fs.write(path, t, true); };
      if (r.fd === 1) out = sink; else err = sink;
    }
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.env.set(k, v);
      return 0;
    }
    const program = this.programs.get(argv[0]);
    if (!program) {
      const path = argv[0].includes('/') ? resolvePath(this.cwd, argv[0]) : undefined;
      if (path === undefined) { err(`bash: ${argv[0]}: command not found\n`); return 127; }
      if (this.fs.isDir(path)) { err(`bash: ${argv[0]}: Is a directory\n`); return 126; }
      err(`bash: ${argv[0]}: ${this.fs.isFile(path) ? 'Permission denied' : 'No such file or directory'}\n`);
      return this.fs.isFile(path) ? 126 : 127;
    }
    const saved = assigns.map(([k]) => [k, this.env.get(k)] as const);
    for (const [k, v] of assigns) this.env.set(k, v);
    try {
      const ctx: ProgramContext = { argv, stdin, out, err, session: this, host: this.host, run: (l) => this.capture(l) };
      const result = program(ctx);
      return typeof result === 'number' ? result : yield* result;
    } finally {
      for (const [k, v] of saved) if (v === undefined) this.env.delete(k); else this.env.set(k, v);
    }
  }
}
