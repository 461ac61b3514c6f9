// kube-proxy's control loop (pkg/proxy/config ServiceConfig/EndpointSliceConfig feeding the proxier): watches
// Services and EndpointSlices and recomputes the rules of the one Service that changed; each node's proxier then
// programs them on its own schedule (sim/net/proxier.ts).
// SIMPLIFIED: one informer serves every node; the per-node delay lives in the proxier's sync schedule.
import type { DeepReadonly, ObjectKey, Service, Stored } from '../model/types';
import { parseKey } from '../model/keys';
import type { Controller, ReconcileContext, Watch } from '../core/controller';
import type { Change } from '../core/store';
import type { ClusterProxier } from '../net/proxier';
import { serviceRulesFor } from '../net/proxy-rules';
import { SERVICE_NAME_LABEL, type Slice } from '../net/endpoint-slice-model';
import { serviceKeyOfSlice } from '../net/service-index';

/** Recomputes a Service's proxy rules whenever the Service or one of its EndpointSlices changes. */
export class KubeProxyController implements Controller {
  readonly name = 'kube-proxy';
  readonly latencyMs: number;
  readonly watches: readonly Watch[] = [
    { kind: 'Service', keys: (c) => (affectsRules(c) ? [c.key] : []) },
    { kind: 'EndpointSlice', keys: (c) => { const k = serviceKeyOfSlice(c.object); return k ? [k] : []; } },
  ];

  constructor(private readonly proxier: ClusterProxier, opts: { latencyMs?: number } = {}) {
    this.latencyMs = opts.latencyMs ?? 5;
  }

  reconcile(key: ObjectKey, ctx: ReconcileContext): void {
    const service = ctx.store.get(key) as DeepReadonly<Stored<Service>> | undefined;
    if (!service) {
      this.proxier.publish(key, undefined);
      return;
    }
    const { namespace, name } = parseKey(key);
    const slices = ctx.store.select<Slice>('EndpointSlice', namespace, [{ key: SERVICE_NAME_LABEL, operator: '=', values: [name] }]);
    this.proxier.publish(key, serviceRulesFor(key, service, slices, this.proxier.current(key)));
  }
}

/** Service changes that can change rules: anything but a pure metadata update (ServiceChangeTracker's filter). */
function affectsRules(change: Change): boolean {
  if (change.type !== 'MODIFIED' || !change.previous) return true;
  return change.object.spec !== change.previous.spec || change.object.status !== change.previous.status;
}
