// The apiserver as one client sees it: every write attributed to an actor (`kubectl`, a controller), with that
// client's default options (kubectl asks for strict field validation).
import type { K8sObject, Kind } from '../model/types';
import type { ApiResult, ApiServer, DeleteOptions, WriteOptions } from './api';

/** The API as one actor sees it. */
export class ApiClient {
  constructor(private readonly server: ApiServer, readonly actor: string, private readonly defaults: WriteOptions = {}) {}

  create<T extends K8sObject>(obj: T, opts?: WriteOptions): ApiResult<T> {
    return this.server.create(this.actor, obj, { ...this.defaults, ...opts }) as ApiResult<T>;
  }

  update<T extends K8sObject>(obj: T, opts?: WriteOptions): ApiResult<T> {
    return this.server.update(this.actor, obj, { ...this.defaults, ...opts }) as ApiResult<T>;
  }

  updateStatus<T extends K8sObject>(obj: T, status: T['status'], expectedUid?: string, annotations?: Readonly<Record<string, string>>): ApiResult<T> {
    return this.server.updateStatus(this.actor, obj.kind, obj.metadata.namespace, obj.metadata.name, status, expectedUid, annotations) as ApiResult<T>;
  }

  delete(kind: Kind, namespace: string | undefined, name: string, opts?: DeleteOptions): ApiResult {
    return this.server.delete(this.actor, kind, namespace, name, opts);
  }

  bind(namespace: string, name: string, nodeName: string, expectedUid?: string): ApiResult {
    return this.server.bind(this.actor, namespace, name, nodeName, expectedUid);
  }
}
