// The replicasets REST strategy (pkg/registry/apps/replicaset/strategy.go): one replica by default,
// ValidateReplicaSet, an immutable selector, and an empty status on create.
import type { K8sObject } from '../model/types';
import type { FieldError } from '../core/errors';
import type { Strategy } from './strategy';
import { immutable, isRecord, nonNegative } from './field-checks';
import { applyPodTemplateDefaults } from './pod-spec-defaults';
import { ensureTemplate, replicaSetTemplateErrors, requiredSelectorErrors } from './workload-validation';
import { unknownFieldsOf } from './schema/unknown-fields';

type Obj = Record<string, unknown>;

function specOf(obj: K8sObject): Obj {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}

/** ValidateReplicaSetSpec in the apiserver's order (its empty-selector message says "deployment", as upstream). */
export function validateReplicaSetSpec(specValue: unknown, storedTemplate?: unknown): FieldError[] {
  const spec: Obj = isRecord(specValue) ? specValue : {};
  return [
    ...nonNegative(spec.replicas, 'spec.replicas'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...requiredSelectorErrors(spec.selector, 'deployment'),
    ...replicaSetTemplateErrors(spec, 'ReplicaSet', storedTemplate),
  ];
}

/** How the apiserver treats ReplicaSets. */
export const replicaSetStrategy: Strategy = {
  applyDefaults(obj) {
    const spec = specOf(obj);
    spec.replicas ??= 1;
    applyPodTemplateDefaults(ensureTemplate(spec));
  },
  unknownFields: (obj) => unknownFieldsOf('ReplicaSet', obj),
  validate: (obj, _ctx, old) => validateReplicaSetSpec(obj.spec, isRecord(old?.spec) ? old.spec.template : undefined),
  validateUpdate: (obj, old) => immutable(specOf(obj).selector, isRecord(old.spec) ? old.spec.selector : undefined, 'spec.selector'),
  prepareForCreate(obj) {
    obj.status = { replicas: 0 };
  },
};
