// Random and mutated manifests for `kubectl apply -f`: valid Deployments, Services, Pods and ConfigMaps with
// fields dropped, retyped or replaced, then serialised and damaged as text (indentation, lines, tabs, cuts).
import fc from 'fast-check';
import { stringify } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const BASES: readonly Json[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'MODE', value: 'x' }] }] } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-svc' },
    spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 80, name: 'http' }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-lb' },
    spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'one', namespace: 'default' },
    spec: { restartPolicy: 'Always', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { key: 'value', other: '1' } },
];

const VALUES: readonly Json[] = [null, true, false, 0, -1, 1, 3, 65536, 1e21, 0.5, '', 'x', 'Web_Bad!', 'a'.repeat(70), '80', 'TCP', 'UDP',
  'LoadBalancer', 'NodePort', 'ExternalName', 'None', [], [{}], {}, { a: 'b' }, ['x'], 'nginx:latest', '100m', 'lots', '-1Gi'];
const KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'spec', 'replicas', 'selector', 'matchLabels', 'template',
  'containers', 'image', 'ports', 'port', 'targetPort', 'nodePort', 'containerPort', 'protocol', 'type', 'env', 'value', 'data', 'bogusField',
  'clusterIP', 'restartPolicy', 'command', 'resources', 'requests', 'cpu', 'memory', 'generateName', 'annotations'];

/** Every path (as keys/indexes) to a value inside `v`. */
function paths(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...prefix, i], ...paths(x, [...prefix, i])); });
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k]));
  return out;
}

function edit(root: Json, path: (string | number)[], change: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  let node = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  change(node, path[path.length - 1]);
  return copy;
}

type Mutation = { kind: 'drop' | 'set' | 'add'; at: number; value: number; key: number };
type TextMutation = { kind: 'indent' | 'dedent' | 'delete' | 'duplicate' | 'tab' | 'cut' | 'colon' | 'json' | 'docs'; at: number };

function mutate(base: Json, m: Mutation): Json {
  const all = paths(base);
  if (all.length === 0) return base;
  const path = all[m.at % all.length];
  if (m.kind === 'drop') return edit(base, path, (p, k) => { if (Array.isArray(p)) p.splice(k as number, 1); else delete p[k]; });
  if (m.kind === 'set') return edit(base, path, (p, k) => { p[k] = VALUES[m.value % VALUES.length]; });
  return edit(base, path, (p, k) => {
    const target = p[k];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, Json>)[KEYS[m.key % KEYS.length]] = VALUES[m.value % VALUES.length];
  });
}

function damage(text: string, t: TextMutation, value: Json): string {
  const lines = text.split('\n');
  const i = t.at % Math.max(1, lines.length);
  switch (t.kind) {
    case 'indent': lines[i] = `  ${lines[i]}`; break;
    case 'dedent': lines[i] = lines[i].replace(/^ {1,2}/, ''); break;
    case 'delete': lines.splice(i, 1); break;
    case 'duplicate': lines.splice(i, 0, lines[i]); break;
    case 'tab': lines[i] = `\t${lines[i]}`; break;
    case 'cut': return text.slice(0, t.at % Math.max(1, text.length));
    case 'colon': lines[i] = lines[i].replace(':', ' '); break;
    case 'json': return JSON.stringify(value, null, 2);
    case 'docs': return `${text}---\n${text}`;
  }
  return lines.join('\n');
}

const mutation = fc.record({ kind: fc.constantFrom<'drop' | 'set' | 'add'>('drop', 'set', 'add'), at: fc.nat(), value: fc.nat(), key: fc.nat() });
const textMutation = fc.record({ kind: fc.constantFrom<TextMutation['kind']>('indent', 'dedent', 'delete', 'duplicate', 'tab', 'cut', 'colon', 'json', 'docs'), at: fc.nat() });

/** A manifest's text: a valid base, zero to three structural mutations, then maybe one textual one. */
export const manifestText = fc.tuple(fc.nat({ max: BASES.length - 1 }), fc.array(mutation, { maxLength: 3 }), fc.option(textMutation, { freq: 3 }))
  .map(([b, ms, t]) => {
    const value = ms.reduce((v, m) => mutate(v, m), BASES[b]);
    const text = stringify(value);
    return t ? damage(text, t, value) : text;
  });
