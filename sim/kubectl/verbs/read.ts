// kubectl's reading subcommands: get, and the informational ones.
import type { Verb } from '../verb';
import { kubectlGet } from '../get';

export const READ_VERBS: Readonly<Record<string, Verb>> = {
  get: kubectlGet,
  version: function* (ctx) {
    ctx.out('Client Version: v1.34.1\nKustomize Version: v5.7.1\nServer Version: v1.34.1\n');
    return 0;
  },
};
