// A Service's current endpoints as the picture draws its lines: from the EndpointSlices the endpointslice
// controller writes (label kubernetes.io/service-name; ready, serving and terminating conditions), falling back to the
// legacy Endpoints object (addresses ready, notReadyAddresses not) when a Service has no slice.
import type { EndpointSlice, Endpoints, Stored } from '../../../sim/model/types';
import type { ObjectsByKey } from '../../lib/cluster-view';

export interface EndpointRef {
  readonly ip: string;
  readonly ready: boolean;
  readonly terminating: boolean;
  readonly podName?: string;
  readonly podUid?: string;
  readonly nodeName?: string;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function fromSlices(slices: ObjectsByKey): Map<string, EndpointRef[]> {
  const byService = new Map<string, EndpointRef[]>();
  for (const obj of slices.values()) {
    const slice = obj as unknown as Stored<EndpointSlice>;
    const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!service) continue;
    const key = `${slice.metadata.namespace ?? ''}/${service}`;
    let list = byService.get(key);
    if (!list) byService.set(key, (list = []));
    for (const ep of slice.endpoints ?? []) {
      const ip = ep.addresses?.[0];
      if (!ip) continue;
      list.push({
        ip, ready: ep.conditions?.ready !== false, terminating: ep.conditions?.terminating === true,
        ...(ep.targetRef?.kind === 'Pod' ? { podName: ep.targetRef.name, podUid: ep.targetRef.uid } : {}),
        ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
      });
    }
  }
  return byService;
}

function fromEndpoints(endpoints: Stored<Endpoints>): EndpointRef[] {
  const list: EndpointRef[] = [];
  for (const subset of endpoints.subsets ?? []) {
    for (const [ready, addresses] of [[true, subset.addresses], [false, subset.notReadyAddresses]] as const) {
      for (const a of addresses ?? []) {
        list.push({
          ip: a.ip, ready, terminating: false,
          ...(a.targetRef?.kind === 'Pod' ? { podName: a.targetRef.name, podUid: a.targetRef.uid } : {}),
          ...(a.nodeName ? { nodeName: a.nodeName } : {}),
        });
      }
    }
  }
  return list;
}

/**
 * Endpoints of every Service, keyed `namespace/name`, deduplicated by IP (a ready entry wins) and sorted by IP.
 * EndpointSlices win over Endpoints for a Service that has both. Pure.
 */
export function endpointsByService(slices: ObjectsByKey, endpoints: ObjectsByKey): Map<string, EndpointRef[]> {
  const byService = fromSlices(slices);
  for (const obj of endpoints.values()) {
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    if (!byService.has(key)) byService.set(key, fromEndpoints(obj as unknown as Stored<Endpoints>));
  }
  for (const [key, list] of byService) {
    const byIp = new Map<string, EndpointRef>();
    for (const ep of list) {
      const seen = byIp.get(ep.ip);
      if (!seen || (!seen.ready && ep.ready)) byIp.set(ep.ip, ep);
    }
    byService.set(key, [...byIp.values()].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0)));
  }
  return byService;
}
