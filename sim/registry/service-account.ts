// The serviceaccounts REST strategy (pkg/registry/core/serviceaccount): an object of metadata, the secrets it may
// mount, its image pull secrets and whether pods automount its token. ValidateServiceAccount checks only the
// metadata (the name is a DNS subdomain), which the apiserver checks for every kind.
import type { Strategy } from './strategy';
import { unknownFieldsOf } from './schema/unknown-fields';

/** How the apiserver treats ServiceAccounts. */
export const serviceAccountStrategy: Strategy = {
  unknownFields: (obj) => unknownFieldsOf('ServiceAccount', obj),
};
