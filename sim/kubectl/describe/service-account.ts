// `kubectl describe serviceaccount` (describe.go describeServiceAccount, before v1.35 dropped the secret lists):
// image pull secrets, mountable secrets and the legacy token Secrets bound to the account, each `<none>` when
// empty and marked `(not found)` when the Secret is missing, then Events.
import type { K8sObject } from '../../model/types';
import type { ObjectStore } from '../../core/store';
import { objectKey } from '../../model/keys';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';

type Any = Record<string, any>;

/** The secrets a ServiceAccount describe looks up: token Secrets naming it, and the names it lists that are missing. */
export interface AccountSecrets {
  readonly tokens: readonly string[];
  readonly missing: ReadonlySet<string>;
}

/** ServiceAccountDescriber: `kubernetes.io/service-account-token` Secrets annotated with the account's name and uid. */
export function accountSecrets(store: ObjectStore, obj: K8sObject): AccountSecrets {
  const ns = obj.metadata.namespace;
  const tokens = store.list('Secret', ns).filter((s) => {
    const a = s.metadata.annotations ?? {};
    return (s as Any).type === 'kubernetes.io/service-account-token' && a['kubernetes.io/service-account.name'] === obj.metadata.name
      && (a['kubernetes.io/service-account.uid'] ?? '') === (obj.metadata.uid ?? '');
  }).map((s) => s.metadata.name);
  const listed = [...((obj as Any).secrets ?? []), ...((obj as Any).imagePullSecrets ?? [])].map((r: Any) => String(r.name ?? ''));
  return { tokens, missing: new Set(listed.filter((name) => !store.get(objectKey('Secret', ns, name)))) };
}

/** The describe text of a ServiceAccount. Pure. */
export function describeServiceAccount(obj: K8sObject, secrets: AccountSecrets, events: readonly Any[] | null, nowEpochMs: number): string {
  const o = obj as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  // The headers are padded to one width and printed in sorted order.
  const lists: [string, string[]][] = [
    ['Image pull secrets:', ((o.imagePullSecrets ?? []) as Any[]).map((r) => String(r.name ?? ''))],
    ['Mountable secrets: ', ((o.secrets ?? []) as Any[]).map((r) => String(r.name ?? ''))],
    ['Tokens:            ', [...secrets.tokens]],
  ];
  for (const [header, names] of lists) {
    if (names.length === 0) { w.write(0, `${header}\t<none>\n`); continue; }
    let prefix = header;
    for (const name of names) {
      w.write(0, `${prefix}\t${name}${secrets.missing.has(name) ? ' (not found)' : ''}\n`);
      prefix = ' '.repeat(19);
    }
  }
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}
