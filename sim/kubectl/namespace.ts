// The namespace a kubectl command works in: `-n`, else the current context's namespace in ~/.kube/config, else
// `default` (clientcmd's DirectClientConfig.Namespace).
import type { ProgramContext } from '../shell/program';
import { flag, type ParsedFlags } from './flags';
import { contextNamespace } from './kubeconfig';

/** `-n`/`--namespace`, or the context's namespace, or `default`. */
export function currentNamespace(ctx: ProgramContext, f: ParsedFlags): string {
  return flag(f, 'namespace') ?? contextNamespace(ctx.session.fs) ?? 'default';
}
