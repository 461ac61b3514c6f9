// "Take it to a real cluster": the student's manifest files as one YAML bundle that `kubectl apply -f` accepts on
// AKS, kind or minikube, with a short guide. Each document is checked as the apiserver would check it (the same
// diagnostics the editor shows); fields only a server sets are dropped; what differs between the simulated AKS
// cluster and the chosen target (storage classes, load balancers, the lab's private registry) is changed or
// explained in a note. The bundle is what the student built: a file whose object is not in the cluster (never
// applied, or deleted since, like the mongodb Deployment a StatefulSet replaced) is left out, with a note.
// Read-only and pure: nothing is stored.
import { isMap, parseAllDocuments, stringify } from 'yaml';
import type { ObjectStore } from '../core/store';
import { isKind, resourceFor } from '../model/resources';
import { objectKey } from '../model/keys';
import { diagnoseManifest } from '../kubectl/diagnostics';
import { parseImageRef } from '../apps/image-ref';
import { HOME } from '../shell/vfs';
import { clone } from '../core/clone';

export type ClusterTarget = 'aks' | 'kind' | 'minikube';
export const CLUSTER_TARGETS: readonly ClusterTarget[] = ['aks', 'kind', 'minikube'];

/** Something the student should know about one document: it was left out, changed, or needs a step first. */
export interface BundleNote {
  /** The file, as `~/name.yaml`. */
  readonly file: string;
  /** The object, as `kind/name`, when the note is about one. */
  readonly object?: string;
  readonly level: 'left-out' | 'changed' | 'action';
  readonly message: string;
}

export interface RealClusterBundle {
  readonly target: ClusterTarget;
  /** The bundle: every object, one YAML document each, in an order `kubectl apply` can create them in. */
  readonly yaml: string;
  /** A short guide in Markdown: what to install, the commands to run, what to expect, the notes. */
  readonly guide: string;
  readonly objects: readonly { readonly kind: string; readonly name: string; readonly file: string }[];
  readonly notes: readonly BundleNote[];
}

/** The storage classes AKS has and the simulated cluster offers; kind and minikube have one, `standard`. */
const AKS_STORAGE_CLASSES = new Set(['default', 'managed', 'managed-csi', 'managed-premium', 'managed-csi-premium', 'azurefile',
  'azurefile-csi', 'azurefile-premium', 'azurefile-csi-premium']);

/** Creation order: what others refer to comes first, as Helm orders an install. */
const KIND_ORDER = ['Namespace', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'ServiceAccount', 'Secret', 'ConfigMap', 'Service',
  'Endpoints', 'EndpointSlice', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Pod'];

/** Annotations a server or kubectl writes; a manifest taken from `kubectl get -o yaml` carries them. */
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision',
  'deprecated.daemonset.template.generation', 'endpoints.kubernetes.io/last-change-trigger-time', 'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller', 'volume.kubernetes.io/selected-node', 'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Found {
  readonly object: Obj;
  readonly file: string;
}

/** Bundles the manifests among `files` (YAML or JSON under the home directory) for `target`. Pure. */
export function exportForRealCluster(files: readonly { path: string; content: string }[], target: ClusterTarget,
  store: ObjectStore): RealClusterBundle {
  const notes: BundleNote[] = [];
  const found: Found[] = [];
  for (const { path, content } of files) {
    if (!path.startsWith(`${HOME}/`) || !/\.(ya?ml|json)$/i.test(path)) continue;
    const file = `~${path.slice(HOME.length)}`;
    for (const object of manifestsIn(content, file, notes, store)) found.push({ object, file });
  }
  const seen = new Map<string, string>();
  const kept: Found[] = [];
  for (const f of found) {
    const id = objectId(f.object);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      notes.push({ file: f.file, object: id, level: 'left-out', message: `${id} is also in ${earlier}; the bundle keeps the first one` });
      continue;
    }
    seen.set(id, f.file);
    if (!inCluster(f.object, store)) {
      notes.push({ file: f.file, object: id, level: 'left-out', message: `${id} is not in your cluster (never applied, or deleted since), so it is left out` });
      continue;
    }
    kept.push({ object: portable(f.object, f.file, target, notes), file: f.file });
  }
  kept.sort((a, b) => rank(a.object) - rank(b.object));
  const objects = kept.map((f) => ({ kind: String(f.object.kind), name: nameOf(f.object), file: f.file }));
  const yaml = kept.map((f) => `# from ${f.file}\n${stringify(f.object, { version: '1.1', lineWidth: 0 })}`).join('---\n');
  return { target, yaml, guide: guideFor(target, objects, notes), objects, notes };
}

/** The Kubernetes objects of one file; documents that are not, or that a real apiserver would refuse, are noted. */
function manifestsIn(content: string, file: string, notes: BundleNote[], store: ObjectStore): Obj[] {
  const out: Obj[] = [];
  const docs = parseAllDocuments(content, { version: '1.1', uniqueKeys: false });
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      notes.push({ file, level: 'left-out', message: `not valid YAML (${doc.errors[0].message.split('\n')[0]}); nothing of this document is in the bundle` });
      continue;
    }
    if (doc.contents === null) continue;
    const value: unknown = doc.toJS();
    if (!isMap(doc.contents) || !isObj(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
      notes.push({ file, level: 'left-out', message: 'a document that is not a Kubernetes object (it needs apiVersion and kind)' });
      continue;
    }
    const items = value.kind === 'List' && Array.isArray(value.items) ? value.items.filter(isObj) : [value];
    for (const item of items) {
      const id = objectId(item);
      if (typeof item.kind !== 'string' || !isKind(item.kind)) {
        notes.push({ file, object: id, level: 'left-out', message: `kubesim does not check ${String(item.kind)} objects, so it leaves them out` });
        continue;
      }
      const errors = diagnoseManifest(stringify(item, { version: '1.1' }), store).filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        notes.push({ file, object: id, level: 'left-out', message: `the apiserver would refuse it: ${errors[0].message}` });
        continue;
      }
      out.push(item);
    }
  }
  return out;
}

/** A copy of `object` without server-set fields and with what `target` needs changed; notes say what changed. */
function portable(object: Obj, file: string, target: ClusterTarget, notes: BundleNote[]): Obj {
  const o = clone(object);
  const id = objectId(o);
  const note = (level: BundleNote['level'], message: string): void => { notes.push({ file, object: id, level, message }); };
  delete o.status;
  const meta = isObj(o.metadata) ? o.metadata : {};
  for (const field of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp',
    'deletionGracePeriodSeconds']) delete meta[field];
  if (isObj(meta.annotations)) {
    for (const a of SERVER_ANNOTATIONS) delete meta.annotations[a];
    if (Object.keys(meta.annotations).length === 0) delete meta.annotations;
  }
  const spec = isObj(o.spec) ? o.spec : undefined;
  if (o.kind === 'Service' && spec) {
    if (spec.clusterIP !== undefined && spec.clusterIP !== 'None') {
      delete spec.clusterIP;
      delete spec.clusterIPs;
      note('changed', 'its fixed clusterIP was dropped: the real cluster allocates one from its own Service range');
    }
    if (spec.type === 'LoadBalancer') {
      if (target === 'kind') note('action', 'kind has no load balancer of its own: EXTERNAL-IP stays <pending> unless cloud-provider-kind runs (see the guide); kubectl port-forward works meanwhile');
      if (target === 'minikube') note('action', 'run `minikube tunnel` in another terminal so the LoadBalancer gets an EXTERNAL-IP');
    }
  }
  if (o.kind === 'PersistentVolumeClaim' && spec) retarget(spec, target, note);
  if (o.kind === 'StatefulSet' && spec && Array.isArray(spec.volumeClaimTemplates)) {
    for (const t of spec.volumeClaimTemplates) if (isObj(t) && isObj(t.spec)) retarget(t.spec, target, note);
  }
  const podSpec = o.kind === 'Pod' ? spec : isObj(spec?.template) && isObj(spec.template.spec) ? spec.template.spec : undefined;
  if (podSpec) {
    if (typeof podSpec.nodeName === 'string') {
      note('changed', `spec.nodeName ${podSpec.nodeName} was dropped: that node is in the simulated cluster only`);
      delete podSpec.nodeName;
    }
    for (const list of [podSpec.initContainers, podSpec.containers]) {
      if (!Array.isArray(list)) continue;
      for (const c of list) if (isObj(c) && typeof c.image === 'string') imageNote(c.image, note);
    }
    if (Array.isArray(podSpec.imagePullSecrets)) {
      for (const s of podSpec.imagePullSecrets) {
        if (isObj(s) && typeof s.name === 'string') note('action', `create the Secret ${s.name} in the real cluster first (kubectl create secret docker-registry ${s.name} …), or remove imagePullSecrets if the images are public`);
      }
    }
  }
  return o;
}

function retarget(spec: Obj, target: ClusterTarget, note: (level: BundleNote['level'], message: string) => void): void {
  const cls = spec.storageClassName;
  if (target === 'aks' || typeof cls !== 'string' || !AKS_STORAGE_CLASSES.has(cls)) return;
  spec.storageClassName = 'standard';
  note('changed', `storageClassName ${cls} is an AKS class; ${target}'s default class is standard`);
}

function imageNote(image: string, note: (level: BundleNote['level'], message: string) => void): void {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return;
  const { domain, path, tag } = parsed.ref;
  if (domain.endsWith('.azurecr.io')) {
    note('action', `${image} is in the lab's private registry, which exists only in kubesim: build the image (for Smilr, from its source) and push it to a registry your cluster can pull from, then change this image`);
  } else if (domain === 'docker.io' && path === 'library/nginx' && /^v\d+$/.test(tag)) {
    note('action', `${image} is a demo tag kubesim uses for rolling updates; real nginx has no such tag: use a version such as nginx:1.27`);
  }
}

function inCluster(o: Obj, store: ObjectStore): boolean {
  const kind = String(o.kind);
  if (!isKind(kind)) return false;
  const meta = isObj(o.metadata) ? o.metadata : {};
  if (typeof meta.name !== 'string') return false;
  const namespace = resourceFor(kind).namespaced ? (typeof meta.namespace === 'string' ? meta.namespace : 'default') : undefined;
  return store.get(objectKey(kind, namespace, meta.name)) !== undefined;
}

function objectId(o: Obj): string {
  return `${String(o.kind ?? '?').toLowerCase()}/${nameOf(o)}`;
}

function nameOf(o: Obj): string {
  const meta = isObj(o.metadata) ? o.metadata : {};
  return typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? `${meta.generateName}…` : '?';
}

function rank(o: Obj): number {
  const i = KIND_ORDER.indexOf(String(o.kind));
  return i < 0 ? KIND_ORDER.length : i;
}

const TARGET_TITLES: Record<ClusterTarget, string> = { aks: 'AKS', kind: 'kind', minikube: 'minikube' };

const TARGET_SETUP: Record<ClusterTarget, string> = {
  aks: 'An AKS cluster and `az aks get-credentials --resource-group <group> --name <cluster>` so that `kubectl` talks to it.',
  kind: 'Docker, kind and kubectl; then `kind create cluster --name kubesim`. For LoadBalancer Services, run cloud-provider-kind (a separate tool from the kind project) alongside.',
  minikube: 'minikube and kubectl; then `minikube start`. For LoadBalancer Services, keep `minikube tunnel` running in another terminal.',
};

/** The guide that goes with a bundle. Pure. */
function guideFor(target: ClusterTarget, objects: RealClusterBundle['objects'], notes: readonly BundleNote[]): string {
  const lines = [
    `# Your kubesim files on a real cluster (${TARGET_TITLES[target]})`,
    '',
    `kubesim-bundle.yaml holds the ${objects.length} object${objects.length === 1 ? '' : 's'} of your files, checked as the apiserver checks them.`,
    '',
    '## Before you start',
    '',
    TARGET_SETUP[target],
    '',
    '## Apply it',
    '',
    '```sh',
    'kubectl apply -f kubesim-bundle.yaml',
    'kubectl get pods -o wide -w      # Ctrl-C once they are Running',
    'kubectl get services',
    '```',
    '',
    'Names with random parts (pods, ReplicaSets), pod IPs and ClusterIPs will differ from kubesim: that is the lesson',
    'of the lab. Service names and DNS names stay as they are.',
    '',
    '## Objects',
    '',
    ...objects.map((o) => `- ${o.kind} ${o.name} (from ${o.file})`),
    '',
  ];
  if (notes.length > 0) {
    lines.push('## Notes', '');
    for (const n of notes) lines.push(`- ${n.level === 'action' ? 'To do' : n.level === 'changed' ? 'Changed' : 'Left out'}: ${n.file}${n.object ? ` ${n.object}` : ''}: ${n.message}`);
    lines.push('');
  }
  lines.push('## Clean up', '', '```sh', 'kubectl delete -f kubesim-bundle.yaml', '```', '');
  return lines.join('\n');
}

