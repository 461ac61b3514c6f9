// The student's home directory as the editor shows it: paths relative to ~, file-name rules for New file and
// Rename, and the kubectl line the Apply button types.
import type { FileEntry } from '../../../sim/worker/api';

/** The student's home directory, as the simulated shell defines it. */
export const HOME = '/home/student';

/** `~/a/b.yaml` for a path under the home directory, the absolute path otherwise. Pure. */
export function displayPath(path: string): string {
  if (path === HOME) return '~';
  return path.startsWith(`${HOME}/`) ? `~/${path.slice(HOME.length + 1)}` : path;
}

/** The path relative to ~ (`a/b.yaml`), or the absolute path for files elsewhere. Pure. */
export function relativeName(path: string): string {
  return path.startsWith(`${HOME}/`) ? path.slice(HOME.length + 1) : path;
}

/** The absolute path of a name typed by the student: relative names and `~/…` live under the home directory. Pure. */
export function homePath(name: string): string {
  const trimmed = name.trim();
  if (trimmed.startsWith('/')) return trimmed;
  const rest = trimmed.startsWith('~/') ? trimmed.slice(2) : trimmed;
  return `${HOME}/${rest}`;
}

/** The files under the home directory, sorted by their name relative to ~. Pure. */
export function homeFiles(files: readonly FileEntry[]): FileEntry[] {
  return files.filter((f) => f.path.startsWith(`${HOME}/`)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * Why a new name for a file under ~ is refused, or undefined when it is fine. `current` is the file being renamed
 * (keeping its own name is allowed). Pure.
 */
export function fileNameProblem(name: string, existing: readonly string[], current?: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Type a file name, for example mongo.svc.yaml.';
  const relative = trimmed.startsWith('~/') ? trimmed.slice(2) : trimmed;
  if (relative.startsWith('/')) return 'Use a name inside your home directory (~), not an absolute path.';
  if (relative.endsWith('/')) return 'A file name cannot end with "/".';
  const segments = relative.split('/');
  if (segments.some((s) => s === '')) return 'A name cannot contain "//".';
  if (segments.some((s) => s === '.' || s === '..')) return 'A name cannot contain "." or ".." as a folder.';
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) return `"${bad}" has characters the editor does not allow here: use letters, digits, ".", "_" and "-".`;
  if (segments.some((s) => s.length > 255)) return 'A name part can have at most 255 characters.';
  const path = `${HOME}/${relative}`;
  if (path !== current && existing.includes(path)) return `~/${relative} already exists.`;
  if (existing.some((p) => p.startsWith(`${path}/`))) return `~/${relative} is a folder.`;
  return undefined;
}

/** Whether the engine can check the file as a manifest (YAML or JSON). Pure. */
export function isManifestPath(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

/** Quotes a shell word when it needs it (the same rules as a POSIX shell's single quotes). Pure. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9._\/~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The terminal line the Apply button runs for a file: `kubectl apply -f ~/mongo.svc.yaml`. Pure. */
export function applyCommandFor(path: string): string {
  const shown = displayPath(path);
  const word = shown.startsWith('~/') && /^[A-Za-z0-9._\/-]+$/.test(shown.slice(2)) ? shown : shellWord(path);
  return `kubectl apply -f ${word}`;
}
