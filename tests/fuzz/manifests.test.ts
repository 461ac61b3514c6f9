// Property: `kubectl apply -f` of any manifest, valid or damaged, never crashes, never leaves one object
// half-applied (it is stored as the success line says, or left exactly as it was), and explains every failure in
// kubectl's words. FUZZ_MANIFESTS sets the count.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FUZZ_SEED } from './fuzz-seed';
import { parseAllDocuments } from 'yaml';
import { manifestText } from './manifest-generators';
import { ShellHarness } from './shell-harness';
import { RESOURCES, isKind, kindGroupName, resourceFor } from '../../sim/model/resources';
import { objectKey } from '../../sim/model/keys';
import type { K8sObject } from '../../sim/model/types';

const COUNT = Number(process.env.FUZZ_MANIFESTS ?? 10_000);

/** The line shapes kubectl writes to stderr for apply (first lines and their continuations). */
const STDERR_LINES = [
  /^error: /, /^Error from server \([A-Za-z]+\): /, /^The [A-Za-z]+ "[^"]*" is invalid/, /^The request is invalid/, /^Warning: /,
  /^\* /, /^ensure CRDs are installed first$/, /^Resource: "/, /^Name: "/, /^from server for: "/,
  // The patch kubectl sent, in "error when applying patch:\n{…}\nto:\nResource: …\nName: …\nfor: …".
  /^\{.*\}$/, /^to:$/, /^for: "/,
  // Indented continuation lines (the field diff of a forbidden Pod update).
  /^\s/, /^[-+][ \t]/, /^\]$/,
  // Several errors at once are printed as kubectl's aggregate: one message a line, without the `error: ` prefix.
  /^(resource mapping not found|error (when|parsing|validating|converting)|unable to (decode|recognize)|the path |the namespace from)/,
];

const KIND_BY_NAME = new Map(RESOURCES.map((r) => [kindGroupName(r), r.kind]));

interface Target { kind: K8sObject['kind']; namespace?: string; name: string; doc: Record<string, unknown> }

function targetsOf(text: string): Target[] {
  const out: Target[] = [];
  try {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) continue;
      const v = doc.toJS() as Record<string, unknown> | null;
      const meta = v?.metadata as Record<string, unknown> | undefined;
      if (!v || typeof v.kind !== 'string' || !isKind(v.kind) || typeof meta?.name !== 'string') continue;
      const info = resourceFor(v.kind);
      out.push({ kind: v.kind, namespace: info.namespaced ? (typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default') : undefined, name: meta.name, doc: v });
    }
  } catch {
    // Unparseable text: no object can be named, so the whole store must be left alone (checked below).
  }
  return out;
}

describe('random and mutated manifests', () => {
  it(`applies ${COUNT} manifests with no crash, no half-applied object and kubectl-style failures`, () => {
    const h = new ShellHarness(11, 2_000);
    fc.assert(fc.property(manifestText, (text) => {
      h.sim.shell.fs.write('/home/student/m.yaml', text);
      const targets = targetsOf(text);
      const store = h.sim.store;
      const before = new Map(targets.map((t) => [t, store.get(objectKey(t.kind, t.namespace, t.name))?.metadata.resourceVersion]));
      const rvBefore = store.resourceVersion;
      const bugs = h.bugs.length;
      const r = h.run('kubectl apply -f m.yaml');
      if (h.bugs.length > bugs) throw new Error(`crash on:\n${text}\n${h.bugs.slice(bugs).join('\n')}`);
      for (const line of r.stderr.split('\n').filter(Boolean)) {
        if (!STDERR_LINES.some((re) => re.test(line))) throw new Error(`not a kubectl-style message: ${JSON.stringify(line)}\nfor:\n${text}`);
      }
      if (r.exitCode !== 0 && !r.stderr.split('\n').some((l) => l !== '' && !l.startsWith('Warning: '))) throw new Error(`exit ${r.exitCode} without an error for:\n${text}`);
      const said = new Map<string, string>();
      for (const m of r.stdout.matchAll(/^(\S+)\/(\S+) (created|configured|unchanged)$/gm)) said.set(`${KIND_BY_NAME.get(m[1])}/${m[2]}`, m[3]);
      if (targets.length === 0 && said.size === 0) expect(store.resourceVersion).toBe(rvBefore);
      for (const t of targets) {
        const now = store.get(objectKey(t.kind, t.namespace, t.name));
        const verdict = said.get(`${t.kind}/${t.name}`);
        if (verdict === undefined) {
          if (now?.metadata.resourceVersion !== before.get(t)) throw new Error(`${t.kind}/${t.name} changed although apply did not say so:\n${text}\n${r.stdout}${r.stderr}`);
          continue;
        }
        if (!now) throw new Error(`${t.kind}/${t.name} ${verdict} but not stored:\n${text}`);
        if (t.kind === 'ConfigMap' && verdict !== 'unchanged') {
          const data = t.doc.data;
          if (data && typeof data === 'object' && Object.values(data).every((x) => typeof x === 'string')) expect((now as { data?: unknown }).data).toEqual(data);
        }
        if (t.kind === 'Deployment' && verdict !== 'unchanged') {
          const replicas = (t.doc.spec as { replicas?: unknown } | undefined)?.replicas;
          if (typeof replicas === 'number') expect((now as { spec?: { replicas?: number } }).spec?.replicas).toBe(replicas);
        }
      }
    }), { numRuns: COUNT, seed: FUZZ_SEED });
  }, 600_000);
});
