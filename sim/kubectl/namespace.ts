// The namespace a kubectl command works in: `-n`, else the context's namespace (default).
import type { ProgramContext } from '../shell/program';
import { flag, type ParsedFlags } from './flags';

/** `-n`/`--namespace`, or `default`. Pure. */
export function currentNamespace(_ctx: ProgramContext, f: ParsedFlags): string {
  return flag(f, 'namespace') ?? 'default';
}
