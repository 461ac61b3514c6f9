// The kubelet's image service (CRI ImageService): which simulated image a reference runs, whether a pull
// succeeds, and how the runtime names a pulled image; plus the registries a pod's imagePullSecrets unlock.
import type { DeepReadonly, K8sObject, Pod, Secret } from '../model/types';
import type { AppImage } from '../apps/app';
import type { ObjectStore } from '../core/store';
import { objectKey } from '../model/keys';
import { secretText } from './kubelet-env';

export type PullOutcome =
  | { readonly ok: true; readonly digest: string; readonly sizeBytes: number }
  | { readonly ok: false; readonly reason: 'ErrImagePull' | 'InvalidImageName'; readonly message: string };

export interface ImageService {
  /** The simulated image that runs for `ref` (a generic server when nothing specific matches). */
  appFor(ref: string): AppImage;
  /** Whether pulling `ref` succeeds, given the registries the pod has credentials for. */
  pull(ref: string, pullSecretRegistries: readonly string[]): PullOutcome;
  /** The fully-qualified reference (`docker.io/library/mongo:3.4-jessie`) the runtime reports. */
  normalize(ref: string): string;
}

/** Registry hosts found in the pod's imagePullSecrets (`.dockerconfigjson` auths). Reads the store. */
export function pullSecretRegistries(store: ObjectStore, pod: DeepReadonly<Pod>): string[] {
  const hosts: string[] = [];
  for (const ref of pod.spec?.imagePullSecrets ?? []) {
    const secret = store.get(objectKey('Secret', pod.metadata?.namespace, ref.name ?? '')) as (DeepReadonly<Secret> & K8sObject) | undefined;
    const raw = secret?.data?.['.dockerconfigjson'] ?? secret?.data?.['.dockercfg'];
    if (!raw) continue;
    try {
      const parsed = JSON.parse(secretText(raw)) as { auths?: Record<string, unknown> } & Record<string, unknown>;
      for (const host of Object.keys(parsed.auths ?? parsed)) hosts.push(host.replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
    } catch {
      continue;
    }
  }
  return hosts;
}

/** An ImageService that remembers each answer: pull outcomes and names are pure functions of their inputs. */
export function memoizedImages(inner: ImageService): ImageService {
  const pulls = new Map<string, PullOutcome>();
  const names = new Map<string, string>();
  const apps = new Map<string, AppImage>();
  return {
    appFor: (ref) => {
      let app = apps.get(ref);
      if (!app) { app = inner.appFor(ref); apps.set(ref, app); }
      return app;
    },
    pull: (ref, registries) => {
      const key = `${ref}\u0000${registries.join(',')}`;
      let outcome = pulls.get(key);
      if (!outcome) { outcome = inner.pull(ref, registries); pulls.set(key, outcome); }
      return outcome;
    },
    normalize: (ref) => {
      let name = names.get(ref);
      if (name === undefined) { name = inner.normalize(ref); names.set(ref, name); }
      return name;
    },
  };
}
