// The page's fault buttons as cluster operations: delete a pod, make a probe fail, break a Deployment's image.
// They go through the API like any client (as `kubesim`), so a fault is visible in events and traces.
import type { K8sObject } from './model/types';
import type { ApiClient } from './core/api-client';
import type { ObjectStore } from './core/store';
import type { Fault } from './protocol';
import { objectKey } from './model/keys';
import { FAULT_ANNOTATION, podFaults } from './model/faults';

/** Carries out a fault; returns an error message when its target does not exist. */
export function applyFault(fault: Fault, store: ObjectStore, api: ApiClient): string | undefined {
  switch (fault.kind) {
    case 'deletePod': {
      const res = api.delete('Pod', fault.namespace, fault.name);
      return res.ok ? undefined : res.status.message;
    }
    case 'failProbe': {
      const pod = store.get(objectKey('Pod', fault.namespace, fault.name));
      if (!pod) return `pods "${fault.name}" not found`;
      const current = podFaults(pod.metadata.annotations);
      if (fault.on) current.add(fault.probe); else current.delete(fault.probe);
      const annotations = { ...(pod.metadata.annotations ?? {}) };
      if (current.size > 0) annotations[FAULT_ANNOTATION] = [...current].sort().join(','); else delete annotations[FAULT_ANNOTATION];
      const res = api.update({ ...pod, metadata: { ...pod.metadata, annotations } } as K8sObject);
      return res.ok ? undefined : res.status.message;
    }
    case 'breakImage': {
      const d = store.get(objectKey('Deployment', fault.namespace, fault.deployment)) as (K8sObject & { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } }) | undefined;
      const container = d?.spec?.template?.spec?.containers?.[0];
      if (!d || !container) return `deployments.apps "${fault.deployment}" not found`;
      const repo = (container.image ?? '').replace(/[:@][^/:]*$/, '');
      const next = JSON.parse(JSON.stringify(d)) as typeof d;
      next.spec!.template!.spec!.containers![0].image = `${repo}:kubesim-broken`;
      const res = api.update(next);
      return res.ok ? undefined : res.status.message;
    }
  }
}
