// `kubectl run --attach/-i [--rm]` (cmd/run/run.go, cmd/attach/attach.go): after creating the pod, kubectl waits
// for it to run, streams its container's output, then — for restart policy Never or OnFailure — waits for the
// pod to finish and exits with the container's exit code; `--rm` deletes what it created once it is done.
// SIMPLIFIED: stdin is not forwarded (the command's input is empty), so an interactive shell is refused before the
// pod is created; the output is what the container writes, polled every half second of virtual time.
import type { LogLine } from '../core/runtime';
import { objectKey } from '../model/keys';
import { resourceFor } from '../model/resources';
import type { ProgramContext, Wait } from '../shell/program';
import type { StoredPod } from './pod-target';
import { logSource } from './logs-source';
import { deletedLine } from './delete';

const POLL_MS = 500;
/** --pod-running-timeout's default. */
export const POD_RUNNING_TIMEOUT_MS = 60_000;

/** Shells that would read commands from the (absent) terminal. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/zsh']);

/** Whether the container would wait for a person typing: a shell with no script, or no command at all. Pure. */
export function readsFromTerminal(args: readonly string[]): boolean {
  return args.length === 0 || (args.length === 1 && SHELLS.has(args[0]));
}

export interface AttachPlan {
  readonly namespace: string;
  readonly name: string;
  readonly restartPolicy: string;
  readonly tty: boolean;
  readonly quiet: boolean;
  /** What was created, in order, for --rm: each kind and name. */
  readonly remove: readonly { readonly kind: 'Pod' | 'Service'; readonly name: string }[] | undefined;
}

function podOf(ctx: ProgramContext, namespace: string, name: string): StoredPod | undefined {
  return ctx.host.store.get(objectKey('Pod', namespace, name)) as StoredPod | undefined;
}

function phaseOf(pod: StoredPod | undefined): string | undefined {
  return (pod?.status as { phase?: string } | undefined)?.phase;
}

/** Attaches to the pod `kubectl run` just created; returns the exit code. */
export function* attachToRun(ctx: ProgramContext, plan: AttachPlan): Generator<Wait, number, void> {
  const { namespace, name } = plan;
  const result = yield* follow(ctx, plan);
  // run.go defers the removal, so its lines come before the error the command returns.
  for (const obj of plan.remove ?? []) {
    const res = ctx.host.api.delete(obj.kind, namespace, obj.name);
    if (res.ok) ctx.out(deletedLine(resourceFor(obj.kind), obj.name, namespace, -1, undefined, undefined));
  }
  if (result.error) ctx.err(result.error);
  return result.code;
}

function* follow(ctx: ProgramContext, plan: AttachPlan): Generator<Wait, { code: number; error?: string }, void> {
  const { namespace, name } = plan;
  const deadline = ctx.host.now() + POD_RUNNING_TIMEOUT_MS;
  // waitForPod(podRunningAndReady): running, or already finished.
  for (;;) {
    const pod = podOf(ctx, namespace, name);
    if (!pod) return { code: 1, error: `error: pods "${name}" not found\n` };
    const phase = phaseOf(pod);
    const started = (pod.status as { containerStatuses?: { state?: { running?: unknown; terminated?: unknown } }[] } | undefined)
      ?.containerStatuses?.[0]?.state;
    if (phase === 'Succeeded' || phase === 'Failed' || started?.running || started?.terminated) break;
    if (ctx.host.now() >= deadline) return { code: 1, error: 'error: timed out waiting for the condition\n' };
    yield { kind: 'change', timeoutAt: deadline };
  }
  if (plan.tty && !plan.quiet) ctx.err("If you don't see a command prompt, try pressing enter.\n");
  yield* stream(ctx, namespace, name);
  if (plan.restartPolicy !== 'Never' && plan.restartPolicy !== 'OnFailure') return { code: 0 };
  // waitForPod(podCompleted) for Never, (podSucceeded) for OnFailure, with a timeout of its own.
  const finish = ctx.host.now() + POD_RUNNING_TIMEOUT_MS;
  for (;;) {
    const pod = podOf(ctx, namespace, name);
    if (!pod) return { code: 1, error: `error: pods "${name}" not found\n` };
    const phase = phaseOf(pod);
    if (phase === 'Succeeded') return { code: 0 };
    if (phase === 'Failed' && plan.restartPolicy === 'Never') return failedExit(pod);
    if (ctx.host.now() >= finish) return { code: 1, error: 'error: timed out waiting for the condition\n' };
    yield { kind: 'change', timeoutAt: finish };
  }
}

/** The container's output from its start until it stops running. */
function* stream(ctx: ProgramContext, namespace: string, name: string): Generator<Wait, void, void> {
  const pod = podOf(ctx, namespace, name);
  if (!pod) return;
  const container = pod.spec?.containers?.[0]?.name ?? name;
  const src = logSource(ctx.host.runtime, pod, container, false);
  if (!src.ok) return;
  const print = (l: LogLine): void => ctx.out(`${l.text}\n`);
  src.lines.forEach(print);
  let last = src.lines[src.lines.length - 1];
  for (let lines = src.live(); lines; lines = src.live()) {
    yield { kind: 'sleep', untilMs: ctx.host.now() + POLL_MS };
    const now = src.live() ?? finalLines(ctx, namespace, name, container);
    const from = last === undefined ? 0 : now.lastIndexOf(last) + 1;
    for (let i = from; i < now.length; i++) print(now[i]);
    if (now.length > 0) last = now[now.length - 1];
  }
}

/** What the container wrote by the time it stopped. */
function finalLines(ctx: ProgramContext, namespace: string, name: string, container: string): readonly LogLine[] {
  const pod = podOf(ctx, namespace, name);
  if (!pod) return [];
  const src = logSource(ctx.host.runtime, pod, container, false);
  return src.ok ? src.lines : [];
}

/** run.go's exit for a failed pod: the container's exit code, or an unknown-exit-code error. */
function failedExit(pod: StoredPod): { code: number; error: string } {
  const ns = pod.metadata.namespace ?? '';
  const terminated = (pod.status as { containerStatuses?: { state?: { terminated?: { exitCode?: number; reason?: string; message?: string } } }[] } | undefined)
    ?.containerStatuses?.[0]?.state?.terminated;
  const code = terminated?.exitCode ?? 0;
  if (!terminated || code === 0) return { code: 1, error: `error: pod ${ns}/${pod.metadata.name} failed with unknown exit code\n` };
  // uexec.CodeExitError: printed as it is (no `error:` prefix), ending in a newline.
  const message = terminated.message ?? '';
  return { code, error: `pod ${ns}/${pod.metadata.name} terminated (${terminated.reason ?? 'Error'})\n${message}${message && !message.endsWith('\n') ? '\n' : ''}` };
}
