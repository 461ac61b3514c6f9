// `kubectl create secret generic|docker-registry|tls` and `kubectl create configmap` (cmd/create/create_secret*.go,
// create_configmap.go): data from --from-literal, --from-file and --from-env-file read on the student's machine.
// SIMPLIFIED: `secret tls` does not check that the certificate and key are valid PEM.
import type { ProgramContext } from '../../shell/program';
import { flag, parseFlags, type FlagSpec, type ParsedFlags } from '../flags';
import { resolvePath, baseName } from '../../shell/vfs';
import { flagError } from '../patch';
import { CREATE_COMMON, emitCreated, enforcedNamespace, nameArg } from './emit';
import { dataObject, dockerRegistrySecret } from './generators';

const DATA_FLAGS: FlagSpec = {
  ...CREATE_COMMON, 'from-literal': { multi: true }, 'from-file': { multi: true }, 'from-env-file': { multi: true }, type: {},
  'append-hash': { bool: true },
};
const DOCKER_FLAGS: FlagSpec = {
  ...CREATE_COMMON, 'docker-server': {}, 'docker-username': {}, 'docker-password': {}, 'docker-email': {}, 'from-file': { multi: true }, 'append-hash': { bool: true },
};
const TLS_FLAGS: FlagSpec = { ...CREATE_COMMON, cert: {}, key: {}, 'append-hash': { bool: true } };

/** A key given twice: create_configmap.go quotes the key and names the ConfigMap, create_secret.go does neither. Pure. */
export function duplicateKey(kind: 'Secret' | 'ConfigMap', key: string, name: string): string {
  return kind === 'ConfigMap'
    ? `cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`
    : `cannot add key ${key}, another key by that name already exists`;
}

/** Collects key/value pairs from the --from-* flags, or kubectl's error text. */
export function collectData(ctx: ProgramContext, f: ParsedFlags, kind: 'Secret' | 'ConfigMap', name: string): Map<string, string> | string {
  const data = new Map<string, string>();
  const add = (key: string, value: string): string | undefined => {
    if (!/^[-._a-zA-Z0-9]+$/.test(key)) return `"${key}" is not a valid key name for a ${kind}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`;
    if (data.has(key)) return duplicateKey(kind, key, name);
    data.set(key, value);
    return undefined;
  };
  for (const lit of f.values.get('from-literal') ?? []) {
    const eq = lit.indexOf('=');
    if (eq <= 0) return `invalid literal source ${lit}, expected key=value`;
    const e = add(lit.slice(0, eq), lit.slice(eq + 1).replace(/^"(.*)"$/, '$1'));
    if (e) return e;
  }
  for (const src of f.values.get('from-file') ?? []) {
    const eq = src.indexOf('=');
    const path = eq >= 0 ? src.slice(eq + 1) : src;
    const abs = resolvePath(ctx.session.cwd, path);
    const files = ctx.session.fs.isDir(abs) ? ctx.session.fs.list(abs).filter((e) => !e.dir).map((e) => e.path) : [abs];
    for (const file of files) {
      const r = ctx.session.fs.read(file);
      if (!r.ok) return `error reading ${path}: no such file or directory`;
      const e = add(eq >= 0 ? src.slice(0, eq) : baseName(file), r.value);
      if (e) return e;
    }
  }
  for (const envFile of f.values.get('from-env-file') ?? []) {
    const r = ctx.session.fs.read(resolvePath(ctx.session.cwd, envFile));
    if (!r.ok) return `error reading ${envFile}: no such file or directory`;
    for (const line of r.value.split('\n')) {
      const text = line.replace(/^\uFEFF/, '');
      if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
      const eq = text.indexOf('=');
      const e = add(eq >= 0 ? text.slice(0, eq) : text, eq >= 0 ? text.slice(eq + 1) : '');
      if (e) return e;
    }
  }
  return data;
}

/** `kubectl create configmap NAME --from-…`. */
export function createConfigMap(ctx: ProgramContext, args: readonly string[]): number {
  const parsed = parseFlags(args, DATA_FLAGS);
  if (!parsed.ok) return flagError(ctx, 'create configmap', parsed.error);
  const f = parsed.flags;
  const named = nameArg(f.positionals, 'create configmap');
  if ('error' in named) { ctx.err(named.error); return 1; }
  const data = collectData(ctx, f, 'ConfigMap', named.name);
  if (typeof data === 'string') { ctx.err(`error: ${data}\n`); return 1; }
  return emitCreated(ctx, f, dataObject('ConfigMap', named.name, enforcedNamespace(f), data), (s) => `failed to create configmap: ${s.message}`);
}

/** `kubectl create secret generic|docker-registry|tls NAME …`. */
export function createSecret(ctx: ProgramContext, args: readonly string[]): number {
  const subIndex = args.findIndex((a) => !a.startsWith('-'));
  const sub = subIndex >= 0 ? args[subIndex] : undefined;
  if (sub === undefined) {
    ctx.err('Create a secret with specified type.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret\n\nUsage:\n  kubectl create secret (docker-registry | generic | tls) [options]\n');
    return 1;
  }
  if (!['generic', 'docker-registry', 'tls'].includes(sub)) { ctx.err(`error: unknown command "${sub}" for "kubectl create secret"\n`); return 1; }
  const rest = [...args.slice(0, subIndex), ...args.slice(subIndex + 1)];
  const parsed = parseFlags(rest, sub === 'generic' ? DATA_FLAGS : sub === 'tls' ? TLS_FLAGS : DOCKER_FLAGS);
  if (!parsed.ok) return flagError(ctx, `create secret ${sub}`, parsed.error);
  const f = parsed.flags;
  const named = nameArg(f.positionals, `create secret ${sub}`);
  if ('error' in named) { ctx.err(named.error); return 1; }
  const ns = enforcedNamespace(f);
  const wrap = (s: { message: string }): string => `failed to create secret ${s.message}`;
  if (sub === 'generic') {
    const data = collectData(ctx, f, 'Secret', named.name);
    if (typeof data === 'string') { ctx.err(`error: ${data}\n`); return 1; }
    return emitCreated(ctx, f, dataObject('Secret', named.name, ns, data, flag(f, 'type')), wrap);
  }
  if (sub === 'tls') {
    const cert = flag(f, 'cert'), key = flag(f, 'key');
    if (!cert || !key) { ctx.err('error: key and cert must be specified\n'); return 1; }
    const certText = ctx.session.fs.read(resolvePath(ctx.session.cwd, cert));
    const keyText = ctx.session.fs.read(resolvePath(ctx.session.cwd, key));
    if (!certText.ok || !keyText.ok) { ctx.err(`error: open ${certText.ok ? key : cert}: no such file or directory\n`); return 1; }
    return emitCreated(ctx, f, dataObject('Secret', named.name, ns, new Map([['tls.crt', certText.value], ['tls.key', keyText.value]]), 'kubernetes.io/tls'), wrap);
  }
  const username = flag(f, 'docker-username') ?? '', password = flag(f, 'docker-password') ?? '';
  const server = flag(f, 'docker-server') ?? 'https://index.docker.io/v1/';
  if (!(f.values.get('from-file') ?? []).length && (!username || !password || !server)) {
    ctx.err('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n');
    return 1;
  }
  return emitCreated(ctx, f, dockerRegistrySecret(named.name, ns, server, username, password, flag(f, 'docker-email') ?? ''), wrap);
}
