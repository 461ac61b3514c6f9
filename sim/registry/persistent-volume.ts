// The persistentvolumes REST strategy (core v1 SetDefaults_PersistentVolume, core validation
// ValidatePersistentVolume): Retain and Filesystem by default, access modes, a storage capacity, one volume source,
// and the `kubernetes.io/pv-protection` finalizer of the StorageObjectInUseProtection admission plugin.
import type { K8sObject } from '../model/types';
import { notSupported, required, type FieldError } from '../core/errors';
import { formatTimestamp } from '../model/time';
import type { Strategy } from './strategy';
import { arrayOf, isRecord } from './field-checks';
import { canonicalizeResourceList, VOLUME_SOURCE_KEYS } from './pod-spec-defaults';
import { unknownFieldsOf } from './schema/unknown-fields';
import { admitVolume } from './storage-admission';

type Obj = Record<string, unknown>;

const PV_ONLY_SOURCES = ['local'];
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function specOf(obj: K8sObject): Obj {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}

/** ValidatePersistentVolumeSpec (the parts a lesson meets). Pure. */
export function validateVolumeSpec(specValue: unknown): FieldError[] {
  const spec: Obj = isRecord(specValue) ? specValue : {};
  const errs: FieldError[] = [];
  const modes = arrayOf<string>(spec.accessModes);
  if (modes.length === 0) errs.push(required('spec.accessModes'));
  for (const mode of modes) if (!ACCESS_MODES.includes(String(mode))) errs.push(notSupported('spec.accessModes', mode, ACCESS_MODES));
  const capacity = isRecord(spec.capacity) ? spec.capacity : {};
  if (Object.keys(capacity).length === 0) errs.push(required('spec.capacity'));
  if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(notSupported('spec.capacity', capacity, ['storage']));
  const sources = [...VOLUME_SOURCE_KEYS, ...PV_ONLY_SOURCES].filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !['Delete', 'Recycle', 'Retain'].includes(String(policy))) {
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']));
  }
  return errs;
}

/** How the apiserver treats PersistentVolumes. */
export const persistentVolumeStrategy: Strategy = {
  applyDefaults(obj) {
    const spec = specOf(obj);
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ||= 'Filesystem';
    canonicalizeResourceList(spec.capacity);
  },
  unknownFields: (obj) => unknownFieldsOf('PersistentVolume', obj),
  validate: (obj) => validateVolumeSpec(obj.spec),
  prepareForCreate(obj, ctx) {
    obj.status = { lastPhaseTransitionTime: formatTimestamp(ctx.nowEpochMs), phase: 'Pending' };
    admitVolume(obj);
  },
};
