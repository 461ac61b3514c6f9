// The `kubectl` program: dispatches a verb to its implementation, with kubectl's wording for unknown commands.
import type { Program } from '../shell/program';
import type { Verb } from './verb';
import { READ_VERBS } from './verbs/read';
import { WRITE_VERBS } from './verbs/write';
import { RUNTIME_VERBS } from './verbs/runtime';
import { suggestionText } from './suggest';

const VERBS: Readonly<Record<string, Verb>> = { ...READ_VERBS, ...WRITE_VERBS, ...RUNTIME_VERBS };

const USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** Finds the verb: the first argument that is not a global flag (`kubectl -n x get pods`). Pure. */
function splitVerb(argv: readonly string[]): { verb: string | undefined; args: string[] } {
  const args = [...argv];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--namespace' || a === '--context' || a === '--kubeconfig') { i++; continue; }
    if (a.startsWith('-')) continue;
    args.splice(i, 1);
    return { verb: a, args };
  }
  return { verb: undefined, args };
}

export const kubectl: Program = (ctx) => {
  const { verb, args } = splitVerb(ctx.argv.slice(1));
  if (verb === undefined) { ctx.out(USAGE); return 0; }
  const impl = VERBS[verb];
  if (!impl) {
    const suggestions = suggestionText(verb);
    ctx.err(`error: unknown command "${verb}" for "kubectl"${suggestions || '\n'}`);
    return 1;
  }
  return impl(ctx, args);
};
