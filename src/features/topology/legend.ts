// The colour key of the picture: each owner (a Deployment revision, a DaemonSet, …) drawn, with its colour, its tag
// and how many of its pods are shown, so colour is always explained in words.
import type { OwnerInfo } from './owners';
import type { PodPass } from './scene-pods';

export interface LegendEntry {
  readonly owner: OwnerInfo;
  readonly count: number;
  /** The object the entry opens in the inspector: the Deployment, or the direct controller. */
  readonly openKey: string;
}

/** One entry per owner shown, workloads by name, revisions oldest first. O(pods). Pure. */
export function legendOf(pods: PodPass): LegendEntry[] {
  const byOwner = new Map<string, { owner: OwnerInfo; count: number }>();
  for (const d of pods.byUid.values()) {
    const entry = byOwner.get(d.owner.key);
    if (entry) entry.count++;
    else byOwner.set(d.owner.key, { owner: d.owner, count: 1 });
  }
  return [...byOwner.values()]
    .map(({ owner, count }) => ({ owner, count, openKey: owner.groupKey ?? owner.key }))
    .sort((a, b) => a.owner.workload.localeCompare(b.owner.workload) || (a.owner.revision ?? 0) - (b.owner.revision ?? 0) || a.owner.key.localeCompare(b.owner.key));
}
