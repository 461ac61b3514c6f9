// The apiserver's 400 answers for bodies it cannot take: values of the wrong JSON type for their Go fields, and
// (with strict field validation) fields the kind does not have.
import type { K8sObject } from '../model/types';
import { resourceFor } from '../model/resources';
import { badRequestStatus, type ApiStatus } from './errors';

/** A body the apiserver cannot decode into the kind's Go type: 400 BadRequest. */
export function cannotDecode(obj: K8sObject, message: string): ApiStatus {
  const info = resourceFor(obj.kind);
  return badRequestStatus(`${obj.kind} in version "${info.version}" cannot be handled as a ${obj.kind}: ${message}`);
}

/** Strict field validation's 400: `Service in version "v1" cannot be handled as a Service: strict decoding error: …`. */
export function strictDecodingError(obj: K8sObject, unknown: readonly string[]): ApiStatus {
  const info = resourceFor(obj.kind);
  const fields = unknown.map((f) => `unknown field "${f}"`).join(', ');
  return badRequestStatus(`${obj.kind} in version "${info.version}" cannot be handled as a ${obj.kind}: strict decoding error: ${fields}`);
}
