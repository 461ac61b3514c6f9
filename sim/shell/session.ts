// One terminal session: its working directory, variables and history, and how it runs a command line
// (command substitution, `;`/`&&`/`||`, pipes, redirects, heredocs) as a resumable generator.
import type { Program, ProgramContext, SessionState, ShellHost, Wait } from './program';
import { parseCommand, type SimpleCommand } from './parse';
import { HOME, VirtualFs, resolvePath } from './vfs';

export interface RunOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Finds the first `$(…)` outside single quotes: its start, end (exclusive) and inner text. Pure. */
export function findCommandSubstitution(text: string): { start: number; end: number; inner: string } | undefined {
  let single = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && !single) { i++; continue; }
    if (c === "'") { single = !single; continue; }
    if (single || c !== '$' || text[i + 1] !== '(') continue;
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) return { start: i, end: j + 1, inner: text.slice(i + 2, j) };
    }
    return undefined;
  }
  return undefined;
}

/** Quotes text so the tokenizer reads it back as literal characters. Pure. */
function literal(text: string, insideDoubleQuotes: boolean): string {
  if (insideDoubleQuotes) return text.replace(/(["\\$`])/g, '\\$1');
  return text.split(/\s+/).filter(Boolean).map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
}

function insideDoubleQuotes(text: string, pos: number): boolean {
  let single = false, double = false;
  for (let i = 0; i < pos; i++) {
    const c = text[i];
    if (c === '\\' && !single) { i++; continue; }
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
  }
  return double;
}

export class ShellSession implements SessionState {
  cwd = HOME;
  readonly env = new Map<string, string>();
  readonly history: string[] = [];
  readonly portForwards = new Map<number, { readonly podUid: string; readonly podPort: number; readonly label: string }>();
  lastExitCode = 0;

  constructor(readonly name: string, readonly fs: VirtualFs, private readonly host: ShellHost,
    private readonly programs: ReadonlyMap<string, Program>) {
    for (const [k, v] of Object.entries({ HOME, USER: 'student', SHELL: '/bin/bash', PWD: HOME, TERM: 'xterm-256color', PATH: '/usr/local/bin:/usr/bin:/bin' })) this.env.set(k, v);
  }

  private lookup = (name: string): string | undefined => (name === '?' ? String(this.lastExitCode) : this.env.get(name));

  /** Runs one complete command (possibly multi-line with a heredoc); returns its exit status. */
  *execute(text: string, io: RunOutput): Generator<Wait, number, void> {
    let line = text;
    for (let sub = findCommandSubstitution(line); sub; sub = findCommandSubstitution(line)) {
      const inner = yield* this.capture(sub.inner);
      const value = inner.stdout.replace(/\n+$/, '');
      io.err(inner.stderr);
      line = line.slice(0, sub.start) + literal(value, insideDoubleQuotes(line, sub.start)) + line.slice(sub.end);
    }
    const parsed = parseCommand(line, this.lookup);
    if (!parsed.ok) { io.err(`bash: ${parsed.error}\n`); this.lastExitCode = 2; return 2; }
    let status = 0;
    for (const step of parsed.list) {
      if ((step.join === '&&' && status !== 0) || (step.join === '||' && status === 0)) continue;
      status = yield* this.runPipeline(step.pipeline, io);
      this.lastExitCode = status;
    }
    return status;
  }

  /** Runs a line capturing its output, as `$(…)` does. */
  *capture(line: string): Generator<Wait, { exitCode: number; stdout: string; stderr: string }, void> {
    let stdout = '', stderr = '';
    const exitCode = yield* this.execute(line, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
    return { exitCode, stdout, stderr };
  }

  private *runPipeline(pipeline: readonly SimpleCommand[], io: RunOutput): Generator<Wait, number, void> {
    let stdin = '';
    let status = 0;
    for (let i = 0; i < pipeline.length; i++) {
      const last = i === pipeline.length - 1;
      let captured = '';
      const out = last ? io.out : (t: string) => { captured += t; };
      status = yield* this.runSimple(pipeline[i], stdin, { out, err: io.err });
      stdin = captured;
    }
    return status;
  }

  private *runSimple(cmd: SimpleCommand, pipedStdin: string, io: RunOutput): Generator<Wait, number, void> {
    const argv = [...cmd.argv];
    while (argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0]) && argv.length === 1) {
      const eq = argv[0].indexOf('=');
      this.env.set(argv[0].slice(0, eq), argv[0].slice(eq + 1));
      argv.shift();
    }
    let stdin = cmd.stdin ?? pipedStdin;
    let out = io.out, err = io.err;
    const files: { path: string; text: string; append: boolean }[] = [];
    for (const r of cmd.redirects) {
      const path = r.target === '/dev/null' ? '' : resolvePath(this.cwd, r.target);
      if (r.op === '<') {
        const read = this.fs.read(path);
        if (!read.ok) { io.err(`bash: ${r.target}: ${read.error}\n`); return 1; }
        stdin = read.value;
      } else if (r.op === '>&1') err = out;
      else {
        const sink = { path, text: '', append: r.op === '>>' };
        files.push(sink);
        const write = (t: string): void => { sink.text += t; };
        if (r.fd === 1) out = write; else err = write;
      }
    }
    let status = 0;
    if (argv.length > 0) {
      const program = this.programs.get(argv[0]);
      if (!program) {
        err(`bash: ${argv[0]}: command not found\n`);
        status = 127;
      } else {
        const ctx: ProgramContext = { argv, stdin, out, err, session: this, host: this.host, run: (l) => this.capture(l) };
        const result = program(ctx);
        status = typeof result === 'number' ? result : yield* result;
      }
    }
    for (const f of files) {
      if (f.path === '') continue;
      const w = this.fs.write(f.path, f.text, f.append);
      if (!w.ok) { io.err(`bash: ${f.path}: ${w.error}\n`); status = 1; }
    }
    return status;
  }
}
