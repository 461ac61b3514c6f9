// One terminal session: its working directory, variables and history, and how it runs a command line
// (command substitution, `;`/`&&`/`||`/`&`, pipes, redirects, heredocs, `VAR=value cmd`) as a resumable generator.
// SIMPLIFIED: the stages of a pipeline run one after another (each sees the whole output of the one before),
// so a never-ending first stage (`kubectl get pods -w | grep x`) never feeds the next one.
import type { JobControl, PortForward, Program, ProgramContext, SessionState, ShellHost, Wait } from './program';
import { heredocOf, parseList, parseSimple, substitutionEnd, type RawAndOr, type RawCommand, type SimpleCommand } from './parse';
import { globMatches, literalWords } from './expand';
import { expandAliases } from './aliases';
import { expandBraceRanges, parseLoop, splitBeforeLoop, type ParsedIf, type ParsedLoop } from './loops';
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
/** The most words a `for` loop runs over, and the most turns a `while` loop takes without virtual time passing. */
const MAX_LOOP_RUNS = 10_000;
/** bash's compound-command words: the terminal runs simple commands only. */
const RESERVED = new Set(['case', 'select', 'function', 'esac', '{', '}', '[[']);
/** Words that only close or continue a compound command: on their own, a syntax error. */
const STRAY = new Set(['do', 'done', 'then', 'else', 'elif', 'fi']);

export class ShellSession implements SessionState {
  cwd = HOME;
  readonly env = new Map<string, string>();
  readonly aliases = new Map<string, string>();
  readonly history: string[] = [];
  readonly portForwards = new Map<number, PortForward>();
  lastExitCode = 0;
  private lastBackgroundPid: number | undefined;
  /** Loops running now, innermost last count; and a `break`/`continue` on its way out to them. */
  private loopDepth = 0;
  private loopExit: { readonly kind: 'break' | 'continue'; levels: number } | undefined;

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

  /**
   * Runs one complete command (possibly multi-line with a heredoc, or a loop); returns its exit status. `stdin`
   * feeds the first command (what a loop piped into the rest of the line wrote).
   */
  *execute(text: string, io: RunOutput, stdin = ''): Generator<Wait, number, void> {
    // A heredoc's body is text, whatever it says: only a line without one can hold a loop.
    const loops = !heredocOf(text.split('\n')[0]);
    const split = loops ? splitBeforeLoop(text) : undefined;
    if (split) {
      if (split.op === '|' || split.op === '&') return this.fail(io, `kubesim: a loop ${split.op === '|' ? 'reading a pipe' : 'in the background'} is not simulated in this terminal\n`);
      const before = yield* this.execute(split.before, io, stdin);
      if (this.loopExit || (split.op === '&&' && before !== 0) || (split.op === '||' && before === 0)) return before;
      return yield* this.execute(split.loop, io);
    }
    const loop = loops ? parseLoop(text) : { kind: 'none' as const };
    if (loop.kind === 'error') return this.fail(io, `bash: ${loop.error}\n`);
    if (loop.kind === 'incomplete') return this.fail(io, 'bash: syntax error: unexpected end of file\n');
    if (loop.kind === 'loop') return yield* this.runLoopLine(loop.loop, io);
    const parsed = parseList(text);
    if (!parsed.ok) { io.err(`bash: ${parsed.error}\n`); this.lastExitCode = 2; return 2; }
    // SIMPLIFIED: an alias's value is read as a simple command; operators in it (|, ;, &&) are not re-parsed.
    const list = parsed.list.map((step) => ({ ...step, pipeline: step.pipeline.map((c) => ({ ...c, raw: expandAliases(c.raw, this.aliases) })) }));
    if (list.length === 0) return 0;
    const firstWords = list.flatMap((s) => s.pipeline).map((c) => c.raw.trim().split(/\s+/)[0]);
    const stray = firstWords.find((w) => STRAY.has(w));
    if (stray !== undefined) return this.fail(io, `bash: syntax error near unexpected token \`${stray}'\n`);
    const compound = firstWords.find((w) => RESERVED.has(w));
    if (compound !== undefined) {
      return this.fail(io, `kubesim: '${compound}' is not simulated in this terminal (for, while, until and if are)\n`);
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
      status = yield* this.runPipeline(step.pipeline, io, i === 0 ? stdin : '');
      this.lastExitCode = status;
      // `break` or `continue` leaves the rest of the loop's body.
      if (this.loopExit) break;
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

  /** bash's `break [N]` and `continue [N]`: leave (or go on with) the Nth enclosing loop. */
  private loopControl(argv: readonly string[], err: (text: string) => void): number {
    const kind = argv[0] as 'break' | 'continue';
    if (this.loopDepth === 0) {
      err(`bash: ${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    const levels = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(levels) || levels < 1) {
      err(`bash: ${kind}: ${argv[1]}: ${/^-?\d+$/.test(argv[1]) ? 'loop count out of range' : 'numeric argument required'}\n`);
      return 1;
    }
    this.loopExit = { kind, levels: Math.min(levels, this.loopDepth) };
    return 0;
  }

  private fail(io: RunOutput, message: string): number {
    io.err(message);
    this.lastExitCode = 2;
    return 2;
  }

  /** A loop or `if` and what follows it on the line (`done | sort | uniq -c` reads everything the loop wrote). */
  private *runLoopLine(loop: ParsedLoop | ParsedIf, io: RunOutput): Generator<Wait, number, void> {
    const rest = loop.rest;
    if (rest?.op === '&') return this.fail(io, 'kubesim: a loop in the background is not simulated in this terminal\n');
    if (rest?.op === '|') {
      let written = '';
      this.lastExitCode = yield* this.runLoop(loop, { out: (t) => { written += t; }, err: io.err });
      return this.loopExit ? this.lastExitCode : yield* this.execute(rest.text, io, written);
    }
    const status = yield* this.runLoop(loop, io);
    this.lastExitCode = status;
    // A `break 2` or `continue 2` on its way to an outer loop leaves the rest of this line too.
    if (!rest || rest.text.trim() === '' || this.loopExit) return status;
    // SIMPLIFIED: after `done &&` or `done ||`, a skipped command skips the rest of the line with it.
    if ((rest.op === '&&' && status !== 0) || (rest.op === '||' && status === 0)) return status;
    return yield* this.execute(rest.text, io);
  }

  /**
   * Runs a loop's body over its words (`for`) or while its condition holds (`while`/`until`). A loop that keeps
   * going without virtual time passing (no `sleep`, nothing waited for) is stopped: it would hold the simulation.
   */
  private *runLoop(loop: ParsedLoop | ParsedIf, io: RunOutput): Generator<Wait, number, void> {
    if (loop.kind === 'if') return yield* this.runIf(loop, io);
    this.loopDepth++;
    try {
      return yield* this.runLoopTurns(loop, io);
    } finally {
      this.loopDepth--;
    }
  }

  /** bash's `if`: the body of the first branch whose condition succeeds, else the `else` body; 0 when none ran. */
  private *runIf(block: ParsedIf, io: RunOutput): Generator<Wait, number, void> {
    for (const branch of block.branches) {
      const condition = yield* this.execute(branch.condition, io);
      if (this.loopExit) return condition;
      if (condition === 0) return yield* this.execute(branch.body, io);
    }
    return block.otherwise === undefined ? 0 : yield* this.execute(block.otherwise, io);
  }

  /** After a turn of the body: whether the loop ends here (a `break`, or a `continue` meant for an outer loop). */
  private leavesLoop(): boolean {
    const exit = this.loopExit;
    if (!exit) return false;
    if (exit.levels > 1) { exit.levels--; return true; }
    this.loopExit = undefined;
    return exit.kind === 'break';
  }

  private *runLoopTurns(loop: ParsedLoop, io: RunOutput): Generator<Wait, number, void> {
    let status = 0;
    if (loop.kind === 'for') {
      let words: string[] = [];
      if (loop.words !== undefined) {
        const expanded = yield* this.expand({ raw: `: ${expandBraceRanges(loop.words)}` }, io);
        if (!expanded.ok) return this.fail(io, `bash: ${expanded.error}\n`);
        words = this.expandGlobs(expanded.cmd).slice(1);
      }
      // SIMPLIFIED: bash runs any number of words; the terminal runs at most MAX_LOOP_RUNS.
      if (words.length > MAX_LOOP_RUNS) return this.fail(io, `kubesim: a loop over more than ${MAX_LOOP_RUNS} words is not run\n`);
      for (const word of words) {
        this.env.set(loop.name!, word);
        status = yield* this.execute(loop.body, io);
        if (this.leavesLoop()) break;
      }
      return status;
    }
    let spins = 0;
    let lastTime = this.host.now();
    for (;;) {
      const condition = yield* this.execute(loop.condition!, io);
      if (loop.kind === 'while' ? condition !== 0 : condition === 0) return status;
      status = yield* this.execute(loop.body, io);
      if (this.leavesLoop()) return status;
      const now = this.host.now();
      if (now !== lastTime) { lastTime = now; spins = 0; continue; }
      if (++spins >= MAX_LOOP_RUNS) {
        return this.fail(io, `kubesim: the loop ran ${MAX_LOOP_RUNS} times without time passing and was stopped (add a sleep to it)\n`);
      }
    }
  }

  private *runPipeline(pipeline: readonly RawCommand[], io: RunOutput, firstStdin = ''): Generator<Wait, number, void> {
    let stdin = firstStdin;
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
    if (argv[0] === 'break' || argv[0] === 'continue') return this.loopControl(argv, err);
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
