// PodSpec validation shared by Pods and every pod template (core validation ValidatePodSpec,
// ValidatePodTemplateSpec), composed in the apiserver's order so errors come out as `kubectl` shows them.
// SIMPLIFIED: resourceClaims, ephemeral containers' details, the pod security context, host-network port rules,
// hostAliases, readiness and scheduling gates, runtimeClassName, overhead and os are not validated.
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import { dns1123LabelErrors, dns1123SubdomainErrors, validateAnnotations, validateLabels } from './object-meta';
import { arrayOf, inclusiveRange, isRecord } from './field-checks';
import { VOLUME_SOURCE_KEYS } from './pod-spec-defaults';
import { validateContainers, validateInitContainers } from './container-validation';
import { validatePodLevelResources } from './resource-validation';
import { validateAffinity, validateTolerations, validateTopologySpread } from './scheduling-validation';

type Obj = Record<string, unknown>;

const MAX_INT32 = 2147483647;

/** Source-specific required fields (validateSecretVolumeSource, validateConfigMapVolumeSource, …). */
function volumeSourceErrors(kind: string, src: Obj, path: string): FieldError[] {
  const need = (field: string): FieldError[] => (src[field] ? [] : [required(`${path}.${field}`)]);
  const mode = src.defaultMode;
  const modeErrs = typeof mode === 'number' && (mode < 0 || mode > 0o777)
    ? [invalid(`${path}.defaultMode`, mode, 'must be a number between 0 and 0777 (octal), both inclusive')] : [];
  switch (kind) {
    case 'hostPath': return need('path');
    case 'secret': return [...need('secretName'), ...modeErrs];
    case 'configMap': return [...need('name'), ...modeErrs];
    case 'persistentVolumeClaim': return need('claimName');
    case 'nfs': return [...need('server'), ...need('path')];
    case 'projected': case 'downwardAPI': return modeErrs;
    default: return [];
  }
}

/** ValidateVolumes: one source each, DNS-label names, unique; returns the names containers may mount. Pure. */
export function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  arrayOf(volumes).forEach((raw, i) => {
    const v: Obj = isRecord(raw) ? raw : {};
    const at = `${path}[${i}]`;
    const el: FieldError[] = [];
    let count = 0;
    for (const kind of VOLUME_SOURCE_KEYS) {
      if (v[kind] === undefined || v[kind] === null) continue;
      // Upstream names the downward API path with a typo in this one message.
      if (count > 0) { el.push(forbidden(`${at}.${kind === 'downwardAPI' ? 'downwarAPI' : kind}`, 'may not specify more than 1 volume type')); continue; }
      count++;
      el.push(...volumeSourceErrors(kind, isRecord(v[kind]) ? v[kind] as Obj : {}, `${at}.${kind}`));
    }
    if (count === 0) el.push(required(at, 'must specify a volume type'));
    const name = typeof v.name === 'string' ? v.name : '';
    if (!name) el.push(required(`${at}.name`));
    else el.push(...dns1123LabelErrors(name).map((m) => invalid(`${at}.name`, name, m)));
    if (names.has(name)) el.push(duplicate(`${at}.name`, name));
    if (el.length === 0) names.add(name);
    else errors.push(...el);
  });
  return { names, errors };
}

function policyErrors(value: unknown, path: string, supported: string[]): FieldError[] {
  if (!value) return [required(path)];
  return supported.includes(String(value)) ? [] : [notSupported(path, value, supported)];
}

function nameErrors(value: unknown, path: string, check: (v: string) => string[]): FieldError[] {
  return typeof value === 'string' && value ? check(value).map((m) => invalid(path, value, m)) : [];
}

/** ValidatePodSpec at `path` (`spec` or `spec.template.spec`). Pure. */
export function validatePodSpec(specValue: unknown, path: string): FieldError[] {
  const spec: Obj = isRecord(specValue) ? specValue : {};
  const errs: FieldError[] = [];
  const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : undefined;
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) errs.push(required(`${path}.terminationGracePeriodSeconds`));
  const volumes = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...volumes.errors);
  errs.push(...validateContainers(spec.containers, volumes.names, `${path}.containers`, grace));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, volumes.names, `${path}.initContainers`, grace));
  errs.push(...validatePodLevelResources(spec.resources, `${path}.resources`));
  errs.push(...policyErrors(spec.restartPolicy, `${path}.restartPolicy`, ['Always', 'OnFailure', 'Never']));
  errs.push(...policyErrors(spec.dnsPolicy, `${path}.dnsPolicy`, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validateAffinity(spec.affinity, `${path}.affinity`));
  if (spec.dnsPolicy === 'None') {
    const dnsConfig = spec.dnsConfig;
    if (!isRecord(dnsConfig)) errs.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if (arrayOf(dnsConfig.nameservers).length === 0) errs.push(required(`${path}.dnsConfig.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
  }
  errs.push(...validateTopologySpread(spec.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  errs.push(...nameErrors(spec.serviceAccountName, `${path}.serviceAccountName`, dns1123SubdomainErrors));
  errs.push(...nameErrors(spec.nodeName, `${path}.nodeName`, dns1123SubdomainErrors));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(`${path}.activeDeadlineSeconds`, ads, inclusiveRange(1, MAX_INT32)));
  errs.push(...nameErrors(spec.hostname, `${path}.hostname`, dns1123LabelErrors));
  errs.push(...nameErrors(spec.subdomain, `${path}.subdomain`, dns1123LabelErrors));
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  errs.push(...nameErrors(spec.priorityClassName, `${path}.priorityClassName`, dns1123SubdomainErrors));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    errs.push(...policyErrors(spec.preemptionPolicy, `${path}.preemptionPolicy`, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

/** ValidatePodTemplateSpec at `path` (`spec.template`): labels, annotations and the pod spec. Pure. */
export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  const t: Obj = isRecord(template) ? template : {};
  const meta: Obj = isRecord(t.metadata) ? t.metadata : {};
  const spec: Obj = isRecord(t.spec) ? t.spec : {};
  const errs = [
    ...validateLabels(meta.labels, `${path}.labels`),
    ...validateAnnotations(meta.annotations, `${path}.annotations`),
    ...validatePodSpec(spec, `${path}.spec`),
  ];
  if (arrayOf(spec.ephemeralContainers).length > 0) {
    errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

/** validateContainersOnlyForPod: images of a real Pod may not carry surrounding whitespace. Pure. */
export function validateImagesOnlyForPod(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers']) {
    arrayOf(spec[list]).forEach((c, i) => {
      const image = isRecord(c) && typeof c.image === 'string' ? c.image : '';
      if (image !== image.trim()) errs.push(invalid(`${path}.${list}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}
