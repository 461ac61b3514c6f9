// The services REST strategy (pkg/registry/core/service/strategy.go and storage/alloc.go): defaults, validation,
// ClusterIP/NodePort allocation on create and update, release on delete.
// SIMPLIFIED: upstream allocates before validating; here validation runs first, so a Service with both a field
// error and an allocation conflict reports the field error.
import type { K8sObject } from '../model/types';
import { keyOf } from '../model/keys';
import type { Strategy, StrategyContext } from './strategy';
import { isRecord } from './field-checks';
import { applyServiceDefaults } from './service-defaults';
import { validateServiceSpec } from './service-validation';
import { prepareServiceSpecForUpdate, validateServiceSpecUpdate } from './service-update';
import { allocateForCreate, allocateForUpdate, releaseServiceAllocations } from './service-allocation';
import { unknownFieldsOf } from './schema/unknown-fields';

type Obj = Record<string, unknown>;

function specOf(obj: K8sObject): Obj {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}

/** The stored version this write replaces, when it is an update (the apiserver stamped the stored uid on it). */
function storedVersion(obj: K8sObject, ctx: StrategyContext): K8sObject | undefined {
  const old = ctx.store.get(keyOf(obj));
  return old && obj.metadata.uid !== undefined && old.metadata.uid === obj.metadata.uid ? old : undefined;
}

/** How the apiserver treats Services. */
export const serviceStrategy: Strategy = {
  applyDefaults: (obj) => applyServiceDefaults(specOf(obj)),
  unknownFields: (obj) => unknownFieldsOf('Service', obj),
  /**
   * ValidateService, or for an update ValidateServiceUpdate: the strategy's PrepareForUpdate munging
   * (keep allocated values, normalise clusterIPs, drop type-dependent fields) runs first, as upstream.
   */
  validate(obj, ctx) {
    const spec = specOf(obj);
    const old = storedVersion(obj, ctx);
    if (!old) return validateServiceSpec(spec);
    const prev = isRecord(old.spec) ? (old.spec as Obj) : {};
    prepareServiceSpecForUpdate(spec, prev);
    return [...validateServiceSpecUpdate(spec, prev), ...validateServiceSpec(spec)];
  },
  prepareForCreate(obj, ctx) {
    obj.status = { loadBalancer: {} };
    return allocateForCreate(specOf(obj), ctx.allocators, ctx.dryRun);
  },
  prepareForUpdate(obj, old, ctx) {
    const prev = isRecord(old.spec) ? (old.spec as Obj) : {};
    return allocateForUpdate(specOf(obj), prev, ctx.allocators, ctx.dryRun);
  },
  afterDelete(obj, ctx) {
    if (isRecord(obj.spec)) releaseServiceAllocations(obj.spec as Obj, ctx.allocators);
  },
};
