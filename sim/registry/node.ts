// The nodes REST strategy (pkg/registry/core/node, core validation ValidateNode and ValidateNodeUpdate): taints,
// pod CIDRs, canonical capacity, and the fields a node update may not change. Nodes keep the status they register with.
import type { K8sObject } from '../model/types';
import { forbidden, invalid, notSupported, renderValue, required, type FieldError } from '../core/errors';
import { stableStringify } from '../core/names';
import type { Strategy } from './strategy';
import { arrayOf, isRecord } from './field-checks';
import { labelValueErrors, qualifiedNameErrors } from './object-meta';
import { canonicalizeResourceList } from './pod-spec-defaults';
import { unknownFieldsOf } from './schema/unknown-fields';

type Obj = Record<string, unknown>;

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** validateNodeTaints. Upstream reports them under `metadata.taints`, and so does this. Pure. */
export function validateNodeTaints(taints: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arrayOf(taints).forEach((raw, i) => {
    const t: Obj = isRecord(raw) ? raw : {};
    const at = `metadata.taints[${i}]`;
    const key = String(t.key ?? '');
    errs.push(...qualifiedNameErrors(key).map((m) => invalid(`${at}.key`, key, m)));
    const value = String(t.value ?? '');
    const msgs = labelValueErrors(value);
    if (msgs.length > 0) errs.push(invalid(`${at}.value`, value, msgs.join(';')));
    if (!t.effect) errs.push(required(`${at}.effect`));
    else if (!EFFECTS.includes(String(t.effect))) errs.push(notSupported(`${at}.effect`, t.effect, EFFECTS));
    const id = `${t.effect}/${key}`;
    if (seen.has(id)) {
      // The bad value is the internal core.Taint, whose JSON has Go field names.
      const internal = { Key: key, Value: value, Effect: t.effect ?? '', TimeAdded: t.timeAdded ?? null };
      errs.push({ type: 'FieldValueDuplicate', field: at, message: `Duplicate value: ${renderValue(internal)}: taints must be unique by key and effect pair` });
    }
    seen.add(id);
  });
  return errs;
}

function cidrErrors(cidrs: unknown): FieldError[] {
  return arrayOf<string>(cidrs).flatMap((c, i) => {
    const m = CIDR.exec(String(c));
    const ok = m !== null && [1, 2, 3, 4].every((k) => Number(m[k]) <= 255) && Number(m[5]) <= 32;
    return ok ? [] : [invalid(`spec.podCIDRs[${i}]`, c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  });
}

/** How the apiserver treats Nodes. */
export const nodeStrategy: Strategy = {
  applyDefaults(obj) {
    const status = isRecord(obj.status) ? obj.status : undefined;
    if (!status) return;
    canonicalizeResourceList(status.capacity);
    canonicalizeResourceList(status.allocatable);
    if (status.allocatable === undefined && isRecord(status.capacity)) status.allocatable = { ...status.capacity };
  },
  unknownFields: (obj) => unknownFieldsOf('Node', obj),
  validate(obj) {
    const spec: Obj = isRecord(obj.spec) ? obj.spec : {};
    return [...validateNodeTaints(spec.taints), ...cidrErrors(spec.podCIDRs)];
  },
  validateUpdate(obj: K8sObject, old: K8sObject) {
    const next: Obj = isRecord(obj.spec) ? obj.spec : {};
    const prev: Obj = isRecord(old.spec) ? old.spec : {};
    const errs: FieldError[] = [];
    if (arrayOf(prev.podCIDRs).length > 0 && stableStringify(next.podCIDRs ?? []) !== stableStringify(prev.podCIDRs)) {
      errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    }
    if (prev.providerID && prev.providerID !== next.providerID) {
      errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
    }
    return errs;
  },
};
