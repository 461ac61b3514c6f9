// The deployments REST strategy (pkg/registry/apps/deployment/strategy.go): apps/v1 defaults, ValidateDeployment
// and the immutable selector.
// SIMPLIFIED: upstream also bumps metadata.generation when annotations change; the apiserver here counts spec changes.
import type { K8sObject } from '../model/types';
import { forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import type { Strategy } from './strategy';
import { immutable, isRecord, nonNegative } from './field-checks';
import { applyPodTemplateDefaults } from './pod-spec-defaults';
import {
  ensureTemplate, internalStrategy, intOrPercentValue, notMoreThan100PercentErrors, positiveIntOrPercentErrors, replicaSetTemplateErrors,
  requiredSelectorErrors,
} from './workload-validation';
import { unknownFieldsOf } from './schema/unknown-fields';

type Obj = Record<string, unknown>;

function specOf(obj: K8sObject): Obj {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}

/** SetDefaults_Deployment: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600 s progress deadline. Mutates. */
export function applyDeploymentDefaults(obj: K8sObject): void {
  const spec = specOf(obj);
  spec.replicas ??= 1;
  if (!isRecord(spec.strategy)) spec.strategy = {};
  const strategy = spec.strategy as Obj;
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    if (!isRecord(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    const ru = strategy.rollingUpdate as Obj;
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  applyPodTemplateDefaults(ensureTemplate(spec));
}

/** ValidateDeploymentStrategy. Pure. */
function strategyErrors(strategy: Obj): FieldError[] {
  const path = 'spec.strategy';
  switch (strategy.type) {
    case 'Recreate':
      return isRecord(strategy.rollingUpdate) ? [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate;
      if (!isRecord(ru)) return [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
      const p = `${path}.rollingUpdate`;
      const errs = [...positiveIntOrPercentErrors(ru.maxUnavailable, `${p}.maxUnavailable`), ...positiveIntOrPercentErrors(ru.maxSurge, `${p}.maxSurge`)];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid(`${p}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
      }
      return [...errs, ...notMoreThan100PercentErrors(ru.maxUnavailable, `${p}.maxUnavailable`)];
    }
    default:
      // The bad value is the internal DeploymentStrategy struct, which has no JSON tags.
      return [notSupported(path, internalStrategy(strategy), ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec in the apiserver's order. Pure. */
export function validateDeploymentSpec(specValue: unknown): FieldError[] {
  const spec: Obj = isRecord(specValue) ? specValue : {};
  const errs = [...nonNegative(spec.replicas, 'spec.replicas'), ...requiredSelectorErrors(spec.selector, 'deployment')];
  errs.push(...replicaSetTemplateErrors(spec, 'Deployment'));
  errs.push(...strategyErrors(isRecord(spec.strategy) ? spec.strategy : {}));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === 'number') {
    errs.push(...nonNegative(pds, 'spec.progressDeadlineSeconds'));
    const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
    if (pds <= minReady) errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** How the apiserver treats Deployments. */
export const deploymentStrategy: Strategy = {
  applyDefaults: applyDeploymentDefaults,
  unknownFields: (obj) => unknownFieldsOf('Deployment', obj),
  validate: (obj) => validateDeploymentSpec(obj.spec),
  validateUpdate: (obj, old) => immutable(specOf(obj).selector, isRecord(old.spec) ? old.spec.selector : undefined, 'spec.selector'),
  prepareForCreate(obj) {
    obj.status = {};
  },
};
