// bash builtins about the session itself: printf, jobs, kill, unset, exit, type/which, and `help`, which lists
// what kubesim's terminal offers.
import type { Program, ProgramContext } from '../program';

/** bash's printf: %s %d %i %f %x %o %c %b %%, with backslash escapes, reusing the format while arguments remain. */
export function formatPrintf(format: string, args: readonly string[]): { text: string; error?: string } {
  const escapes = (s: string): string => s.replace(/\\(n|t|r|\\|a|b|f|v|e|0[0-7]{0,3}|")/g, (_, e: string) => (
    { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '"': '"' } as Record<string, string>)[e] ?? String.fromCharCode(parseInt(e.slice(1) || '0', 8)));
  let out = '';
  let i = 0;
  let error: string | undefined;
  do {
    let used = false;
    out += format.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdifxXocb%])/g, (_m, flagsText: string, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      used = true;
      const arg = args[i++] ?? '';
      let s: string;
      if (conv === 's' || conv === 'b') s = conv === 'b' ? escapes(arg) : arg;
      else if (conv === 'c') s = arg.slice(0, 1);
      else {
        const n = arg === '' ? 0 : Number(arg.startsWith("'") ? arg.charCodeAt(1) : arg);
        if (Number.isNaN(n)) { error = `printf: ${arg}: invalid number`; s = '0'; }
        else if (conv === 'f') s = n.toFixed(prec === undefined ? 6 : Number(prec));
        else if (conv === 'x' || conv === 'X') { s = Math.trunc(n).toString(16); if (conv === 'X') s = s.toUpperCase(); }
        else if (conv === 'o') s = Math.trunc(n).toString(8);
        else s = String(Math.trunc(n));
      }
      if (prec !== undefined && conv === 's') s = s.slice(0, Number(prec));
      const w = Number(width || 0);
      if (s.length < w) s = flagsText.includes('-') ? s.padEnd(w) : s.padStart(w, flagsText.includes('0') && conv !== 's' ? '0' : ' ');
      return s;
    });
    if (!used) break;
  } while (i < args.length);
  return { text: escapes(out), error };
}

export const printf: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '-v') { ctx.err('bash: printf: -v is not supported by kubesim\n'); return 2; }
  if (args.length === 0) { ctx.err('printf: usage: printf [-v var] format [arguments]\n'); return 2; }
  const r = formatPrintf(args[0], args.slice(1));
  ctx.out(r.text);
  if (r.error) { ctx.err(`bash: ${r.error}\n`); return 1; }
  return 0;
};

export const jobs: Program = (ctx) => {
  const list = ctx.session.jobs?.list() ?? [];
  list.forEach((j, k) => {
    const mark = k === list.length - 1 ? '+' : k === list.length - 2 ? '-' : ' ';
    const pid = ctx.argv.includes('-l') ? `${j.pid} ` : '';
    ctx.out(`[${j.number}]${mark}  ${pid}${'Running'.padEnd(24)}${j.line}\n`);
  });
  return 0;
};

export const kill: Program = (ctx) => {
  const targets = ctx.argv.slice(1).filter((a) => !/^-(\d+|[A-Z]+|s)$/.test(a));
  if (targets.length === 0) { ctx.err('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n'); return 2; }
  let status = 0;
  const list = ctx.session.jobs?.list() ?? [];
  for (const t of targets) {
    const byJob = /^%(\d+|%|\+|-)?$/.exec(t);
    const number = byJob ? (byJob[1] === undefined || byJob[1] === '%' || byJob[1] === '+' ? list[list.length - 1]?.number : byJob[1] === '-' ? list[list.length - 2]?.number : Number(byJob[1]))
      : list.find((j) => String(j.pid) === t)?.number;
    if (number === undefined || !ctx.session.jobs?.kill(number)) {
      ctx.err(byJob ? `bash: kill: ${t}: no such job\n` : /^\d+$/.test(t) ? `bash: kill: (${t}) - No such process\n` : `bash: kill: ${t}: arguments must be process or job IDs\n`);
      status = 1;
    }
  }
  return status;
};

export const unset: Program = (ctx) => {
  for (const name of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) ctx.session.env.delete(name);
  return 0;
};

export const exit: Program = (ctx) => {
  ctx.err('kubesim: the terminal stays open; close the browser tab to leave\n');
  const code = Number(ctx.argv[1] ?? ctx.session.lastExitCode ?? 0);
  return Number.isInteger(code) ? ((code % 256) + 256) % 256 : 2;
};

/** `type` and `which`: where a command comes from. */
export function locate(names: ReadonlySet<string>, builtins: ReadonlySet<string>): { type: (ctx: ProgramContext) => number; which: (ctx: ProgramContext) => number } {
  return {
    type: (ctx) => {
      let status = 0;
      for (const n of ctx.argv.slice(1)) {
        const aliased = ctx.session.aliases.get(n);
        if (aliased !== undefined) ctx.out(`${n} is aliased to \`${aliased}'\n`);
        else if (builtins.has(n)) ctx.out(`${n} is a shell builtin\n`);
        else if (names.has(n)) ctx.out(`${n} is /usr/bin/${n}\n`);
        else { ctx.err(`bash: type: ${n}: not found\n`); status = 1; }
      }
      return status;
    },
    which: (ctx) => {
      let status = 0;
      for (const n of ctx.argv.slice(1)) {
        if (names.has(n) && !builtins.has(n)) ctx.out(`/usr/bin/${n}\n`); else status = 1;
      }
      return status;
    },
  };
}

export const HELP_TEXT = `kubesim's terminal: a bash-like shell on a simulated student machine, connected to a simulated AKS cluster.

  kubectl ...        the cluster (get, describe, apply, create, delete, logs, exec, port-forward, ...)
  files              ls cat touch rm mkdir cp mv cd pwd (the editor shows the same files)
  editors            nano vi vim code open a file in the page's editor; the terminal waits until it is closed
  text               echo printf grep head tail wc sort uniq cut tr base64 jq seq
  network            curl wget nslookup dig ping (from outside the cluster; localhost reaches port-forwards)
  session            export unset alias unalias env history clear sleep watch jobs kill help type which true false test [

  Shell features: quotes and escapes, $VAR and \${VAR}, $(...), $((arithmetic)), VAR=value cmd, ; && || |, > >> < 2> 2>&1,
  heredocs (cat <<EOF > file), # comments, cmd & for background jobs, aliases, if/elif/else, and loops:
  for i in $(seq 5); do curl -s http://web; done | sort | uniq -c   ·   while true; do …; sleep 1; done
  Not simulated: full-screen programs in the terminal (top, an interactive kubectl exec shell), case and
  functions in this shell (use kubectl exec POD -- sh -c '...' for scripts inside a container), and pipes
  running concurrently.
`;

export const help: Program = (ctx) => {
  ctx.out(HELP_TEXT);
  return 0;
};
