// `kubectl rollout` (cmd/rollout/rollout.go): status, history, undo, restart, pause and resume over
// deployments, daemonsets and statefulsets named as TYPE NAME, TYPE/NAME or -f.
import type { ProgramContext, Wait } from '../../shell/program';
import { flag, parseFlags, type FlagSpec } from '../flags';
import { dryRunOf, errorText, flagError, nameLine, resolveTargets, writeModified, type KubectlError } from '../patch';
import { rolloutStatus } from './status';
import { planUndo, viewHistory } from './history';
import { runSetter } from './restart';
import { wantsHelp } from '../help';
import { currentNamespace } from '../namespace';

const FLAGS: FlagSpec = {
  filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true }, selector: { short: 'l' }, 'dry-run': {},
  output: { short: 'o' }, revision: {}, 'to-revision': {}, timeout: {}, watch: { short: 'w', bool: true }, 'field-manager': {},
};

const HELP = `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const SUBCOMMANDS = ['status', 'history', 'undo', 'restart', 'pause', 'resume'];

/** `kubectl rollout SUBCOMMAND`: resolves the targets, then runs the subcommand on them. */
export function* kubectlRollout(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const subIndex = args.findIndex((a) => !a.startsWith('-'));
  const sub = subIndex >= 0 ? args[subIndex] : undefined;
  // --help prints the group's help on stdout; without a subcommand DefaultSubCommandRun(streams.ErrOut) prints it
  // on stderr and exits 1.
  if (sub === undefined && wantsHelp(args)) { ctx.out(HELP); return 0; }
  if (sub === undefined) { ctx.err(HELP); return 1; }
  if (!SUBCOMMANDS.includes(sub)) { ctx.err(`error: unknown command "${sub}" for "kubectl rollout"\n`); return 1; }
  const parsed = parseFlags([...args.slice(0, subIndex), ...args.slice(subIndex + 1)], FLAGS);
  if (!parsed.ok) return flagError(ctx, `rollout ${sub}`, parsed.error);
  const f = parsed.flags;
  if (f.positionals.length === 0 && !(f.values.get('filename') ?? []).length) { ctx.err('error: required resource not specified\n'); return 1; }
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  const found = resolveTargets(ctx, f, f.positionals, 'implicit');
  if (!found.ok) { ctx.err(`error: ${found.error}\n`); return 1; }
  const errors: KubectlError[] = [...found.errors];
  if (sub === 'status') {
    if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
    if (found.targets.length !== 1) {
      ctx.err(`error: rollout status is only supported on individual resources and resource collections - ${found.targets.length} resources were found\n`);
      return 1;
    }
    return yield* rolloutStatus(ctx, f, found.targets[0]);
  }
  if (sub === 'restart' && found.targets.length === 0 && errors.length === 0) {
    // restart.go: nothing selected and nothing failed is reported on stderr, and is not an error.
    ctx.err(`No resources found in ${currentNamespace(ctx, f)} namespace.\n`);
    return 0;
  }
  if (sub === 'restart' || sub === 'pause' || sub === 'resume') runSetter(ctx, found.targets, sub, dry.value, errors);
  else {
    for (const t of found.targets) {
      if (t.info.kind !== 'Deployment') {
        const verb = sub === 'history' ? 'history' : 'rollback';
        errors.push({ message: ['DaemonSet', 'StatefulSet'].includes(t.info.kind)
          ? `kubesim does not keep ControllerRevisions, so ${t.info.plural} have no rollout ${verb === 'history' ? 'history' : 'history to roll back to'}`
          : `no ${verb === 'history' ? 'history viewer' : 'rollbacker'} has been implemented for "${t.info.kind}${t.info.group ? `.${t.info.group}` : ''}"` });
        continue;
      }
      if (sub === 'history') {
        const revision = Number(flag(f, 'revision') ?? '0');
        if (!Number.isInteger(revision) || revision < 0) { errors.push({ message: `revision must be a positive integer: ${flag(f, 'revision')}` }); break; }
        const r = viewHistory(ctx.host.store, t.object, revision);
        if ('error' in r) { errors.push({ message: r.error }); continue; }
        ctx.out(nameLine(t.info, t.name, `${revision > 0 ? `with revision #${revision}` : ''}\n${r.text}`));
        continue;
      }
      const plan = planUndo(ctx.host.store, t.object, Number(flag(f, 'to-revision') ?? '0'), dry.value === 'client');
      if (plan.kind === 'error') { errors.push({ message: plan.error }); continue; }
      if (plan.kind === 'dry-run') { ctx.out(nameLine(t.info, t.name, plan.text, dry.value)); continue; }
      if (plan.kind === 'skip') { ctx.out(nameLine(t.info, t.name, plan.message, dry.value)); continue; }
      const res = writeModified(ctx, t, plan.deployment, dry.value);
      if (!res.ok) { errors.push({ message: `failed restoring revision ${flag(f, 'to-revision') ?? '0'}: ${res.status.message}` }); continue; }
      ctx.out(nameLine(t.info, t.name, 'rolled back', dry.value));
    }
  }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  return 0;
}
