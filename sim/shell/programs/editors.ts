// Terminal text editors (nano, vi, vim, code): the file opens in the page's editor and the terminal waits, as it
// does while a real editor holds the tty, until the file is saved and closed or the edit is cancelled.
import type { Program, ProgramRun } from '../program';
import { resolvePath } from '../vfs';

export const EDITOR_NAMES = ['nano', 'vi', 'vim', 'code'] as const;

function* openInPageEditor(...[ctx, name]: [Parameters<Program>[0], string]): ProgramRun {
  const arg = ctx.argv.slice(1).find((a) => !a.startsWith('-') && !a.startsWith('+'));
  const bridge = ctx.host.editor;
  // SIMPLIFIED: no full-screen editor runs in the terminal; files open in the page's editor.
  if (!bridge) {
    ctx.err(`${name}: no editor in this terminal: write files with cat <<'EOF' > FILE, or open them in the page's editor\n`);
    return 1;
  }
  if (!arg) {
    ctx.err(`${name}: name the file to edit, e.g. ${name} service.yaml (it opens in the page's editor)\n`);
    return 1;
  }
  const { fs } = ctx.session;
  const path = resolvePath(ctx.session.cwd, arg);
  if (fs.isDir(path)) {
    ctx.err(`${name}: "${arg}" is a directory\n`);
    return 1;
  }
  const created = !fs.isFile(path);
  if (created) {
    const r = fs.write(path, '');
    if (!r.ok) {
      ctx.err(`${name}: cannot open "${arg}": ${r.error}\n`);
      return 1;
    }
  }
  const id = bridge.open(path, `${name} ${arg}`);
  while (bridge.result(id) === undefined) yield { kind: 'change' };
  // Leaving a new file without saving it leaves nothing behind, as the real editors do.
  const left = fs.read(path);
  if (created && bridge.result(id) === 'cancelled' && left.ok && left.value === '') fs.remove(path);
  return 0;
}

/** The editors, by name. */
export const EDITORS: readonly [string, Program][] = EDITOR_NAMES.map((name) => [name, (ctx) => openInPageEditor(ctx, name)]);
