// The namespaces REST strategy (pkg/registry/core/namespace) with the NamespaceLifecycle admission plugin's
// immortal namespaces: the metadata.name label, the `kubernetes` finalizer, phase Active.
// SIMPLIFIED: there is no /finalize subresource; while a namespace is terminating, a plain update may change
// spec.finalizers (which is how the namespace controller releases it). Deleting does not set phase Terminating:
// the namespace controller reports that through the status.
import type { K8sObject } from '../model/types';
import { invalid, type FieldError } from '../core/errors';
import type { Strategy } from './strategy';
import { arrayOf, isRecord } from './field-checks';
import { qualifiedNameErrors } from './object-meta';
import { unknownFieldsOf } from './schema/unknown-fields';

/**
 * NamespaceLifecycle's immortal namespaces (apiserver admission/plugin/namespace/lifecycle Register). kube-node-lease
 * is not one of them: it may be deleted, and the system-namespaces controller recreates it.
 */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

/** The label every namespace carries (corev1.LabelMetadataName). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

const STANDARD_FINALIZERS = ['kubernetes'];

function specOf(obj: K8sObject): Record<string, unknown> {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Record<string, unknown>;
}

/** validateFinalizerName for spec.finalizers (reported on the list, as ValidateNamespace does). Pure. */
function finalizerErrors(finalizers: unknown): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of arrayOf<string>(finalizers)) {
    const name = String(f);
    errs.push(...qualifiedNameErrors(name).map((m) => invalid('spec.finalizers', name, m)));
    if (!name.includes('/') && !STANDARD_FINALIZERS.includes(name)) {
      errs.push(invalid('spec.finalizers', name, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

/** How the apiserver treats Namespaces. */
export const namespaceStrategy: Strategy = {
  applyDefaults(obj) {
    if (obj.metadata.name) obj.metadata.labels = { ...obj.metadata.labels, [NAMESPACE_NAME_LABEL]: obj.metadata.name };
  },
  unknownFields: (obj) => unknownFieldsOf('Namespace', obj),
  validate: (obj) => finalizerErrors(specOf(obj).finalizers),
  prepareForCreate(obj) {
    const spec = specOf(obj);
    const finalizers = arrayOf<string>(spec.finalizers);
    spec.finalizers = finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'];
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate(obj, old) {
    if (old.metadata.deletionTimestamp) return;
    const prev = isRecord(old.spec) ? old.spec.finalizers : undefined;
    if (prev === undefined) delete specOf(obj).finalizers;
    else specOf(obj).finalizers = prev;
  },
  pendingFinalizers: (obj) => arrayOf(isRecord(obj.spec) ? obj.spec.finalizers : undefined).length > 0
    || (obj.metadata.finalizers?.length ?? 0) > 0,
  forbidDelete: (obj) => (IMMORTAL_NAMESPACES.includes(obj.metadata.name) ? 'this namespace may not be deleted' : undefined),
};
