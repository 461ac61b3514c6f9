// bash's aliases: `alias k=kubectl` and the command word that gets replaced before a simple command is parsed, and
// the `alias` and `unalias` builtins with bash's listing format and messages.
import type { Program } from './program';

/** A command's leading word (unquoted, as bash reads it for alias expansion) and what follows it. */
const LEADING_WORD = /^(\s*)([^\s'"\\$`|&;<>()=]+)(?=\s|$)/;

/**
 * The command text with its first word replaced by that word's alias, again for the words an expansion brings in
 * (an alias is not expanded inside its own expansion), and for the next word when a value ends in a blank. Pure.
 */
export function expandAliases(raw: string, aliases: ReadonlyMap<string, string>): string {
  if (aliases.size === 0) return raw;
  let text = raw;
  let from = 0;
  const used = new Set<string>();
  for (;;) {
    const m = LEADING_WORD.exec(text.slice(from));
    const value = m ? aliases.get(m[2]) : undefined;
    if (!m || value === undefined || used.has(m[2])) return text;
    used.add(m[2]);
    const start = from + m[1].length;
    text = text.slice(0, start) + value + text.slice(start + m[2].length);
    // A value ending in a blank makes the next word a command word too; otherwise the expansion's own first word.
    from = /\s$/.test(value) ? start + value.length : start;
    if (/\s$/.test(value)) used.clear();
  }
}

/** bash's quoting of an alias value in `alias` output: single quotes, a quote inside written as '\''. Pure. */
export function quoteAliasValue(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

const VALID_NAME = /^[^\s'"\\$`|&;<>()=/]+$/;

export const alias: Program = (ctx) => {
  const aliases = ctx.session.aliases;
  const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && a === '-p'));
  if (args.length === 0) {
    for (const [name, value] of [...aliases].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) ctx.out(`alias ${name}=${quoteAliasValue(value)}\n`);
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      const value = aliases.get(arg);
      if (value === undefined) { ctx.err(`bash: alias: ${arg}: not found\n`); status = 1; } else ctx.out(`alias ${arg}=${quoteAliasValue(value)}\n`);
      continue;
    }
    const name = arg.slice(0, eq);
    if (!VALID_NAME.test(name)) { ctx.err(`bash: alias: \`${name}': invalid alias name\n`); status = 1; continue; }
    aliases.set(name, arg.slice(eq + 1));
  }
  return status;
};

export const unalias: Program = (ctx) => {
  const aliases = ctx.session.aliases;
  const args = ctx.argv.slice(1);
  if (args.length === 0) { ctx.err('unalias: usage: unalias [-a] name [name ...]\n'); return 2; }
  if (args.includes('-a')) { aliases.clear(); return 0; }
  let status = 0;
  for (const name of args) {
    if (!aliases.delete(name)) { ctx.err(`bash: unalias: ${name}: not found\n`); status = 1; }
  }
  return status;
};
