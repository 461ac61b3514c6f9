// The student's machine's file system: plain files and directories under /, shared by the terminal and the
// editor. Paths are POSIX; `~` is the home directory.

export const HOME = '/home/student';

export type FsResult<T = void> = { ok: true; value: T } | { ok: false; error: string };

/** Joins and normalises a path against `cwd` (`..`, `.`, `~`, duplicate slashes). Pure. */
export function resolvePath(cwd: string, path: string): string {
  let p = path;
  if (p === '~') p = HOME;
  else if (p.startsWith('~/')) p = HOME + p.slice(1);
  const parts = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop(); else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** The last path segment. Pure. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** An in-memory file system; every change bumps `version` so the editor can follow it. */
export class VirtualFs {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(['/', '/home', HOME, '/tmp']);
  version = 0;

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  read(path: string): FsResult<string> {
    const text = this.files.get(path);
    if (text !== undefined) return { ok: true, value: text };
    return { ok: false, error: this.dirs.has(path) ? 'Is a directory' : 'No such file or directory' };
  }

  write(path: string, text: string, append = false): FsResult {
    if (this.dirs.has(path)) return { ok: false, error: 'Is a directory' };
    if (!this.dirs.has(parentOf(path))) return { ok: false, error: 'No such file or directory' };
    this.files.set(path, append ? (this.files.get(path) ?? '') + text : text);
    this.version++;
    return { ok: true, value: undefined };
  }

  mkdir(path: string, parents = false): FsResult {
    if (path === '/') return parents ? { ok: true, value: undefined } : { ok: false, error: 'File exists' };
    if (this.files.has(path)) return { ok: false, error: 'File exists' };
    if (this.dirs.has(path)) return parents ? { ok: true, value: undefined } : { ok: false, error: 'File exists' };
    if (!this.dirs.has(parentOf(path))) {
      if (!parents) return { ok: false, error: 'No such file or directory' };
      const r = this.mkdir(parentOf(path), true);
      if (!r.ok) return r;
    }
    this.dirs.add(path);
    this.version++;
    return { ok: true, value: undefined };
  }

  remove(path: string, recursive = false): FsResult {
    if (path === '/') return { ok: false, error: recursive ? "it is dangerous to operate recursively on '/'" : 'Is a directory' };
    if (this.files.delete(path)) { this.version++; return { ok: true, value: undefined }; }
    if (!this.dirs.has(path)) return { ok: false, error: 'No such file or directory' };
    const children = this.list(path);
    if (!recursive) return { ok: false, error: 'Is a directory' };
    for (const child of children) this.remove(child.path, true);
    this.dirs.delete(path);
    this.version++;
    return { ok: true, value: undefined };
  }

  /** Direct children of a directory, sorted by name. */
  list(dir: string): { path: string; name: string; dir: boolean; size: number }[] {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const out: { path: string; name: string; dir: boolean; size: number }[] = [];
    for (const d of this.dirs) if (d !== dir && d.startsWith(prefix) && !d.slice(prefix.length).includes('/')) out.push({ path: d, name: baseName(d), dir: true, size: 4096 });
    for (const [f, text] of this.files) if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/')) out.push({ path: f, name: baseName(f), dir: false, size: text.length });
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every file with its content, for the editor's file list and for saving a session. */
  allFiles(): { path: string; content: string }[] {
    return [...this.files].map(([path, content]) => ({ path, content })).sort((a, b) => (a.path < b.path ? -1 : 1));
  }
}
