// Reads a lab's `check` and `hints` blocks (YAML an instructor writes by hand) into typed predicates, with an
// error for every unknown key, missing value or bad regular expression, so a typo fails at load time.
import { findResource } from '../model/resources';
import type { DetectorName, FieldTest, Hint, Predicate } from './lab-types';
import { parseFieldPath } from './field-path';
import { Reader, fieldExpectation, httpFrom, isRecord } from './schema-reader';

const DETECTORS: readonly DetectorName[] = [
  'selectorMatchesNoPods', 'targetPortNotListening', 'envUsesPodIP', 'imagePullFailing', 'pullSecretMissing',
  'podsCrashing', 'podsUnschedulable',
];

/** Each predicate's main key and the other keys it accepts (`label` and `namespace` are accepted where useful). */
const KEYS: Readonly<Record<string, readonly string[]>> = {
  all: [], any: [], not: [],
  object: ['namespace', 'fields', 'absent'],
  endpoints: ['namespace', 'ready'],
  pods: ['namespace', 'count', 'all', 'phase', 'ready', 'status', 'image', 'name', 'onNodes', 'unschedulable', 'restarts'],
  env: ['namespace', 'container', 'var', 'equals', 'matches', 'dnsName', 'rolledOut'],
  externalIP: ['namespace'],
  http: ['from', 'method', 'body', 'status', 'tries', 'hostnames', 'bodyMatches'],
  file: ['absent', 'contains', 'matches'],
  history: ['session'],
  output: ['command', 'anyCommand', 'distinct'],
  logs: ['namespace', 'container', 'matches', 'after'],
  nodes: ['ready', 'running'],
  event: ['namespace', 'object', 'message'],
  portForward: ['target'],
  detect: ['namespace', 'service', 'deployment', 'var', 'selector'],
};

/** Parses one predicate; undefined (with errors recorded) when it is malformed. */
function predicate(r: Reader, raw: unknown, path: string): Predicate | undefined {
  if (!isRecord(raw)) return r.fail(path, 'expected a mapping such as {pods: app=web, ready: true}');
  // The check kind is the one key whose options account for every other key (`pods` with `all: true` is a pods
  // check, not an `all` check).
  const kinds = Object.keys(raw).filter((k) => k in KEYS);
  const fits = kinds.filter((k) => Object.keys(raw).every((o) => o === k || o === 'label' || KEYS[k].includes(o)));
  const main = fits.length === 1 ? fits : kinds;
  if (main.length !== 1) {
    return r.fail(path, main.length === 0
      ? `no check kind; use one of ${Object.keys(KEYS).join(', ')}`
      : `one check kind per item (found ${main.join(', ')}); wrap them in all: [...]`);
  }
  const kind = main[0];
  const p = `${path}.${kind}`;
  for (const k of Object.keys(raw)) {
    if (k !== kind && k !== 'label' && !KEYS[kind].includes(k)) r.fail(`${path}.${k}`, `not an option of ${kind} (options: ${KEYS[kind].join(', ') || 'none'})`);
  }
  const v = raw[kind];
  const label = raw.label === undefined ? {} : { label: r.text(raw.label, `${path}.label`) };
  const namespace = raw.namespace === undefined ? 'default' : r.text(raw.namespace, `${path}.namespace`) ?? 'default';
  const opt = <T>(key: string, read: (val: unknown, at: string) => T | undefined): T | undefined =>
    raw[key] === undefined ? undefined : read(raw[key], `${path}.${key}`);
  const build = (body: Record<string, unknown>): Predicate => {
    const clean = Object.fromEntries(Object.entries(body).filter(([, val]) => val !== undefined));
    return { kind, ...clean, ...label } as unknown as Predicate;
  };
  switch (kind) {
    case 'all': case 'any': {
      if (!Array.isArray(v) || v.length === 0) return r.fail(p, 'expected a non-empty list of checks');
      const of = v.map((item, i) => predicate(r, item, `${p}[${i}]`));
      return of.every((x) => x !== undefined) ? build({ of }) : undefined;
    }
    case 'not': {
      const of = predicate(r, v, p);
      return of ? build({ of }) : undefined;
    }
    case 'object': {
      const text = r.text(v, p);
      const m = text === undefined ? null : /^\s*([A-Za-z.]+)(?:\s+|\/)([a-z0-9][a-z0-9.-]*)\s*$/.exec(text);
      const info = m ? findResource(m[1]) : undefined;
      if (!m || !info) return r.fail(p, 'expected "<Kind> <name>", e.g. "Service mongodb-svc"');
      const fields: FieldTest[] = [];
      if (raw.fields !== undefined) {
        if (!isRecord(raw.fields)) return r.fail(`${path}.fields`, 'expected a mapping of field path to value');
        for (const [fp, expect] of Object.entries(raw.fields)) {
          const parsed = parseFieldPath(fp);
          if (typeof parsed === 'string') { r.fail(`${path}.fields`, parsed); continue; }
          const e = fieldExpectation(r, expect, `${path}.fields.${fp}`);
          if (e !== undefined) fields.push({ path: fp, expect: e });
        }
      }
      return build({ objectKind: info.kind, name: m[2], namespace: info.namespaced ? namespace : '', fields, absent: opt('absent', r.bool.bind(r)) ?? false });
    }
    case 'endpoints':
      return build({ service: r.text(v, p), namespace, ready: opt('ready', r.count.bind(r)) ?? { min: 1 } });
    case 'pods': {
      const status = raw.status === undefined ? undefined : (Array.isArray(raw.status) ? raw.status : [raw.status]).map((s, i) => r.text(s, `${path}.status[${i}]`));
      return build({
        selector: r.selector(v, p), namespace, count: opt('count', r.count.bind(r)) ?? { min: 1 }, every: opt('all', r.bool.bind(r)) ?? false,
        phase: opt('phase', r.text.bind(r)), ready: opt('ready', r.bool.bind(r)), status, image: opt('image', r.text.bind(r)),
        name: opt('name', r.regex.bind(r)), nodes: opt('onNodes', r.count.bind(r)),
        unschedulable: raw.unschedulable === true ? '' : opt('unschedulable', r.regex.bind(r)), restarts: opt('restarts', r.count.bind(r)),
      });
    }
    case 'env':
      if (raw.var === undefined) return r.fail(path, 'env needs var: <VARIABLE NAME>');
      return build({
        deployment: r.text(v, p), namespace, container: opt('container', r.text.bind(r)), variable: r.text(raw.var, `${path}.var`),
        equals: opt('equals', r.text.bind(r)), matches: opt('matches', r.regex.bind(r)), dnsName: opt('dnsName', r.bool.bind(r)),
        rolledOut: opt('rolledOut', r.bool.bind(r)) ?? false,
      });
    case 'externalIP':
      return build({ service: r.text(v, p), namespace });
    case 'http': {
      const url = r.text(v, p);
      if (url !== undefined && !/^http:\/\/[^/\s]+(\/\S*)?$/.test(url.replace(/\{\{[^}]*\}\}/g, 'x'))) r.fail(p, 'expected http://HOST[:PORT]/PATH');
      const hostnames = opt('hostnames', (x, at) => r.int(x, at, 1));
      return build({
        url, from: httpFrom(r, raw.from, `${path}.from`, namespace), method: (opt('method', r.text.bind(r)) ?? 'GET').toUpperCase(),
        body: opt('body', (x) => (typeof x === 'string' ? x : r.fail(`${path}.body`, 'expected text'))), status: opt('status', (x, at) => r.int(x, at, 100)) ?? 200,
        tries: opt('tries', (x, at) => r.int(x, at, 1)) ?? (hostnames && hostnames > 1 ? 12 : 1), hostnames,
        bodyMatches: opt('bodyMatches', r.regex.bind(r)),
      });
    }
    case 'file':
      return build({ path: r.text(v, p), absent: opt('absent', r.bool.bind(r)) ?? false, contains: opt('contains', r.text.bind(r)), matches: opt('matches', r.regex.bind(r)) });
    case 'history':
      return build({ matches: r.regex(v, p), session: opt('session', r.bool.bind(r)) ?? false });
    case 'output':
      return build({ matches: r.regex(v, p), command: opt('command', r.regex.bind(r)), anyCommand: opt('anyCommand', r.bool.bind(r)) ?? false, distinct: opt('distinct', (x, at) => r.int(x, at, 1)) });
    case 'logs':
      if (raw.matches === undefined) return r.fail(path, 'logs needs matches: <regex>');
      return build({ selector: r.selector(v, p), namespace, container: opt('container', r.text.bind(r)), matches: r.regex(raw.matches, `${path}.matches`), after: opt('after', r.regex.bind(r)) });
    case 'nodes':
      return build({ count: r.count(v, p), ready: opt('ready', r.bool.bind(r)), running: opt('running', r.bool.bind(r)) });
    case 'event':
      return build({ reason: r.text(v, p), namespace, object: opt('object', r.regex.bind(r)), message: opt('message', r.regex.bind(r)) });
    case 'portForward':
      return build({ localPort: r.int(v, p, 1), target: opt('target', r.regex.bind(r)) });
    case 'detect': {
      if (!DETECTORS.includes(v as DetectorName)) return r.fail(p, `unknown detector (use ${DETECTORS.join(', ')})`);
      const needs: Readonly<Record<DetectorName, string>> = {
        selectorMatchesNoPods: 'service', targetPortNotListening: 'service', envUsesPodIP: 'deployment',
        imagePullFailing: '', pullSecretMissing: '', podsCrashing: '', podsUnschedulable: '',
      };
      const need = needs[v as DetectorName];
      if (need && raw[need] === undefined) return r.fail(path, `${v} needs ${need}: <name>`);
      return build({
        detector: v, namespace, service: opt('service', r.text.bind(r)), deployment: opt('deployment', r.text.bind(r)),
        variable: opt('var', r.text.bind(r)), selector: opt('selector', r.selector.bind(r)),
      });
    }
  }
  return r.fail(p, 'unknown check kind');
}

/** Reads a `check` block's parsed YAML: one predicate, or a list (all must pass). */
export function readCheck(raw: unknown, path = 'check'): { ok: true; check: Predicate } | { ok: false; errors: string[] } {
  const r = new Reader();
  const check = Array.isArray(raw) ? predicate(r, { all: raw }, path) : predicate(r, raw, path);
  return check && r.errors.length === 0 ? { ok: true, check } : { ok: false, errors: r.errors.length ? r.errors : [`${path}: invalid`] };
}

/** Whether a predicate contains a detector (whose message can serve as a hint's text). Pure. */
function hasDetector(p: Predicate): boolean {
  if (p.kind === 'detect') return true;
  if (p.kind === 'all' || p.kind === 'any') return p.of.some(hasDetector);
  return false;
}

/** Reads a `hints` block's parsed YAML: a list of {when?, after?, text?, id?}. */
export function readHints(raw: unknown, path = 'hints'): { ok: true; hints: Hint[] } | { ok: false; errors: string[] } {
  const r = new Reader();
  if (!Array.isArray(raw)) return { ok: false, errors: [`${path}: expected a list of hints`] };
  const hints: Hint[] = [];
  raw.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(item)) { r.fail(at, 'expected a mapping with when/after and text'); return; }
    for (const k of Object.keys(item)) if (!['id', 'when', 'after', 'text'].includes(k)) r.fail(`${at}.${k}`, 'unknown key (use id, when, after, text)');
    if ((item.when === undefined) === (item.after === undefined)) r.fail(at, 'a hint has either when: <check> (a wrong turn) or after: <seconds> (a timed hint)');
    const when = item.when === undefined ? undefined : predicate(r, item.when, `${at}.when`);
    const afterSeconds = item.after === undefined ? undefined : r.int(item.after, `${at}.after`, 1);
    const text = item.text === undefined ? undefined : r.text(item.text, `${at}.text`);
    if (text === undefined && (when === undefined || !hasDetector(when))) r.fail(at, 'a hint needs text (only detectors explain themselves)');
    const id = item.id === undefined ? String(i + 1) : r.text(item.id, `${at}.id`) ?? String(i + 1);
    hints.push({ id, ...(when ? { when } : {}), ...(afterSeconds !== undefined ? { afterSeconds } : {}), ...(text !== undefined ? { text } : {}) });
  });
  const ids = hints.map((h) => h.id);
  ids.forEach((id, i) => { if (ids.indexOf(id) !== i) r.fail(path, `hint id "${id}" is used twice`); });
  return r.errors.length === 0 ? { ok: true, hints } : { ok: false, errors: r.errors };
}
