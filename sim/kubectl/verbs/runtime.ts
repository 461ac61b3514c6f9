// kubectl's subcommands that reach into running containers: logs, exec, port-forward.
import type { Verb } from '../verb';

export const RUNTIME_VERBS: Readonly<Record<string, Verb>> = {};
