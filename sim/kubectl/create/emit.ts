// What every `kubectl create <generator>` does with the object it built (cmd/create/*.go Run): optional
// last-applied annotation (--save-config), client dry-run or a create call, then the printer (-o or `created`).
import type { K8sObject } from '../../model/types';
import { resourceFor } from '../../model/resources';
import type { ApiStatus } from '../../core/errors';
import type { ProgramContext } from '../../shell/program';
import { boolFlag, flag, type ParsedFlags } from '../flags';
import { apiErrorText } from '../errors';
import { LAST_APPLIED, lastAppliedOf } from '../apply-patch';
import { currentNamespace } from '../namespace';
import { toJson, toYaml } from '../output';
import { dryRunOf, nameLine } from '../patch';

/** Flags every create generator accepts. */
export const CREATE_COMMON = {
  'dry-run': {}, output: { short: 'o' }, 'save-config': { bool: true }, validate: {}, 'field-manager': {},
  'show-managed-fields': { bool: true }, template: {}, 'allow-missing-template-keys': { bool: true },
} as const;

/** NameFromCommandArgs: exactly one NAME, or the usage error text for `kubectl create <what>`. Pure. */
export function nameArg(positionals: readonly string[], command: string): { name: string } | { error: string } {
  if (positionals.length !== 1) return { error: `error: exactly one NAME is required, got ${positionals.length}\nSee 'kubectl ${command} -h' for help and examples\n` };
  return { name: positionals[0] };
}

/** The namespace the object carries client-side: only when -n was given (EnforceNamespace). Pure. */
export function enforcedNamespace(f: ParsedFlags): string | undefined {
  return flag(f, 'namespace');
}

/**
 * Sends (or, with --dry-run=client, only prints) a generated object. `wrap` turns an API failure into the text
 * the generator returns (`failed to create deployment: …`); undefined prints the API error itself.
 */
export function emitCreated(ctx: ProgramContext, f: ParsedFlags, built: K8sObject, wrap: ((status: ApiStatus) => string) | undefined): number {
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  const output = flag(f, 'output');
  if (output !== undefined && !['yaml', 'json', 'name'].includes(output)) {
    ctx.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n`);
    return 1;
  }
  let obj = built;
  if (boolFlag(f, 'save-config')) {
    obj = { ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, [LAST_APPLIED]: lastAppliedOf(obj as unknown as Record<string, unknown>) } } };
  }
  if (dry.value !== 'client') {
    const info = resourceFor(obj.kind);
    const sent = info.namespaced ? { ...obj, metadata: { ...obj.metadata, namespace: currentNamespace(ctx, f) } } : obj;
    const res = ctx.host.api.create(sent as K8sObject, { dryRun: dry.value === 'server' });
    if (!res.ok) { ctx.err(wrap ? `error: ${wrap(res.status)}\n` : apiErrorText(res.status)); return 1; }
    obj = res.object;
  }
  if (output === 'yaml') ctx.out(toYaml(obj));
  else if (output === 'json') ctx.out(toJson(obj));
  else ctx.out(nameLine(resourceFor(obj.kind), obj.metadata.name, output === 'name' ? '' : 'created', output === 'name' ? undefined : dry.value));
  return 0;
}
