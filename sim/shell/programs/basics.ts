// The shell's file and session builtins: echo, cat, ls, touch, rm, mkdir, cd, pwd, export, env, history, clear,
// sleep, true/false, help.
import type { Program, ProgramContext } from '../program';
import { resolvePath, HOME } from '../vfs';

function fail(ctx: ProgramContext, cmd: string, path: string, error: string): number {
  ctx.err(`${cmd}: ${path}: ${error}\n`);
  return 1;
}

export const echo: Program = (ctx) => {
  let args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  ctx.out(text + (newline ? '\n' : ''));
  return 0;
};

export const cat: Program = (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a !== '-');
  if (files.length === 0) { ctx.out(ctx.stdin); return 0; }
  let code = 0;
  for (const f of files) {
    const r = ctx.session.fs.read(resolvePath(ctx.session.cwd, f));
    if (r.ok) ctx.out(r.value); else code = fail(ctx, 'cat', f, r.error);
  }
  return code;
};

export const ls: Program = (ctx) => {
  const long = ctx.argv.some((a) => /^-[a-zA-Z]*l/.test(a));
  const all = ctx.argv.some((a) => /^-[a-zA-Z]*a/.test(a));
  const targets = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const fs = ctx.session.fs;
  let code = 0;
  for (const t of targets.length ? targets : ['.']) {
    const path = resolvePath(ctx.session.cwd, t);
    if (fs.isFile(path)) { ctx.out(`${t}\n`); continue; }
    if (!fs.isDir(path)) { ctx.err(`ls: cannot access '${t}': No such file or directory\n`); code = 2; continue; }
    const entries = fs.list(path).filter((e) => all || !e.name.startsWith('.'));
    if (long) {
      ctx.out(`total ${entries.length * 4}\n`);
      for (const e of entries) ctx.out(`${e.dir ? 'drwxr-xr-x 2' : '-rw-r--r-- 1'} student student ${String(e.size).padStart(5)} Jan  1 09:00 ${e.name}\n`);
    } else if (entries.length) ctx.out(`${entries.map((e) => e.name).join('  ')}\n`);
  }
  return code;
};

export const touch: Program = (ctx) => {
  let code = 0;
  for (const f of ctx.argv.slice(1)) {
    const path = resolvePath(ctx.session.cwd, f);
    if (ctx.session.fs.isFile(path) || ctx.session.fs.isDir(path)) continue;
    const r = ctx.session.fs.write(path, '');
    if (!r.ok) { ctx.err(`touch: cannot touch '${f}': ${r.error}\n`); code = 1; }
  }
  return code;
};

export const rm: Program = (ctx) => {
  const recursive = ctx.argv.some((a) => /^-[a-zA-Z]*[rR]/.test(a));
  const force = ctx.argv.some((a) => /^-[a-zA-Z]*f/.test(a));
  let code = 0;
  for (const f of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = resolvePath(ctx.session.cwd, f);
    if (path === '/' && recursive) { ctx.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n"); code = 1; continue; }
    if (ctx.session.fs.isDir(path) && !recursive) { ctx.err(`rm: cannot remove '${f}': Is a directory\n`); code = 1; continue; }
    const r = ctx.session.fs.remove(path, recursive);
    if (!r.ok && !force) { ctx.err(`rm: cannot remove '${f}': ${r.error}\n`); code = 1; }
  }
  return code;
};

export const mkdir: Program = (ctx) => {
  const parents = ctx.argv.includes('-p');
  let code = 0;
  for (const f of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const r = ctx.session.fs.mkdir(resolvePath(ctx.session.cwd, f), parents);
    if (!r.ok) { ctx.err(`mkdir: cannot create directory '${f}': ${r.error}\n`); code = 1; }
  }
  return code;
};

export const cd: Program = (ctx) => {
  const target = ctx.argv[1] ?? HOME;
  const path = resolvePath(ctx.session.cwd, target);
  if (!ctx.session.fs.isDir(path)) {
    ctx.err(`bash: cd: ${target}: ${ctx.session.fs.isFile(path) ? 'Not a directory' : 'No such file or directory'}\n`);
    return 1;
  }
  ctx.session.cwd = path;
  ctx.session.env.set('PWD', path);
  return 0;
};

export const pwd: Program = (ctx) => {
  ctx.out(`${ctx.session.cwd}\n`);
  return 0;
};

export const exportVar: Program = (ctx) => {
  for (const arg of ctx.argv.slice(1)) {
    const eq = arg.indexOf('=');
    if (eq < 0) continue;
    const name = arg.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) { ctx.err(`bash: export: \`${arg}': not a valid identifier\n`); return 1; }
    ctx.session.env.set(name, arg.slice(eq + 1));
  }
  return 0;
};

export const env: Program = (ctx) => {
  const names = ctx.argv[0] === 'printenv' ? ctx.argv.slice(1) : [];
  if (names.length > 0) {
    let code = 0;
    for (const n of names) { const v = ctx.session.env.get(n); if (v === undefined) code = 1; else ctx.out(`${v}\n`); }
    return code;
  }
  for (const [k, v] of ctx.session.env) ctx.out(`${k}=${v}\n`);
  return 0;
};

export const history: Program = (ctx) => {
  ctx.session.history.forEach((line, i) => ctx.out(`${String(i + 1).padStart(5)}  ${line}\n`));
  return 0;
};

export const clear: Program = (ctx) => {
  ctx.out('\u001b[H\u001b[2J\u001b[3J');
  return 0;
};

export const sleep: Program = function* (ctx) {
  const arg = ctx.argv[1];
  const m = arg === undefined ? null : /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) {
    ctx.err(arg === undefined ? 'sleep: missing operand\n' : `sleep: invalid time interval '${arg}'\n`);
    return 1;
  }
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  yield { kind: 'sleep', untilMs: ctx.host.now() + Math.round(Number(m[1]) * unit) };
  return 0;
};

export const trueCmd: Program = () => 0;
export const falseCmd: Program = () => 1;
