// The grammar of the POSIX shell scripts containers run (`sh -c "while true; do …; sleep 5; done"`): lists,
// && and ||, pipelines, while/until, for, if, and ( ) groups, parsed into a small syntax tree.
import { tokenizeShell, type ShellToken, type WordPart } from './process-args';

export type Word = readonly WordPart[];

export type Command =
  | { readonly kind: 'simple'; readonly assigns: readonly { name: string; value: Word }[]; readonly words: readonly Word[] }
  | { readonly kind: 'loop'; readonly until: boolean; readonly cond: Script; readonly body: Script }
  | { readonly kind: 'for'; readonly name: string; readonly items: readonly Word[]; readonly body: Script }
  | { readonly kind: 'if'; readonly branches: readonly { cond: Script; body: Script }[]; readonly otherwise?: Script }
  | { readonly kind: 'group'; readonly body: Script };

export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** Commands joined by `|` (shell-run.ts runs them in turn, each reading the output of the one before). */
export interface Pipeline {
  readonly bang: boolean;
  readonly commands: readonly Command[];
}

export interface Script {
  readonly items: readonly AndOr[];
}

const RESERVED = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', 'in']);

class ShellSyntaxError {
  constructor(readonly message: string) {}
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly ShellToken[]) {}

  private peek(): ShellToken | undefined { return this.tokens[this.i]; }

  /** Whether tokens are left after a complete list (an unmatched `)`). */
  remaining(): boolean { return this.i < this.tokens.length; }

  private keyword(): string | undefined {
    const t = this.peek();
    return t?.kind === 'word' && t.parts.every((p) => p.quote === 'none') ? t.raw : undefined;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.op === op;
  }

  private skipNewlines(): void {
    while (this.isOp('\n') || this.isOp(';')) this.i++;
  }

  private expectKeyword(word: string): void {
    this.skipNewlines();
    if (this.keyword() !== word) {
      const t = this.peek();
      throw new ShellSyntaxError(t === undefined ? `syntax error: unexpected end of file (expecting "${word}")` : `syntax error: unexpected "${describe(t)}" (expecting "${word}")`);
    }
    this.i++;
  }

  /** A list, ending at end of input, `)` or one of the `stops` keywords. */
  list(stops: readonly string[]): Script {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t === undefined || this.isOp(')') || stops.includes(this.keyword() ?? '\0')) return { items };
      items.push(this.andOr());
      if (this.isOp('&')) this.i++; // SIMPLIFIED: background jobs run in the foreground.
    }
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.peek() as { op: '&&' | '||' }).op;
      this.i++;
      while (this.isOp('\n')) this.i++;
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    let bang = false;
    if (this.keyword() === '!') { bang = true; this.i++; }
    const commands = [this.command()];
    while (this.isOp('|')) { this.i++; commands.push(this.command()); }
    return { bang, commands };
  }

  private command(): Command {
    const kw = this.keyword();
    if (kw === 'while' || kw === 'until') {
      this.i++;
      const cond = this.list(['do']);
      this.expectKeyword('do');
      const body = this.list(['done']);
      this.expectKeyword('done');
      return { kind: 'loop', until: kw === 'until', cond, body };
    }
    if (kw === 'for') return this.forCommand();
    if (kw === 'if') return this.ifCommand();
    if (this.isOp('(')) {
      this.i++;
      const body = this.list([]);
      if (!this.isOp(')')) throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      this.i++;
      return { kind: 'group', body };
    }
    return this.simple();
  }

  private forCommand(): Command {
    this.i++;
    const name = this.keyword();
    if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellSyntaxError('syntax error: bad for loop variable');
    this.i++;
    const items: Word[] = [];
    if (this.keyword() === 'in') {
      this.i++;
      for (let t = this.peek(); t?.kind === 'word'; t = this.peek()) { items.push(t.parts); this.i++; }
    }
    this.expectKeyword('do');
    const body = this.list(['done']);
    this.expectKeyword('done');
    return { kind: 'for', name, items, body };
  }

  private ifCommand(): Command {
    this.i++;
    const branches: { cond: Script; body: Script }[] = [];
    let otherwise: Script | undefined;
    for (;;) {
      const cond = this.list(['then']);
      this.expectKeyword('then');
      branches.push({ cond, body: this.list(['elif', 'else', 'fi']) });
      this.skipNewlines();
      const next = this.keyword();
      this.i++;
      if (next === 'elif') continue;
      if (next === 'else') { otherwise = this.list(['fi']); this.expectKeyword('fi'); }
      else if (next !== 'fi') throw new ShellSyntaxError('syntax error: unexpected end of file (expecting "fi")');
      return { kind: 'if', branches, otherwise };
    }
  }

  private simple(): Command {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    for (let t = this.peek(); t !== undefined; t = this.peek()) {
      if (t.kind === 'redirect') { this.i += this.tokens[this.i + 1]?.kind === 'word' ? 2 : 1; continue; }
      if (t.kind !== 'word') break;
      if (words.length === 0 && RESERVED.has(this.keyword() ?? '')) break;
      const assign = words.length === 0 && t.parts[0]?.quote === 'none' ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.parts[0].text) : null;
      if (assign) {
        const head = t.parts[0].text.slice(assign[0].length);
        assigns.push({ name: assign[1], value: [{ text: head, quote: 'none' }, ...t.parts.slice(1)] });
      } else words.push(t.parts);
      this.i++;
    }
    if (words.length === 0 && assigns.length === 0) {
      const t = this.peek();
      throw new ShellSyntaxError(t === undefined ? 'syntax error: unexpected end of file' : `syntax error: unexpected "${describe(t)}"`);
    }
    return { kind: 'simple', assigns, words };
  }
}

function describe(t: ShellToken): string {
  if (t.kind === 'word') return t.raw;
  if (t.kind === 'op') return t.op === '\n' ? 'newline' : t.op;
  return 'redirection';
}

/** Parses shell text into a Script, or returns busybox sh's syntax error text. Pure. */
export function parseScript(text: string): { ok: true; script: Script } | { ok: false; error: string } {
  const tokens = tokenizeShell(text);
  if (!tokens.ok) return { ok: false, error: `syntax error: ${tokens.error}` };
  try {
    const parser = new Parser(tokens.tokens);
    const script = parser.list([]);
    if (parser.remaining()) return { ok: false, error: 'syntax error: unexpected ")"' };
    return { ok: true, script };
  } catch (err) {
    if (err instanceof ShellSyntaxError) return { ok: false, error: err.message };
    throw err;
  }
}
