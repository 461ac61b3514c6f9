// `kubectl edit` (cmd/edit, cmd/util/editor/editoptions.go): the object as YAML under kubectl's comment header; on
// save, a two-way strategic merge patch from the opened text to the saved one is merged into the live object.
// The terminal has no editor, so the verb reports what kubectl says when it cannot start one; the page opens
// `editTextFor` in its editor and hands the saved text to `applyEditedText`.
// SIMPLIFIED: one object per edit (kubectl would open several as a List).
import { parseDocument } from 'yaml';
import type { K8sObject, Kind } from '../model/types';
import { objectKey } from '../model/keys';
import { resourceFor, resourceGroupName } from '../model/resources';
import type { ProgramContext, ShellHost, Wait } from '../shell/program';
import { flagError, nameLine, errorText } from './patch';
import { parseFlags, flag, type FlagSpec } from './flags';
import { resolveSelections } from './resources';
import { currentNamespace } from './namespace';
import { applyStrategicPatch, createTwoWayPatch, isMap, patchFailure } from './apply-patch';
import { toYaml } from './output';
import { notFoundStatus } from '../core/errors';
import { warnRecord } from './record';

/** The comment block kubectl puts above the object it opens in the editor. */
export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The object being edited, and the text it was opened with (without comments). */
export interface EditTarget { readonly kind: Kind; readonly namespace: string | undefined; readonly name: string; readonly original: string }

/** What saving the editor's text led to; `reopen` carries the text to show again with the failures. */
export type EditResult =
  | { readonly outcome: 'edited' | 'skipped' | 'cancelled' | 'error'; readonly stdout: string; readonly stderr: string }
  | { readonly outcome: 'reopen'; readonly stdout: string; readonly stderr: string; readonly text: string };

/** cmdutil.StripComments: drops every line whose first non-blank character is `#`. Pure. */
export function stripComments(text: string): string {
  return text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n');
}

/** The text `kubectl edit TYPE NAME` opens, or the error it prints (NotFound, unknown type). */
export function editTextFor(host: ShellHost, namespace: string, args: readonly string[]): { ok: true; text: string; target: EditTarget } | { ok: false; stderr: string } {
  const sel = resolveSelections(args);
  if (!sel.ok) return { ok: false, stderr: `error: ${sel.error}\n` };
  const s = sel.selections[0];
  if (sel.selections.length !== 1 || s.names.length !== 1) return { ok: false, stderr: 'error: kubesim edits one object at a time: name it as TYPE NAME or TYPE/NAME\n' };
  const ns = s.info.namespaced ? namespace : undefined;
  const live = host.store.get(objectKey(s.info.kind, ns, s.names[0]));
  if (!live) return { ok: false, stderr: errorText([{ status: notFoundStatus(resourceGroupName(s.info), s.names[0]) }]) };
  const original = toYaml(live);
  return { ok: true, text: EDIT_HEADER + original, target: { kind: s.info.kind, namespace: ns, name: s.names[0], original } };
}

function reopen(edited: string, head: string, causes: readonly string[]): EditResult {
  const reason = `# ${head.replace(/\n/g, '\n# ')}${causes.length > 0 ? ':' : ''}\n${causes.map((c) => `# * ${c.replace(/\n/g, '\n# ')}\n`).join('')}#\n`;
  return { outcome: 'reopen', stdout: '', stderr: '', text: EDIT_HEADER + reason + stripComments(edited).replace(/^\n+/, '') };
}

/** What `kubectl edit` does with the saved text: cancel, reopen with the failures, or patch and print `edited`. */
export function applyEditedText(host: ShellHost, target: EditTarget, edited: string): EditResult {
  const info = resourceFor(target.kind);
  const body = stripComments(edited);
  if (body === stripComments(target.original)) return { outcome: 'cancelled', stdout: '', stderr: 'Edit cancelled, no changes made.\n' };
  if (body.trim() === '') return { outcome: 'cancelled', stdout: '', stderr: 'Edit cancelled, saved file was empty.\n' };
  const doc = parseDocument(body, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    const line = body.slice(0, doc.errors[0].pos[0]).split('\n').length;
    return reopen(edited, `The edited file had a syntax error: error converting YAML to JSON: yaml: line ${line}: ${doc.errors[0].message.split('\n')[0]}`, []);
  }
  const next = doc.toJS() as unknown;
  const before = parseDocument(target.original, { version: '1.1' }).toJS() as Record<string, unknown>;
  if (!isMap(next)) return reopen(edited, 'The edited file failed validation', ['invalid object to edit']);
  const meta = (o: Record<string, unknown>): unknown => (isMap(o.metadata) ? o.metadata.name : undefined);
  if (next.apiVersion !== before.apiVersion || next.kind !== before.kind || meta(next) !== meta(before)) {
    return { outcome: 'error', stdout: '', stderr: 'error: At least one of apiVersion, kind and name was changed\n' };
  }
  const patch = createTwoWayPatch(target.kind, before, next);
  if (Object.keys(patch).length === 0) return { outcome: 'skipped', stdout: nameLine(info, target.name, 'skipped'), stderr: '' };
  const live = host.store.get(objectKey(target.kind, target.namespace, target.name));
  if (!live) return { outcome: 'error', stdout: '', stderr: errorText([{ status: notFoundStatus(resourceGroupName(info), target.name) }]) };
  const merged = applyStrategicPatch(target.kind, live, patch) as unknown as K8sObject;
  const res = host.api.update({ ...merged, metadata: { ...merged.metadata, resourceVersion: live.metadata.resourceVersion } } as K8sObject);
  if (!res.ok) {
    const status = patchFailure(res.status, patch);
    const causes = (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    if (status.reason === 'Invalid') return reopen(edited, `${resourceGroupName(info)} "${target.name}" was not valid`, causes.length > 0 ? causes : [status.message]);
    return reopen(edited, `error: ${status.message}`, []);
  }
  return { outcome: 'edited', stdout: nameLine(info, target.name, 'edited'), stderr: '' };
}

const FLAGS: FlagSpec = {
  output: { short: 'o' }, filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true }, 'output-patch': { bool: true },
  'windows-line-endings': { bool: true }, 'save-config': { bool: true }, validate: {}, 'field-manager': {}, subresource: {}, record: { bool: true },
  'show-managed-fields': { bool: true }, template: {}, 'allow-missing-template-keys': { bool: true },
};

/** In the terminal: finds the object as kubectl does, then fails the way kubectl fails when no editor can start. */
export function* kubectlEdit(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, 'edit', parsed.error);
  const f = parsed.flags;
  // SIMPLIFIED: `edit --record` warns that the flag is deprecated but writes no change cause.
  warnRecord(ctx, f);
  if (f.positionals.length === 0) {
    ctx.err(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`);
    return 1;
  }
  const opened = editTextFor(ctx.host, currentNamespace(ctx, f), f.positionals);
  if (!opened.ok) { ctx.err(opened.stderr); return 1; }
  const bridge = ctx.host.editor;
  if (!bridge) {
    const editor = ctx.session.env.get('KUBE_EDITOR') || ctx.session.env.get('EDITOR') || 'vi';
    ctx.err(`error: unable to launch the editor "${editor}"\n`);
    return 1;
  }
  // As kubectl does, the object goes to a temporary file the editor opens; saving and closing it applies the edit,
  // and a failed save reopens the file with the errors in its header.
  // Named after the command's place in the history, so a replay opens the same file.
  const path = `/tmp/kubectl-edit-${ctx.session.history.length}.yaml`;
  const title = `kubectl edit ${opened.target.kind.toLowerCase()}/${opened.target.name}`;
  let text = opened.text;
  for (let round = 0; ; round++) {
    ctx.session.fs.write(path, text);
    const id = bridge.open(path, title);
    while (bridge.result(id) === undefined) yield { kind: 'change' };
    const read = ctx.session.fs.read(path);
    const edited = bridge.result(id) === 'saved' && read.ok ? read.value : text;
    // editoptions.go: saving the reopened file unchanged (or closing it) gives up, keeping a copy of the changes.
    if (round > 0 && stripComments(edited) === stripComments(text)) {
      ctx.err(`A copy of your changes has been stored to "${path}"\nerror: Edit cancelled, no valid changes were saved.\n`);
      return 1;
    }
    const result = applyEditedText(ctx.host, opened.target, edited);
    ctx.out(result.stdout);
    ctx.err(result.stderr);
    if (result.outcome !== 'reopen') {
      ctx.session.fs.remove(path);
      return result.outcome === 'error' ? 1 : 0;
    }
    text = result.text;
  }
}

