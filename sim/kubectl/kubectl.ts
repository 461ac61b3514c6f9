// The `kubectl` program (kubectl pkg/cmd/cmd.go): dispatches a verb to its implementation; with no verb, `help` or
// `--help` it prints the root help with cobra's command groups; unknown commands get cobra's wording.
import type { Program } from '../shell/program';
import type { Verb } from './verb';
import { READ_VERBS } from './verbs/read';
import { WRITE_VERBS } from './verbs/write';
import { RUNTIME_VERBS } from './verbs/runtime';
import { KUBECTL_COMMANDS, suggestionText } from './suggest';
import { commandHelp, wantsHelp } from './help';

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

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

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
  // cobra's help command: `kubectl help get` is `kubectl get --help`.
  if (verb === 'help' && args[0] !== undefined && VERBS[args[0]]) return VERBS[args[0]](ctx, ['--help']);
  if (verb === undefined || verb === 'help') { ctx.out(USAGE); return 0; }
  const impl = VERBS[verb];
  if (!impl && KUBECTL_COMMANDS.includes(verb)) {
    // SIMPLIFIED: real kubectl commands that kubesim does not model say so rather than claiming not to exist.
    ctx.err(`error: kubectl ${verb} is not simulated in kubesim\n`);
    return 1;
  }
  if (!impl) {
    const suggestions = suggestionText(verb);
    ctx.err(`error: unknown command "${verb}" for "kubectl"${suggestions || '\n'}`);
    return 1;
  }
  const help = wantsHelp(args) ? commandHelp(verb, args) : undefined;
  if (help !== undefined) { ctx.out(help); return 0; }
  return impl(ctx, args);
};
