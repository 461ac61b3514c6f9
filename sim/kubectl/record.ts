// `--record` (kubectl cmd/util RecordFlags): a deprecated flag; pflag warns whenever it is given, and when it is
// true the command line goes into the kubernetes.io/change-cause annotation, which `rollout history` shows.
import type { K8sObject } from '../model/types';
import type { ProgramContext } from '../shell/program';
import { boolFlag, type ParsedFlags } from './flags';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** pflag's notice for a flag marked deprecated, printed when the flag is parsed. */
export function warnRecord(ctx: ProgramContext, f: ParsedFlags): void {
  for (const [name] of f.order) if (name === 'record') ctx.err('Flag --record has been deprecated, --record will be removed in the future\n');
}

/**
 * The change cause `--record` writes (parseCommandArguments): `kubectl`, the words that are not flags, then every
 * flag as `--name=value` in command-line order; undefined unless --record is true. Pure.
 */
export function changeCause(words: readonly string[], f: ParsedFlags): string | undefined {
  if (!boolFlag(f, 'record')) return undefined;
  const args = [...words, ...f.positionals, ...f.rest];
  return `kubectl${args.map((a) => ` ${a}`).join('')}${f.order.map(([name, value]) => ` --${name}=${value}`).join('')}`;
}

/** The object with the change cause annotated (ChangeCauseRecorder.Record); unchanged when there is none. Pure. */
export function withChangeCause<T extends K8sObject>(obj: T, cause: string | undefined): T {
  if (cause === undefined) return obj;
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, [CHANGE_CAUSE]: cause } } };
}
