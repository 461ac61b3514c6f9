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

// Each slice's endpoints, kept while the slice object is the same: a frame that changed one slice re-reads one.
const sliceRefs = new WeakMap<object, EndpointRef[]>();

function refsOfSlice(slice: Stored<EndpointSlice>): EndpointRef[] {
  let refs = sliceRefs.get(slice);
  if (refs) return refs;
  refs = [];
  for (const ep of slice.endpoints ?? []) {
    const ip = ep.addresses?.[0];
    if (!ip) continue;
    refs.push({
      ip, ready: ep.conditions?.ready !== false, terminating: ep.conditions?.terminating === true,
      ...(ep.targetRef?.kind === 'Pod' ? { podName: ep.targetRef.name, podUid: ep.targetRef.uid } : {}),
      ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
    });
  }
  sliceRefs.set(slice, refs);
  return refs;
}

function fromSlices(slices: ObjectsByKey): Map<string, EndpointRef[][]> {
  const byService = new Map<string, EndpointRef[][]>();
  for (const obj of slices.values()) {
    const slice = obj as unknown as Stored<EndpointSlice>;
    const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!service) continue;
    const key = `${slice.metadata.namespace ?? ''}/${service}`;
    let lists = byService.get(key);
    if (!lists) byService.set(key, (lists = []));
    lists.push(refsOfSlice(slice));
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
 * Endpoints of every Service, keyed `namespace/name`; a Service spread over several slices lists each IP once (a
 * ready entry wins). EndpointSlices win over Endpoints for a Service that has both. O(endpoints of changed slices). Pure.
 */
export function endpointsByService(slices: ObjectsByKey, endpoints: ObjectsByKey): Map<string, EndpointRef[]> {
  const result = new Map<string, EndpointRef[]>();
  for (const [key, lists] of fromSlices(slices)) {
    if (lists.length === 1) {
      result.set(key, lists[0]);
      continue;
    }
    const byIp = new Map<string, EndpointRef>();
    for (const list of lists) for (const ep of list) {
      const seen = byIp.get(ep.ip);
      if (!seen || (!seen.ready && ep.ready)) byIp.set(ep.ip, ep);
    }
    result.set(key, [...byIp.values()]);
  }
  for (const obj of endpoints.values()) {
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    if (!result.has(key)) result.set(key, fromEndpoints(obj as unknown as Stored<Endpoints>));
  }
  return result;
}
