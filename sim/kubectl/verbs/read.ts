// kubectl's reading subcommands: get, describe, explain, top, and the informational ones (api-resources,
// api-versions, cluster-info, config, version, auth) and events.
import type { Verb } from '../verb';
import { kubectlGet } from '../get';
import { kubectlDescribe } from '../describe/describe';
import { kubectlExplain } from '../explain';
import { kubectlTop } from '../top';
import { kubectlEvents } from '../events';
import { INFO_VERBS } from '../info-verbs';

export const READ_VERBS: Readonly<Record<string, Verb>> = {
  get: kubectlGet,
  describe: kubectlDescribe,
  explain: kubectlExplain,
  top: kubectlTop,
  events: kubectlEvents,
  ...INFO_VERBS,
};
