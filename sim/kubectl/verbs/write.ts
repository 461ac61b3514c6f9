// kubectl's subcommands that change the cluster.
import type { Verb } from '../verb';
import { kubectlApply } from '../apply';
import { kubectlCreate } from '../create/create';
import { kubectlReplace } from '../create/from-files';
import { kubectlDelete } from '../delete';
import { kubectlPatch } from '../patch';
import { kubectlRollout } from '../rollout/rollout';
import { kubectlWait } from '../wait';
import { kubectlScale } from '../scale';
import { kubectlSet } from '../set';
import { kubectlAnnotate, kubectlLabel } from '../label';
import { kubectlExpose } from '../expose';
import { kubectlEdit } from '../edit';
import { kubectlRun } from '../run';
import { kubectlCordon, kubectlDrain, kubectlUncordon } from '../node-verbs';

export const WRITE_VERBS: Readonly<Record<string, Verb>> = {
  apply: kubectlApply,
  create: kubectlCreate,
  replace: kubectlReplace,
  delete: kubectlDelete,
  patch: kubectlPatch,
  edit: kubectlEdit,
  scale: kubectlScale,
  set: kubectlSet,
  rollout: kubectlRollout,
  label: kubectlLabel,
  annotate: kubectlAnnotate,
  expose: kubectlExpose,
  run: kubectlRun,
  wait: kubectlWait,
  cordon: kubectlCordon,
  uncordon: kubectlUncordon,
  drain: kubectlDrain,
};
