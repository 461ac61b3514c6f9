// Container validation (core validation validateContainerCommon, validateContainers, validateInitContainers):
// names, image, ports, env, volume mounts, pull policy, resources, probes, in the apiserver's order.
// SIMPLIFIED: volumeDevices, resizePolicy, mount propagation and most security-context rules are not validated.
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import { dns1123LabelErrors } from './object-meta';
import { arrayOf, isRecord, notFound, portNameErrors, portNumErrors } from './field-checks';
import { validateEnv, validateEnvFrom } from './env-validation';
import { validateLifecycle, validateProbe } from './probe-validation';
import { validateContainerResources } from './resource-validation';

type Obj = Record<string, unknown>;

/** validateContainerPorts. Pure. */
function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arrayOf(ports).forEach((raw, i) => {
    const p: Obj = isRecord(raw) ? raw : {};
    const at = `${path}[${i}]`;
    const name = typeof p.name === 'string' ? p.name : '';
    if (name) {
      const msgs = portNameErrors(name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => invalid(`${at}.name`, name, m)));
      else if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    const containerPort = typeof p.containerPort === 'number' ? p.containerPort : 0;
    if (containerPort === 0) errs.push(required(`${at}.containerPort`));
    else errs.push(...portNumErrors(containerPort).map((m) => invalid(`${at}.containerPort`, containerPort, m)));
    if (typeof p.hostPort === 'number' && p.hostPort !== 0) {
      errs.push(...portNumErrors(p.hostPort).map((m) => invalid(`${at}.hostPort`, p.hostPort, m)));
    }
    if (!p.protocol) errs.push(required(`${at}.protocol`));
    else if (!['SCTP', 'TCP', 'UDP'].includes(String(p.protocol))) errs.push(notSupported(`${at}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

/** validateLocalDescendingPath (subPath): relative and without `..`. The path is the list's, as upstream has it. */
function localDescendingPathErrors(value: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (value.startsWith('/')) errs.push(invalid(path, value, 'must be a relative path'));
  if (value.split('/').includes('..')) errs.push(invalid(path, value, "must not contain '..'"));
  return errs;
}

/** ValidateVolumeMounts: each mount names a pod volume, has a unique mount path. Pure. */
function validateVolumeMounts(mounts: unknown, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  arrayOf(mounts).forEach((raw, i) => {
    const m: Obj = isRecord(raw) ? raw : {};
    const at = `${path}[${i}]`;
    const name = typeof m.name === 'string' ? m.name : '';
    const mountPath = typeof m.mountPath === 'string' ? m.mountPath : '';
    if (!name) errs.push(required(`${at}.name`));
    if (!volumes.has(name)) errs.push(notFound(`${at}.name`, name));
    if (!mountPath) errs.push(required(`${at}.mountPath`));
    if (mountPoints.has(mountPath)) errs.push(invalid(`${at}.mountPath`, mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (typeof m.subPath === 'string' && m.subPath) errs.push(...localDescendingPathErrors(m.subPath, `${path}.subPath`));
    if (typeof m.subPathExpr === 'string' && m.subPathExpr) {
      if (m.subPath) errs.push(invalid(`${at}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...localDescendingPathErrors(m.subPathExpr, `${path}.subPathExpr`));
    }
  });
  return errs;
}

const SECURITY_CONTEXT_FIELDS = [
  'capabilities', 'privileged', 'seLinuxOptions', 'windowsOptions', 'runAsUser', 'runAsGroup', 'runAsNonRoot',
  'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'procMount', 'seccompProfile', 'appArmorProfile',
];

/**
 * The internal core.SecurityContext as the error renders it: Go field names in struct order, nil as null.
 * SIMPLIFIED: nested structs keep their JSON field names.
 */
function internalSecurityContext(sc: Obj): Obj {
  const out: Obj = {};
  for (const f of SECURITY_CONTEXT_FIELDS) out[f === 'seLinuxOptions' ? 'SELinuxOptions' : f[0].toUpperCase() + f.slice(1)] = sc[f] ?? null;
  return out;
}

/** ValidateSecurityContext: uid/gid ranges and the privilege-escalation conflict. Pure. */
function validateSecurityContext(sc: unknown, path: string): FieldError[] {
  if (!isRecord(sc)) return [];
  const errs: FieldError[] = [];
  for (const field of ['runAsUser', 'runAsGroup']) {
    const id = sc[field];
    if (typeof id === 'number' && (id < 0 || id > 0xffffffff)) errs.push(invalid(`${path}.${field}`, id, 'must be between 0 and 4294967295, inclusive'));
  }
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(invalid(path, internalSecurityContext(sc), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  return errs;
}

/** validateContainerCommon: everything every kind of container must satisfy. Pure. */
function validateContainerCommon(c: Obj, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = typeof c.name === 'string' ? c.name : '';
  if (!name) errs.push(required(`${path}.name`));
  else errs.push(...dns1123LabelErrors(name).map((m) => invalid(`${path}.name`, name, m)));
  if (!c.image) errs.push(required(`${path}.image`));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validatePorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, `${path}.volumeMounts`));
  const pull = c.imagePullPolicy;
  if (!pull) errs.push(required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(String(pull))) errs.push(notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateContainerResources(c.resources, `${path}.resources`));
  errs.push(...validateSecurityContext(c.securityContext, `${path}.securityContext`));
  return errs;
}

function validateHooksAndProbes(c: Obj, path: string, grace: number | undefined): FieldError[] {
  return [
    ...validateLifecycle(c.lifecycle, `${path}.lifecycle`, grace),
    ...validateProbe(c.livenessProbe, 'liveness', `${path}.livenessProbe`, grace),
    ...validateProbe(c.readinessProbe, 'readiness', `${path}.readinessProbe`, grace),
    ...validateProbe(c.startupProbe, 'startup', `${path}.startupProbe`, grace),
  ];
}

/** validateContainers: at least one, each valid, names unique; `restartPolicy` only for init containers. Pure. */
export function validateContainers(list: unknown, volumes: ReadonlySet<string>, path: string, grace: number | undefined): FieldError[] {
  const containers = arrayOf(list);
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<unknown>();
  containers.forEach((raw, i) => {
    const c: Obj = isRecord(raw) ? raw : {};
    const at = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, at));
    if (names.has(c.name)) errs.push(duplicate(`${at}.name`, c.name ?? ''));
    else names.add(c.name);
    errs.push(...validateHooksAndProbes(c, at, grace));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) errs.push(forbidden(`${at}.restartPolicy`, 'may not be set for non-init containers'));
  });
  return errs;
}

/** validateInitContainers: names unique across all containers; probes only on sidecars (restartPolicy Always). Pure. */
export function validateInitContainers(list: unknown, regular: unknown, volumes: ReadonlySet<string>, path: string,
  grace: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<unknown>(arrayOf(regular).map((c) => (isRecord(c) ? c.name : undefined)));
  arrayOf(list).forEach((raw, i) => {
    const c: Obj = isRecord(raw) ? raw : {};
    const at = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, at));
    const sidecar = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && c.restartPolicy !== null && !sidecar) {
      errs.push(notSupported(`${at}.restartPolicy`, c.restartPolicy, ['Always']));
    }
    if (names.has(c.name)) errs.push(duplicate(`${at}.name`, c.name ?? ''));
    else if (c.name) names.add(c.name);
    if (sidecar) {
      errs.push(...validateHooksAndProbes(c, at, grace));
    } else {
      for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[field] !== undefined && c[field] !== null) errs.push(forbidden(`${at}.${field}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}
