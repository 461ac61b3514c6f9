// The pods REST strategy (pkg/registry/core/pod/strategy.go) with the admission plugins a new Pod passes
// (ServiceAccount, Priority, DefaultTolerationSeconds) and graceful deletion.
// SIMPLIFIED: metadata.generation is not tracked for Pods (PodObservedGenerationTracking, beta in v1.34).
import type { K8sObject } from '../model/types';
import { forbidden, type FieldError } from '../core/errors';
import type { Strategy } from './strategy';
import { arrayOf, isRecord } from './field-checks';
import { applyPodSpecDefaults } from './pod-spec-defaults';
import { validateImagesOnlyForPod, validatePodSpec } from './pod-spec-validation';
import { validatePodSpecUpdate } from './pod-update-validation';
import { admitDefaultTolerations, admitPriority, admitServiceAccount } from './pod-admission';
import { podQOSClass } from './pod-qos';
import { unknownFieldsOf } from './schema/unknown-fields';
import { formatTimestamp } from '../model/time';

type Obj = Record<string, unknown>;

function specOf(obj: K8sObject): Obj {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}

/** SetDefaults_Pod: requests default to limits, enableServiceLinks true, host-network ports mirror. Mutates. */
export function applyPodDefaults(pod: K8sObject): void {
  const spec = specOf(pod);
  applyPodSpecDefaults(spec);
  for (const list of ['containers', 'initContainers']) {
    for (const c of arrayOf(spec[list])) {
      const resources = isRecord(c) && isRecord(c.resources) ? c.resources : undefined;
      if (!resources || !isRecord(resources.limits)) continue;
      const requests: Obj = isRecord(resources.requests) ? resources.requests : {};
      for (const [name, value] of Object.entries(resources.limits)) if (!(name in requests)) requests[name] = value;
      resources.requests = requests;
    }
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const list of ['containers', 'initContainers']) {
      for (const c of arrayOf(spec[list])) {
        for (const p of arrayOf(isRecord(c) ? c.ports : undefined)) {
          if (isRecord(p) && !p.hostPort) p.hostPort = p.containerPort;
        }
      }
    }
  }
}

/**
 * CheckGracefulDelete: the requested period, else the pod's terminationGracePeriodSeconds; 0 (immediate) for an
 * unscheduled or finished pod; a negative period becomes 1. Pure.
 */
export function podGracePeriodSeconds(pod: K8sObject, requested: number | undefined): number {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const status = isRecord(pod.status) ? pod.status : {};
  let period = requested ?? (typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 0);
  if (!spec.nodeName) period = 0;
  if (status.phase === 'Failed' || status.phase === 'Succeeded') period = 0;
  return period < 0 ? 1 : period;
}

/** How the apiserver treats Pods. */
export const podStrategy: Strategy = {
  applyDefaults: applyPodDefaults,
  unknownFields: (obj) => unknownFieldsOf('Pod', obj),
  validate(obj) {
    const spec = specOf(obj);
    return [...validatePodSpec(spec, 'spec'), ...validateImagesOnlyForPod(spec, 'spec')];
  },
  validateUpdate: (obj, old) => validatePodSpecUpdate(obj.spec, old.spec),
  prepareForCreate(obj, ctx): FieldError[] {
    const spec = specOf(obj);
    const errs: FieldError[] = [];
    if (arrayOf(spec.ephemeralContainers).length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    if (spec.nodeName && arrayOf(spec.schedulingGates).length > 0) {
      errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
    }
    if (errs.length > 0) return errs;
    admitServiceAccount(spec, ctx.rng);
    admitPriority(spec);
    admitDefaultTolerations(spec);
    const status: Obj = { phase: 'Pending', qosClass: podQOSClass(spec) };
    if (arrayOf(spec.schedulingGates).length > 0) {
      status.conditions = [{
        lastProbeTime: null, lastTransitionTime: formatTimestamp(ctx.nowEpochMs),
        message: 'Scheduling is blocked due to non-empty scheduling gates', reason: 'SchedulingGated',
        status: 'False', type: 'PodScheduled',
      }];
    }
    obj.status = status;
    return [];
  },
  gracePeriodSeconds: podGracePeriodSeconds,
};
