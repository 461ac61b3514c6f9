// kubectl's subcommands that change the cluster.
import type { Verb } from '../verb';
import { kubectlApply } from '../apply';
import { kubectlDelete } from '../delete';

export const WRITE_VERBS: Readonly<Record<string, Verb>> = {
  apply: kubectlApply,
  delete: kubectlDelete,
};
