// The table columns kubectl prints per resource (pkg/printers/internalversion/printers.go), wide columns marked.
import type { K8sObject, Kind } from '../../model/types';
import { formatLabels, formatSelector } from '../../model/labels';
import { humanDuration, parseTimestamp } from '../../model/time';
import { podRow } from './pod-status';
import { serviceExternalIP, servicePorts, endpointsCell, sliceEndpointsCell, slicePortsCell, nodeRoles, nodeStatus } from './cells';

export interface Columns {
  readonly headers: readonly string[];
  /** Headers added by `-o wide` (after the normal ones). */
  readonly wide: readonly string[];
  /** All headers of `-o wide` when the wide columns are not simply appended (Events insert two before MESSAGE). */
  readonly wideHeaders?: readonly string[];
  row(obj: K8sObject, nowEpochMs: number, wide: boolean): string[];
}

// eslint-free loose access to API objects: printers read arbitrary fields.
type Any = Record<string, any>;

/** translateTimestampSince: `<unknown>` for a missing timestamp, else HumanDuration. Pure. */
export function age(timestamp: string | undefined | null, nowEpochMs: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(nowEpochMs - parseTimestamp(timestamp));
}

function containersAndImages(spec: Any | undefined): [string, string] {
  const cs = (spec?.containers ?? []) as Any[];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

const n = (v: unknown): string => String(v ?? 0);

export const COLUMNS: Partial<Record<Kind, Columns>> = {
  Pod: {
    headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    row: (o, now, wide) => {
      const p = o as Any;
      const r = podRow(p, now);
      const base = [o.metadata.name, r.ready, r.status, r.restarts, age(o.metadata.creationTimestamp, now)];
      if (!wide) return base;
      const gates = (p.spec?.readinessGates ?? []) as Any[];
      const gateText = gates.length === 0 ? '<none>' : `${gates.filter((g) => p.status?.conditions?.some((c: Any) => c.type === g.conditionType && c.status === 'True')).length}/${gates.length}`;
      return [...base, p.status?.podIPs?.[0]?.ip ?? p.status?.podIP ?? '<none>', p.spec?.nodeName || '<none>', p.status?.nominatedNodeName || '<none>', gateText];
    },
  },
  Service: {
    headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wide: ['SELECTOR'],
    row: (o, now, wide) => {
      const s = o as Any;
      const clusterIP = s.spec?.clusterIPs?.[0] ?? s.spec?.clusterIP ?? '';
      const base = [o.metadata.name, s.spec?.type ?? 'ClusterIP', clusterIP === '' ? '<none>' : clusterIP, serviceExternalIP(s, wide), servicePorts(s), age(o.metadata.creationTimestamp, now)];
      return wide ? [...base, formatLabels(s.spec?.selector)] : base;
    },
  },
  Deployment: {
    headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now, wide) => {
      const d = o as Any;
      const base = [o.metadata.name, `${n(d.status?.readyReplicas)}/${n(d.spec?.replicas)}`, n(d.status?.updatedReplicas), n(d.status?.availableReplicas), age(o.metadata.creationTimestamp, now)];
      return wide ? [...base, ...containersAndImages(d.spec?.template?.spec), formatSelector(d.spec?.selector)] : base;
    },
  },
  ReplicaSet: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now, wide) => {
      const r = o as Any;
      const base = [o.metadata.name, n(r.spec?.replicas), n(r.status?.replicas), n(r.status?.readyReplicas), age(o.metadata.creationTimestamp, now)];
      return wide ? [...base, ...containersAndImages(r.spec?.template?.spec), formatSelector(r.spec?.selector)] : base;
    },
  },
  DaemonSet: {
    headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
    row: (o, now, wide) => {
      const d = o as Any;
      const st = d.status ?? {};
      const base = [o.metadata.name, n(st.desiredNumberScheduled), n(st.currentNumberScheduled), n(st.numberReady), n(st.updatedNumberScheduled), n(st.numberAvailable), formatLabels(d.spec?.template?.spec?.nodeSelector), age(o.metadata.creationTimestamp, now)];
      return wide ? [...base, ...containersAndImages(d.spec?.template?.spec), formatSelector(d.spec?.selector)] : base;
    },
  },
  StatefulSet: {
    headers: ['NAME', 'READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES'],
    row: (o, now, wide) => {
      const s = o as Any;
      const base = [o.metadata.name, `${n(s.status?.readyReplicas)}/${n(s.spec?.replicas)}`, age(o.metadata.creationTimestamp, now)];
      return wide ? [...base, ...containersAndImages(s.spec?.template?.spec)] : base;
    },
  },
  Node: {
    headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    row: (o, now, wide) => {
      const nd = o as Any;
      const info = nd.status?.nodeInfo ?? {};
      const base = [o.metadata.name, nodeStatus(nd), nodeRoles(nd), age(o.metadata.creationTimestamp, now), info.kubeletVersion || '<unknown>'];
      if (!wide) return base;
      const addr = (t: string): string => (nd.status?.addresses ?? []).find((a: Any) => a.type === t)?.address ?? '<none>';
      return [...base, addr('InternalIP'), addr('ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>'];
    },
  },
  Namespace: {
    headers: ['NAME', 'STATUS', 'AGE'], wide: [],
    row: (o, now) => [o.metadata.name, (o as Any).status?.phase ?? '', age(o.metadata.creationTimestamp, now)],
  },
  Endpoints: {
    headers: ['NAME', 'ENDPOINTS', 'AGE'], wide: [],
    row: (o, now) => [o.metadata.name, endpointsCell(o as Any), age(o.metadata.creationTimestamp, now)],
  },
  EndpointSlice: {
    headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], wide: [],
    row: (o, now) => [o.metadata.name, (o as Any).addressType ?? '', slicePortsCell(o as Any), sliceEndpointsCell(o as Any), age(o.metadata.creationTimestamp, now)],
  },
  Event: {
    headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    wide: ['SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'COUNT', 'NAME'],
    wideHeaders: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
    row: (o, now, wide) => {
      const e = o as Any;
      const last = e.lastTimestamp ?? e.firstTimestamp ?? e.eventTime ?? e.series?.lastObservedTime;
      const object = `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`;
      const message = String(e.message ?? '').trim();
      if (!wide) return [age(last, now), e.type ?? '', e.reason ?? '', object, message];
      const source = e.source?.host ? `${e.source.component}, ${e.source.host}` : e.source?.component ?? e.reportingComponent ?? '';
      return [age(last, now), e.type ?? '', e.reason ?? '', object, e.involvedObject?.fieldPath ?? '', source, message, age(e.firstTimestamp ?? e.eventTime, now), String(e.count ?? 1), o.metadata.name];
    },
  },
  ConfigMap: {
    headers: ['NAME', 'DATA', 'AGE'], wide: [],
    row: (o, now) => [o.metadata.name, String(Object.keys((o as Any).data ?? {}).length + Object.keys((o as Any).binaryData ?? {}).length), age(o.metadata.creationTimestamp, now)],
  },
  Secret: {
    headers: ['NAME', 'TYPE', 'DATA', 'AGE'], wide: [],
    row: (o, now) => [o.metadata.name, (o as Any).type ?? 'Opaque', String(Object.keys((o as Any).data ?? {}).length), age(o.metadata.creationTimestamp, now)],
  },
  // printServiceAccount: SECRETS counts the secrets the account lists (v1.35 drops the column).
  ServiceAccount: {
    headers: ['NAME', 'SECRETS', 'AGE'], wide: [],
    row: (o, now) => [o.metadata.name, String(((o as Any).secrets ?? []).length), age(o.metadata.creationTimestamp, now)],
  },
  PersistentVolumeClaim: {
    headers: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'], wide: ['VOLUMEMODE'],
    row: (o, now, wide) => {
      const c = o as Any;
      const bound = c.status?.phase === 'Bound';
      const modes = (c.status?.accessModes ?? []).map((m: string) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' }[m] ?? m)).join(',');
      const base = [o.metadata.name, o.metadata.deletionTimestamp ? 'Terminating' : c.status?.phase ?? '', c.spec?.volumeName ?? '', bound ? c.status?.capacity?.storage ?? '' : '', bound ? modes : '', c.spec?.storageClassName ?? '<unset>', c.spec?.volumeAttributesClassName ?? '<unset>', age(o.metadata.creationTimestamp, now)];
      return wide ? [...base, c.spec?.volumeMode ?? '<unset>'] : base;
    },
  },
  PersistentVolume: {
    headers: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'], wide: ['VOLUMEMODE'],
    row: (o, now, wide) => {
      const v = o as Any;
      const modes = (v.spec?.accessModes ?? []).map((m: string) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' }[m] ?? m)).join(',');
      const claim = v.spec?.claimRef ? `${v.spec.claimRef.namespace}/${v.spec.claimRef.name}` : '';
      const base = [o.metadata.name, v.spec?.capacity?.storage ?? '', modes, v.spec?.persistentVolumeReclaimPolicy ?? '', o.metadata.deletionTimestamp ? 'Terminating' : v.status?.phase ?? '', claim, v.spec?.storageClassName ?? '', v.spec?.volumeAttributesClassName ?? '<unset>', v.status?.reason ?? '', age(o.metadata.creationTimestamp, now)];
      return wide ? [...base, v.spec?.volumeMode ?? '<unset>'] : base;
    },
  },
  StorageClass: {
    headers: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'], wide: [],
    row: (o, now) => {
      const s = o as Any;
      const isDefault = s.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
      return [`${o.metadata.name}${isDefault ? ' (default)' : ''}`, s.provisioner ?? '', s.reclaimPolicy ?? 'Delete', s.volumeBindingMode ?? 'Immediate', String(s.allowVolumeExpansion ?? false), age(o.metadata.creationTimestamp, now)];
    },
  },
};
