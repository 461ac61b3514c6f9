// Defaulting of a PodSpec and everything inside it (pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec, _Container,
// _ContainerPort, _Probe, _HTTPGetAction, _Volume and the volume sources, _ResourceList), for Pods and templates.
// Containers get no resizePolicy: that defaulting was removed in v1.33 (kubernetes#128920).
// SIMPLIFIED: pod-level resources get no requests-from-limits defaulting.
// Fields are written only when their value changes, so a template shared with a stored object (already
// defaulted, possibly frozen) is left untouched.
import { canonicalQuantityText } from './quantity-canonical';
import { arrayOf, isRecord } from './field-checks';

type Obj = Record<string, unknown>;

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** SetDefaults_ResourceList: every quantity in canonical form, rounded up to milli-units. Mutates. */
export function canonicalizeResourceList(list: unknown): void {
  if (!isRecord(list)) return;
  for (const [name, value] of Object.entries(list)) {
    const canonical = canonicalQuantityText(value);
    if (canonical !== undefined && canonical !== value) list[name] = canonical;
  }
}

/** parsers.ParseImageName's tag: `latest` for an untagged image, none for a digest-only reference. Pure. */
export function imageTag(image: string): string | undefined {
  if (image === '') return undefined;
  const withoutDigest = image.split('@')[0];
  if (withoutDigest !== image && !/:[^/]*$/.test(withoutDigest)) return undefined;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon >= 0 ? withoutDigest.slice(colon + 1) : 'latest';
}

function defaultHandler(handler: unknown): void {
  if (!isRecord(handler)) return;
  const http = handler.httpGet;
  if (isRecord(http)) {
    http.path ||= '/';
    http.scheme ||= 'HTTP';
  }
  if (isRecord(handler.grpc) && handler.grpc.service === undefined) handler.grpc.service = '';
}

/** SetDefaults_Probe and its handler's defaults. Mutates. */
export function applyProbeDefaults(probe: unknown): void {
  if (!isRecord(probe)) return;
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  defaultHandler(probe);
}

/** SetDefaults_Container and the defaults of its ports, env, probes, lifecycle and resources. Mutates. */
export function applyContainerDefaults(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  for (const port of arrayOf(c.ports)) if (isRecord(port) && !port.protocol) port.protocol = 'TCP';
  for (const env of arrayOf(c.env)) {
    const fieldRef = isRecord(env) && isRecord(env.valueFrom) ? env.valueFrom.fieldRef : undefined;
    if (isRecord(fieldRef) && !fieldRef.apiVersion) fieldRef.apiVersion = 'v1';
  }
  applyProbeDefaults(c.livenessProbe);
  applyProbeDefaults(c.readinessProbe);
  applyProbeDefaults(c.startupProbe);
  if (isRecord(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart);
    defaultHandler(c.lifecycle.preStop);
  }
  if (isRecord(c.resources)) {
    canonicalizeResourceList(c.resources.limits);
    canonicalizeResourceList(c.resources.requests);
  }
}

const VOLUME_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir',
  'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'image', 'iscsi',
  'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO',
  'secret', 'storageos', 'vsphereVolume',
] as const;

/** The volume source keys a Volume may set (exactly one). */
export const VOLUME_SOURCE_KEYS: readonly string[] = VOLUME_SOURCES;

function defaultDownwardItems(items: unknown): void {
  for (const item of arrayOf(items)) {
    if (isRecord(item) && isRecord(item.fieldRef) && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
  }
}

/** SetDefaults_PersistentVolumeClaimSpec: volumeMode Filesystem, canonical quantities. Mutates. */
export function applyClaimSpecDefaults(spec: unknown): void {
  if (!isRecord(spec)) return;
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  if (isRecord(spec.resources)) {
    canonicalizeResourceList(spec.resources.requests);
    canonicalizeResourceList(spec.resources.limits);
  }
}

/** SetDefaults_Volume and the defaults of each volume source (modes 420 = 0644, hostPath type ""). Mutates. */
export function applyVolumeDefaults(v: Obj): void {
  if (VOLUME_SOURCES.every((key) => v[key] === undefined || v[key] === null)) v.emptyDir = {};
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected'] as const) {
    const src = v[key];
    if (isRecord(src) && src.defaultMode === undefined) src.defaultMode = 420;
  }
  if (isRecord(v.downwardAPI)) defaultDownwardItems(v.downwardAPI.items);
  if (isRecord(v.projected)) {
    for (const source of arrayOf(v.projected.sources)) {
      if (!isRecord(source)) continue;
      if (isRecord(source.serviceAccountToken) && source.serviceAccountToken.expirationSeconds === undefined) {
        source.serviceAccountToken.expirationSeconds = 3600;
      }
      if (isRecord(source.downwardAPI)) defaultDownwardItems(source.downwardAPI.items);
    }
  }
  if (isRecord(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = '';
  if (isRecord(v.iscsi) && !v.iscsi.iscsiInterface) v.iscsi.iscsiInterface = 'default';
  if (isRecord(v.azureDisk)) {
    const d = v.azureDisk;
    d.cachingMode ??= 'ReadWrite';
    d.kind ??= 'Shared';
    d.fsType ??= 'ext4';
    d.readOnly ??= false;
  }
  if (isRecord(v.scaleIO)) {
    v.scaleIO.storageMode ||= 'ThinProvisioned';
    v.scaleIO.fsType ||= 'xfs';
  }
  if (isRecord(v.emptyDir) && v.emptyDir.sizeLimit !== undefined) {
    const canonical = canonicalQuantityText(v.emptyDir.sizeLimit);
    if (canonical !== undefined && canonical !== v.emptyDir.sizeLimit) v.emptyDir.sizeLimit = canonical;
  }
  const template = isRecord(v.ephemeral) ? v.ephemeral.volumeClaimTemplate : undefined;
  if (isRecord(template)) applyClaimSpecDefaults(template.spec);
}

/**
 * SetDefaults_PodSpec with every nested default: dnsPolicy ClusterFirst, restartPolicy Always, securityContext {},
 * terminationGracePeriodSeconds 30, schedulerName default-scheduler, then containers, volumes and overhead. Mutates.
 */
export function applyPodSpecDefaults(spec: Obj): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = 30;
  }
  spec.schedulerName ||= 'default-scheduler';
  // The v1 conversion mirrors the deprecated `serviceAccount` field and `serviceAccountName`.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName && spec.serviceAccount !== spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const list of CONTAINER_LISTS) for (const c of arrayOf(spec[list])) if (isRecord(c)) applyContainerDefaults(c);
  for (const v of arrayOf(spec.volumes)) if (isRecord(v)) applyVolumeDefaults(v);
  canonicalizeResourceList(spec.overhead);
  if (isRecord(spec.resources)) {
    canonicalizeResourceList(spec.resources.limits);
    canonicalizeResourceList(spec.resources.requests);
  }
}

/** SetDefaults_PodSpec for a pod template (`spec.template`), if there is one. Mutates. */
export function applyPodTemplateDefaults(template: unknown): void {
  if (isRecord(template) && isRecord(template.spec)) applyPodSpecDefaults(template.spec);
}
