// kubectl's resource builder for command-line arguments: `pods`, `pod/web`, `svc,deploy`, `all`,
// `deployments.apps/x`, with the server's "doesn't have a resource type" error.
import { findResource, RESOURCES, type ResourceInfo } from '../model/resources';

export interface ResourceSelection {
  readonly info: ResourceInfo;
  /** Named objects; empty means "all of this type". */
  readonly names: readonly string[];
}

export type SelectionResult = { ok: true; selections: ResourceSelection[] } | { ok: false; error: string };

/** Expands `all` and comma lists to resource infos, or the error kubectl prints. Pure. */
export function resolveTypes(text: string): { ok: true; infos: ResourceInfo[] } | { ok: false; error: string } {
  const infos: ResourceInfo[] = [];
  for (const part of text.split(',')) {
    if (part === '') continue;
    if (part === 'all') { for (const r of RESOURCES) if (r.inAll && !infos.includes(r)) infos.push(r); continue; }
    const info = findResource(part);
    if (!info) return { ok: false, error: `the server doesn't have a resource type "${part}"` };
    if (!infos.includes(info)) infos.push(info);
  }
  if (infos.length === 0) return { ok: false, error: `the server doesn't have a resource type "${text}"` };
  return { ok: true, infos };
}

/** Parses kubectl's positional resource arguments. Pure. */
export function resolveSelections(args: readonly string[]): SelectionResult {
  if (args.length === 0) return { ok: false, error: 'you must specify the type of resource to get.' };
  if (args.some((a) => a.includes('/'))) {
    const selections: ResourceSelection[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) return { ok: false, error: `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'` };
      const types = resolveTypes(a.slice(0, slash));
      if (!types.ok) return types;
      const name = a.slice(slash + 1);
      if (!name) return { ok: false, error: `arguments in resource/name form must have a single resource and name` };
      const existing = selections.find((s) => s.info === types.infos[0]);
      if (existing) (existing.names as string[]).push(name);
      else selections.push({ info: types.infos[0], names: [name] });
    }
    return { ok: true, selections };
  }
  const types = resolveTypes(args[0]);
  if (!types.ok) return types;
  const names = args.slice(1);
  if (names.length > 0 && types.infos.length > 1) return { ok: false, error: 'arguments in resource/name form must have a single resource and name' };
  return { ok: true, selections: types.infos.map((info) => ({ info, names })) };
}
