// kubectl's subcommands that reach into running containers: logs, exec, port-forward; and completion.
import type { Verb } from '../verb';
import { kubectlLogs } from '../logs';
import { kubectlExec } from '../exec';
import { kubectlPortForward } from '../port-forward';
import { kubectlCompletion } from '../completion';

export const RUNTIME_VERBS: Readonly<Record<string, Verb>> = {
  logs: kubectlLogs,
  log: kubectlLogs,
  exec: kubectlExec,
  'port-forward': kubectlPortForward,
  completion: kubectlCompletion,
};
