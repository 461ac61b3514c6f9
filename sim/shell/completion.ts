// Tab completion for the terminal, as bash with kubectl's completion script offers it: command names, kubectl
// verbs and subcommands, resource types (as `kubectl api-resources -o name` lists them), object names of that type in the namespace,
// the verb's flags, namespaces after -n, and file names (for -f and for other commands).
// Pure over the object store and the virtual file system.
import type { ObjectStore } from '../core/store';
import { RESOURCES, findResource } from '../model/resources';
import { resolvePath, type VirtualFs } from './vfs';

export interface CompletionContext {
  readonly store: ObjectStore;
  readonly fs: VirtualFs;
  readonly cwd: string;
  /** Command names the shell knows. */
  readonly commands: readonly string[];
  /** The session's aliases: their names complete as commands, and an alias's words stand for it. */
  readonly aliases?: ReadonlyMap<string, string>;
}

export interface Completion {
  /** Where the word being completed starts in the line; candidates replace line[replaceFrom, cursor). */
  readonly replaceFrom: number;
  readonly candidates: string[];
}

const VERBS = ['annotate', 'api-resources', 'apply', 'auth', 'cluster-info', 'config', 'cordon', 'create', 'delete', 'describe', 'drain',
  'edit', 'exec', 'explain', 'expose', 'get', 'label', 'logs', 'port-forward', 'rollout', 'run', 'scale', 'set', 'top', 'uncordon',
  'version', 'wait'];

const SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  create: ['configmap', 'deployment', 'namespace', 'secret', 'service'],
  set: ['env', 'image', 'resources'],
  config: ['current-context', 'get-contexts', 'use-context', 'view'],
  auth: ['can-i'],
  top: ['node', 'pod'],
};

const COMMON_FLAGS = ['--namespace', '--all-namespaces', '--context', '--kubeconfig', '--request-timeout'];
const VERB_FLAGS: Readonly<Record<string, readonly string[]>> = {
  get: ['--output', '--selector', '--show-labels', '--watch', '--field-selector', '--no-headers', '--show-kind', '--ignore-not-found'],
  describe: ['--selector', '--show-events'],
  apply: ['--filename', '--recursive', '--dry-run', '--output', '--server-side', '--prune', '--selector'],
  create: ['--filename', '--dry-run', '--output', '--image', '--replicas', '--port', '--tcp'],
  delete: ['--filename', '--selector', '--all', '--grace-period', '--now', '--force', '--wait', '--ignore-not-found'],
  logs: ['--follow', '--container', '--all-containers', '--previous', '--tail', '--timestamps', '--since', '--since-time', '--selector', '--prefix', '--limit-bytes'],
  exec: ['--container', '--stdin', '--tty', '--quiet'],
  'port-forward': ['--address', '--pod-running-timeout'],
  scale: ['--replicas', '--current-replicas', '--selector', '--all'],
  rollout: ['--watch', '--timeout', '--revision', '--to-revision'],
  expose: ['--port', '--target-port', '--type', '--name', '--protocol', '--selector'],
  label: ['--overwrite', '--selector', '--all'],
  annotate: ['--overwrite', '--selector', '--all'],
  wait: ['--for', '--timeout', '--selector', '--all'],
  drain: ['--ignore-daemonsets', '--delete-emptydir-data', '--force', '--grace-period'],
};
const TAKES_TYPE = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'explain', 'wait', 'expose', 'scale', 'rollout']);
const TAKES_POD = new Set(['logs', 'exec', 'port-forward', 'attach']);
const TAKES_NODE = new Set(['cordon', 'uncordon', 'drain']);

/** Words of the current command before the cursor, and the partial word being typed. Pure. */
export function wordsBefore(text: string): { words: string[]; partial: string } {
  const words: string[] = [];
  let current = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) { if (c === quote) quote = ''; else current += c; continue; }
    if (c === "'" || c === '"') { quote = c; continue; }
    if (c === '\\' && i + 1 < text.length) { current += text[++i]; continue; }
    if (/[|;&]/.test(c)) { words.length = 0; current = ''; continue; }
    if (/\s/.test(c)) { if (current) words.push(current); current = ''; continue; }
    current += c;
  }
  return { words, partial: current };
}

function fileCandidates(ctx: CompletionContext, partial: string, manifestsOnly: boolean): string[] {
  const slash = partial.lastIndexOf('/');
  const dirText = slash >= 0 ? partial.slice(0, slash + 1) : '';
  const dir = resolvePath(ctx.cwd, dirText || '.');
  if (!ctx.fs.isDir(dir)) return [];
  return ctx.fs.list(dir)
    .filter((e) => e.dir || !manifestsOnly || /\.(ya?ml|json)$/.test(e.name))
    .map((e) => `${dirText}${e.name}${e.dir ? '/' : ''}`);
}

/** What kubectl offers for a resource type: `api-resources -o name` (plural, group-qualified: `deployments.apps`). */
function typeNames(): string[] {
  return RESOURCES.map((r) => (r.group ? `${r.plural}.${r.group}` : r.plural));
}

function objectNames(ctx: CompletionContext, type: string, namespace: string): string[] {
  const info = findResource(type);
  if (!info) return [];
  return ctx.store.list(info.kind, info.namespaced ? namespace : undefined).map((o) => o.metadata.name);
}

/** What kubectl's arguments so far are: the verb, its positionals, the namespace, the flag awaiting a value. */
function kubectlState(words: readonly string[]): { verb?: string; positionals: string[]; namespace: string; pendingFlag?: string } {
  let verb: string | undefined;
  const positionals: string[] = [];
  let namespace = 'default';
  let pendingFlag: string | undefined;
  const valued = new Set(['-n', '--namespace', '-f', '--filename', '-o', '--output', '-l', '--selector', '-c', '--container', '--context', '--kubeconfig', '--tail', '--since', '--replicas', '--image', '--port', '--type', '--for', '--timeout']);
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (pendingFlag) { if (pendingFlag === '-n' || pendingFlag === '--namespace') namespace = w; pendingFlag = undefined; continue; }
    if (w.startsWith('--namespace=')) { namespace = w.slice(12); continue; }
    if (valued.has(w)) { pendingFlag = w; continue; }
    if (w.startsWith('-')) continue;
    if (verb === undefined) verb = w; else positionals.push(w);
  }
  return { verb, positionals, namespace, pendingFlag };
}

function kubectlCandidates(ctx: CompletionContext, words: readonly string[], partial: string): string[] {
  const s = kubectlState(words);
  if (s.pendingFlag === '-n' || s.pendingFlag === '--namespace') return ctx.store.list('Namespace').map((n) => n.metadata.name);
  if (s.pendingFlag === '-f' || s.pendingFlag === '--filename') return fileCandidates(ctx, partial, true);
  if (s.pendingFlag === '-o' || s.pendingFlag === '--output') return ['json', 'yaml', 'wide', 'name', 'jsonpath=', 'custom-columns='];
  if (s.pendingFlag) return [];
  if (s.verb === undefined) return partial.startsWith('-') ? COMMON_FLAGS : VERBS;
  if (partial.startsWith('-')) return [...(VERB_FLAGS[s.verb] ?? []), ...COMMON_FLAGS];
  const sub = SUBCOMMANDS[s.verb];
  let pos = s.positionals;
  if (sub) {
    if (pos.length === 0) return [...sub];
    if (s.verb !== 'rollout' && s.verb !== 'top') return [];
    pos = pos.slice(1);
  }
  if (partial.includes('/')) {
    const type = partial.slice(0, partial.indexOf('/'));
    return objectNames(ctx, type, s.namespace).map((n) => `${type}/${n}`);
  }
  if (TAKES_POD.has(s.verb)) return pos.length === 0 ? objectNames(ctx, 'pods', s.namespace) : [];
  if (TAKES_NODE.has(s.verb)) return objectNames(ctx, 'nodes', s.namespace);
  if (s.verb === 'top') return objectNames(ctx, s.positionals[0] === 'node' ? 'nodes' : 'pods', s.namespace);
  if (!TAKES_TYPE.has(s.verb)) return [];
  if (pos.length === 0) return s.verb === 'rollout' ? ['daemonset', 'deployment', 'statefulset'] : typeNames();
  if (pos[0].includes('/')) return [];
  return objectNames(ctx, pos[0].split(',')[0], s.namespace);
}

/** Candidates for the word before `cursor` in `line`, and where that word starts. Pure. */
export function complete(line: string, cursor: number, ctx: CompletionContext): Completion {
  const before = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
  const typed = wordsBefore(before);
  const partial = typed.partial;
  const aliased = typed.words.length > 0 ? ctx.aliases?.get(typed.words[0]) : undefined;
  const words = aliased === undefined ? typed.words : [...aliased.trim().split(/\s+/), ...typed.words.slice(1)];
  const replaceFrom = before.length - partial.length;
  let candidates: string[];
  if (words.length === 0) candidates = partial.includes('/') ? fileCandidates(ctx, partial, false) : [...ctx.commands, ...(ctx.aliases?.keys() ?? [])];
  else if (words[0] === 'kubectl' || words[0] === 'k') candidates = kubectlCandidates(ctx, words, partial);
  else candidates = fileCandidates(ctx, partial, false);
  const unique = [...new Set(candidates)].filter((c) => c.startsWith(partial)).sort();
  return { replaceFrom, candidates: unique };
}
