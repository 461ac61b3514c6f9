// The endpointslices REST strategy (discovery/v1 defaults, pkg/apis/discovery/validation ValidateEndpointSlice):
// a known address type, at least one address per endpoint, valid ports.
import { duplicate, invalid, notSupported, required, type FieldError } from '../core/errors';
import type { Strategy } from './strategy';
import { arrayOf, isRecord } from './field-checks';
import { dns1123LabelErrors, dns1123SubdomainErrors } from './object-meta';
import { isValidIP } from './service-validation';
import { unknownFieldsOf } from './schema/unknown-fields';

type Obj = Record<string, unknown>;

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

/** Endpoints found valid, by address type: stored objects never change, so a shared endpoint stays valid. */
const validEndpoints = new WeakMap<object, unknown>();

function endpointErrors(e: Obj, addressType: unknown, path: string): FieldError[] {
  if (validEndpoints.has(e) && validEndpoints.get(e) === addressType) return [];
  const errs = newEndpointErrors(e, addressType, path);
  if (errs.length === 0) validEndpoints.set(e, addressType);
  return errs;
}

function newEndpointErrors(e: Obj, addressType: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const addresses = arrayOf<string>(e.addresses);
  if (addresses.length === 0) errs.push(required(`${path}.addresses`, 'must contain at least 1 address'));
  addresses.forEach((a, i) => {
    const at = `${path}.addresses[${i}]`;
    if (addressType === 'IPv4' && (!isValidIP(a) || String(a).includes(':'))) errs.push(invalid(at, a, 'must be a valid IPv4 address'));
    if (addressType === 'IPv6' && !String(a).includes(':')) errs.push(invalid(at, a, 'must be a valid IPv6 address'));
    if (addressType === 'FQDN') errs.push(...dns1123SubdomainErrors(String(a)).map((m) => invalid(at, a, m)));
  });
  if (typeof e.nodeName === 'string') errs.push(...dns1123SubdomainErrors(e.nodeName).map((m) => invalid(`${path}.nodeName`, e.nodeName, m)));
  if (typeof e.hostname === 'string') errs.push(...dns1123LabelErrors(e.hostname).map((m) => invalid(`${path}.hostname`, e.hostname, m)));
  return errs;
}

/** How the apiserver treats EndpointSlices. */
export const endpointSliceStrategy: Strategy = {
  applyDefaults(obj) {
    for (const p of arrayOf(obj.ports)) {
      if (!isRecord(p)) continue;
      p.name ??= '';
      p.protocol ??= 'TCP';
    }
  },
  unknownFields: (obj) => unknownFieldsOf('EndpointSlice', obj),
  validate(obj) {
    const errs: FieldError[] = [];
    const addressType = obj.addressType;
    if (!addressType) errs.push(required('addressType'));
    else if (!ADDRESS_TYPES.includes(String(addressType))) errs.push(notSupported('addressType', addressType, ADDRESS_TYPES));
    arrayOf(obj.endpoints).forEach((e, i) => errs.push(...endpointErrors(isRecord(e) ? e : {}, addressType, `endpoints[${i}]`)));
    const names = new Set<string>();
    arrayOf(obj.ports).forEach((raw, i) => {
      const p: Obj = isRecord(raw) ? raw : {};
      const name = typeof p.name === 'string' ? p.name : '';
      if (name) errs.push(...dns1123LabelErrors(name).map((m) => invalid(`ports[${i}].name`, name, m)));
      if (names.has(name)) errs.push(duplicate(`ports[${i}].name`, name));
      names.add(name);
      if (!p.protocol) errs.push(required(`ports[${i}].protocol`));
      else if (!['SCTP', 'TCP', 'UDP'].includes(String(p.protocol))) errs.push(notSupported(`ports[${i}].protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    });
    return errs;
  },
};
