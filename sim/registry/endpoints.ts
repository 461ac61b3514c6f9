// The endpoints REST strategy (core v1 SetDefaults_Endpoints, core validation ValidateEndpoints): every subset has
// addresses, each a valid non-special IP, and valid ports.
import { invalid, notSupported, required, type FieldError } from '../core/errors';
import type { Strategy } from './strategy';
import { arrayOf, isRecord, portNumErrors } from './field-checks';
import { dns1123LabelErrors, dns1123SubdomainErrors } from './object-meta';
import { VALID_IP_MSG, isValidIP } from './service-validation';
import { unknownFieldsOf } from './schema/unknown-fields';

type Obj = Record<string, unknown>;

/** ValidateNonSpecialIP for an IPv4 address. Pure. */
export function specialIPErrors(ip: string, path: string): FieldError[] {
  if (ip === '0.0.0.0') return [invalid(path, ip, `may not be unspecified (${ip})`)];
  if (ip.startsWith('127.')) return [invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (ip.startsWith('169.254.')) return [invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if (ip.startsWith('224.0.0.')) return [invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

/** Addresses found valid: stored objects never change, so an address shared by the next version stays valid. */
const validAddresses = new WeakSet<object>();

function addressErrors(a: Obj, path: string): FieldError[] {
  if (validAddresses.has(a)) return [];
  const errs = newAddressErrors(a, path);
  if (errs.length === 0) validAddresses.add(a);
  return errs;
}

function newAddressErrors(a: Obj, path: string): FieldError[] {
  const ip = String(a.ip ?? '');
  const errs = isValidIP(ip) ? [] : [invalid(`${path}.ip`, ip, VALID_IP_MSG)];
  if (typeof a.hostname === 'string' && a.hostname) errs.push(...dns1123LabelErrors(a.hostname).map((m) => invalid(`${path}.hostname`, a.hostname, m)));
  if (typeof a.nodeName === 'string') errs.push(...dns1123SubdomainErrors(a.nodeName).map((m) => invalid(`${path}.nodeName`, a.nodeName, m)));
  if (!isValidIP(ip)) return [...errs, invalid(`${path}.ip`, ip, 'must be a valid IP address')];
  return [...errs, ...specialIPErrors(ip, `${path}.ip`)];
}

/** validateEndpointPort / the port checks EndpointSlices share. Pure. */
export function endpointPortErrors(p: Obj, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = typeof p.name === 'string' ? p.name : '';
  if (requireName && !name) errs.push(required(`${path}.name`));
  else if (name) errs.push(...dns1123LabelErrors(name).map((m) => invalid(`${path}.name`, name, m)));
  const port = typeof p.port === 'number' ? p.port : 0;
  errs.push(...portNumErrors(port).map((m) => invalid(`${path}.port`, port, m)));
  if (!p.protocol) errs.push(required(`${path}.protocol`));
  else if (!['SCTP', 'TCP', 'UDP'].includes(String(p.protocol))) errs.push(notSupported(`${path}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  return errs;
}

/** How the apiserver treats Endpoints. */
export const endpointsStrategy: Strategy = {
  applyDefaults(obj) {
    for (const s of arrayOf(obj.subsets)) {
      for (const p of arrayOf(isRecord(s) ? s.ports : undefined)) if (isRecord(p) && !p.protocol) p.protocol = 'TCP';
    }
  },
  unknownFields: (obj) => unknownFieldsOf('Endpoints', obj),
  validate(obj) {
    const errs: FieldError[] = [];
    arrayOf(obj.subsets).forEach((raw, i) => {
      const s: Obj = isRecord(raw) ? raw : {};
      const at = `subsets[${i}]`;
      if (arrayOf(s.addresses).length === 0 && arrayOf(s.notReadyAddresses).length === 0) {
        errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`'));
      }
      arrayOf(s.addresses).forEach((a, j) => errs.push(...addressErrors(isRecord(a) ? a : {}, `${at}.addresses[${j}]`)));
      arrayOf(s.notReadyAddresses).forEach((a, j) => errs.push(...addressErrors(isRecord(a) ? a : {}, `${at}.notReadyAddresses[${j}]`)));
      const ports = arrayOf(s.ports);
      ports.forEach((p, j) => errs.push(...endpointPortErrors(isRecord(p) ? p : {}, ports.length > 1, `${at}.ports[${j}]`)));
    });
    return errs;
  },
};
