// Frames for the UI: the objects changed since the UI's resourceVersion (latest version of each), the keys
// deleted, and terminal output; built from the store's change log in O(changes).
import type { K8sObject, ObjectKey } from '../model/types';
import type { ObjectStore } from '../core/store';
import type { Frame, RunStatus } from '../protocol';

/** What a frame carries besides objects. */
export type FrameExtras = Pick<Frame, 'output' | 'exits' | 'traffic' | 'editorRequests' | 'filesVersion'>;

/** Builds a frame; a full frame when `sinceRv` is 0 or older than the change log reaches. */
export function buildFrame(store: ObjectStore, sinceRv: number, time: number, epochMs: number, status: RunStatus,
  extras: FrameExtras): Frame {
  const changes = sinceRv > 0 ? store.changesSince(sinceRv) : undefined;
  if (!changes) {
    return { time, epochMs, rv: store.resourceVersion, full: true, upserts: [...store.all()], deletes: [], ...extras, status };
  }
  const latest = new Map<ObjectKey, K8sObject | null>();
  for (const c of changes) latest.set(c.key, c.type === 'DELETED' ? null : c.object);
  const upserts: K8sObject[] = [];
  const deletes: ObjectKey[] = [];
  for (const [key, obj] of latest) {
    if (obj) upserts.push(obj); else deletes.push(key);
  }
  return { time, epochMs, rv: store.resourceVersion, full: false, upserts, deletes, ...extras, status };
}
