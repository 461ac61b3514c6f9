// GNU coreutils' cp and mv on the student's machine: files, directories with `cp -r`, a directory as the target
// for one or more sources, and coreutils' messages for what cannot be done.
import type { Program, ProgramContext } from '../program';
import { baseName, resolvePath, type VirtualFs } from '../vfs';

interface Operands {
  readonly sources: readonly string[];
  readonly target: string;
  readonly recursive: boolean;
  readonly verbose: boolean;
}

/** Splits argv into options and operands; undefined (after printing coreutils' usage error) when operands are missing. */
function operands(ctx: ProgramContext, name: 'cp' | 'mv'): Operands | undefined {
  const args = ctx.argv.slice(1);
  const files: string[] = [];
  let recursive = false;
  let verbose = false;
  let options = true;
  for (const a of args) {
    if (options && a === '--') options = false;
    else if (options && a.startsWith('--')) {
      recursive ||= a === '--recursive' || a === '--archive';
      verbose ||= a === '--verbose';
    } else if (options && a.startsWith('-') && a !== '-') {
      recursive ||= /[rRa]/.test(a.slice(1));
      verbose ||= a.includes('v');
    } else files.push(a);
  }
  if (files.length < 2) {
    ctx.err(files.length === 0 ? `${name}: missing file operand\n` : `${name}: missing destination file operand after '${files[0]}'\n`);
    ctx.err(`Try '${name} --help' for more information.\n`);
    return undefined;
  }
  return { sources: files.slice(0, -1), target: files[files.length - 1], recursive, verbose };
}

/** Copies the tree at `from` (a file or a directory) to `to`. */
function copyTree(fs: VirtualFs, from: string, to: string): string | undefined {
  if (fs.isFile(from)) {
    const text = fs.read(from);
    const r = text.ok ? fs.write(to, text.value) : text;
    return r.ok ? undefined : r.error;
  }
  if (!fs.isDir(to)) {
    const made = fs.mkdir(to);
    if (!made.ok) return made.error;
  }
  for (const child of fs.list(from)) {
    const error = copyTree(fs, child.path, `${to}/${child.name}`);
    if (error) return error;
  }
  return undefined;
}

/** Where `source` lands: inside `target` when it is a directory, else at `target`. */
function destinationOf(fs: VirtualFs, source: string, target: string): string {
  return fs.isDir(target) ? `${target === '/' ? '' : target}/${baseName(source)}` : target;
}

function transfer(ctx: ProgramContext, name: 'cp' | 'mv'): number {
  const ops = operands(ctx, name);
  if (!ops) return 1;
  const { fs, cwd } = ctx.session;
  const target = resolvePath(cwd, ops.target);
  if (ops.sources.length > 1 && !fs.isDir(target)) {
    ctx.err(`${name}: target '${ops.target}' is not a directory\n`);
    return 1;
  }
  let code = 0;
  for (const raw of ops.sources) {
    const source = resolvePath(cwd, raw);
    const fail = (message: string): void => { ctx.err(`${name}: ${message}\n`); code = 1; };
    if (!fs.isFile(source) && !fs.isDir(source)) { fail(`cannot stat '${raw}': No such file or directory`); continue; }
    const dest = destinationOf(fs, source, target);
    const shownDest = dest === target ? ops.target : `${ops.target.replace(/\/$/, '')}/${baseName(source)}`;
    if (dest === source) { fail(`'${raw}' and '${shownDest}' are the same file`); continue; }
    if (fs.isDir(source)) {
      if (name === 'cp' && !ops.recursive) { fail(`-r not specified; omitting directory '${raw}'`); continue; }
      if (dest.startsWith(`${source}/`)) {
        fail(name === 'cp' ? `cannot copy a directory, '${raw}', into itself, '${shownDest}'` : `cannot move '${raw}' to a subdirectory of itself, '${shownDest}'`);
        continue;
      }
      if (fs.isFile(dest)) { fail(`cannot overwrite non-directory '${shownDest}' with directory '${raw}'`); continue; }
    } else if (fs.isDir(dest)) {
      fail(`cannot overwrite directory '${shownDest}' with non-directory`);
      continue;
    }
    const error = copyTree(fs, source, dest);
    if (error) {
      fail(name === 'cp' ? `cannot create regular file '${shownDest}': ${error}` : `cannot move '${raw}' to '${shownDest}': ${error}`);
      continue;
    }
    if (name === 'mv') fs.remove(source, true);
    if (ops.verbose) ctx.out(`${name === 'mv' ? 'renamed ' : ''}'${raw}' -> '${shownDest}'\n`);
  }
  return code;
}

export const cp: Program = (ctx) => transfer(ctx, 'cp');

export const mv: Program = (ctx) => transfer(ctx, 'mv');
