// kubectl's describe.DescribePodTemplate as `rollout history --revision=N` prints it: a PrefixWriter straight into a
// buffer (no tabwriter, so the tabs stay literal), two spaces per level (pkg/describe/describe.go).
import type { Container, DeepReadonly, PodTemplateSpec, Probe } from '../../model/types';

type T = DeepReadonly<PodTemplateSpec>;
type C = DeepReadonly<Container>;
const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function pad(level: number): string {
  return '  '.repeat(level);
}

/** printLabelsMultiline: `title:\tk=v` then `\tk2=v2` lines, or `<none>`. Pure. */
export function labelsMultiline(title: string, labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return `${title}:\t${keys.map((k) => `${k}=${labels![k]}\n`).join('\t')}`;
}

/** printAnnotationsMultiline: long or multi-line values go on their own indented lines, cut at 140 characters. Pure. */
export function annotationsMultiline(title: string, annotations: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  const shorten = (s: string): string => ([...s].length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s);
  const lines = keys.map((k) => {
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      return `${k}:\n${value.split('\n').map((s) => `\t  ${shorten(s)}\n`).join('')}`;
    }
    return `${k}: ${value}\n`;
  });
  return `${title}:\t${lines.join('\t')}`;
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. Pure. */
export function describeProbe(p: DeepReadonly<Probe>): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = g.port === undefined ? '' : String(g.port);
    const host = port ? `${(g.host ?? '').includes(':') ? `[${g.host}]` : g.host ?? ''}:${port}` : g.host ?? '';
    return `http-get ${(g.scheme ?? '').toLowerCase()}://${host}${g.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeContainer(c: C): string {
  let s = `${pad(1)} ${c.name}:\n${pad(2)}Image:\t${c.image ?? ''}\n`;
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
  s += ports.includes(',') ? `${pad(2)}Ports:\t${ports}\n` : `${pad(2)}Port:\t${ports || '<none>'}\n`;
  s += hostPorts.includes(',') ? `${pad(2)}Host Ports:\t${hostPorts}\n` : `${pad(2)}Host Port:\t${hostPorts || '<none>'}\n`;
  for (const [label, items] of [['Command', c.command], ['Args', c.args]] as const) {
    if (items && items.length > 0) s += `${pad(2)}${label}:\n${items.flatMap((i) => i.split('\n')).map((l) => `${pad(3)}${l}\n`).join('')}`;
  }
  for (const [label, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (keys.length > 0) s += `${pad(2)}${label}:\n${keys.map((k) => `${pad(3)}${k}:\t${String(list![k])}\n`).join('')}`;
  }
  for (const [label, probe] of [['Liveness', c.livenessProbe], ['Readiness', c.readinessProbe], ['Startup', c.startupProbe]] as const) {
    if (probe) s += `${pad(2)}${label}:\t${describeProbe(probe)}\n`;
  }
  if (c.envFrom && c.envFrom.length > 0) {
    s += `${pad(2)}Environment Variables from:\n`;
    for (const e of c.envFrom) {
      const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
      const ref = e.configMapRef ?? e.secretRef;
      const kind = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
      s += `${pad(3)}${ref?.name ?? ''}\t${kind}\tOptional: ${ref?.optional === true}\n`;
    }
  }
  s += `${pad(2)}Environment:${(c.env ?? []).length === 0 ? '\t<none>' : ''}\n`;
  for (const e of c.env ?? []) {
    const v = e.valueFrom;
    if (!v) { s += (e.value ?? '').split('\n').map((l, i) => (i === 0 ? `${pad(3)}${e.name}:\t${l}\n` : `${pad(3)}\t${l}\n`)).join(''); continue; }
    if (v.fieldRef) s += `${pad(3)}${e.name}:\t (${v.fieldRef.apiVersion ?? ''}:${v.fieldRef.fieldPath})\n`;
    else if (v.resourceFieldRef) s += `${pad(3)}${e.name}:\t (${v.resourceFieldRef.resource})\n`;
    else if (v.secretKeyRef) s += `${pad(3)}${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name ?? ''}'>\tOptional: ${v.secretKeyRef.optional === true}\n`;
    else if (v.configMapKeyRef) s += `${pad(3)}${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name ?? ''}'>\tOptional: ${v.configMapKeyRef.optional === true}\n`;
  }
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  s += `${pad(2)}Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`;
  for (const m of mounts) s += `${pad(3)}${m.mountPath} from ${m.name} (${[m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])].join(',')})\n`;
  return s;
}

function describeVolumes(t: T): string {
  const volumes = t.spec?.volumes ?? [];
  if (volumes.length === 0) return '  Volumes:\t<none>\n';
  let s = '  Volumes:\n';
  for (const v of volumes) {
    s += `${pad(1)} ${v.name}:\n`;
    if (v.emptyDir) s += `${pad(2)}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`;
    else if (v.configMap) s += `${pad(2)}Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`;
    else if (v.secret) s += `${pad(2)}Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`;
    else if (v.hostPath) s += `${pad(2)}Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`;
    else if (v.persistentVolumeClaim) s += `${pad(2)}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`;
    else if (v.projected) s += `${pad(2)}Type:\tProjected (a volume that contains injected data from multiple sources)\n`;
    else if (v.downwardAPI) s += `${pad(2)}Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n`;
    else s += `${pad(1)}<unknown>\n`;
  }
  return s;
}

/** The whole `Pod Template:` block for a template. Pure. */
export function describePodTemplate(t: T): string {
  let s = 'Pod Template:\n';
  s += labelsMultiline('  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length > 0) s += annotationsMultiline('  Annotations', t.metadata?.annotations);
  if (t.spec?.serviceAccountName) s += `${pad(1)}Service Account:\t${t.spec.serviceAccountName}\n`;
  if ((t.spec?.initContainers ?? []).length > 0) s += `  Init Containers:\n${(t.spec?.initContainers ?? []).map(describeContainer).join('')}`;
  const containers = t.spec?.containers ?? [];
  s += `  Containers:${containers.length === 0 ? ' <none>' : ''}\n${containers.map(describeContainer).join('')}`;
  s += describeVolumes(t);
  if (t.spec?.priorityClassName) s += `${pad(1)}Priority Class Name:\t${t.spec.priorityClassName}\n`;
  s += labelsMultiline('  Node-Selectors', t.spec?.nodeSelector);
  const tolerations = [...(t.spec?.tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  const tol = tolerations.map((x) => `${x.key ?? ''}${x.value ? `=${x.value}` : ''}${x.effect ? `:${x.effect}` : ''}${x.operator === 'Exists' && !x.value ? (x.key || x.effect ? ' op=Exists' : 'op=Exists') : ''}${x.tolerationSeconds !== undefined && x.tolerationSeconds !== null ? ` for ${x.tolerationSeconds}s` : ''}\n`);
  s += `  Tolerations:\t${tol.length === 0 ? '<none>\n' : tol.join('\t')}`;
  return s;
}
