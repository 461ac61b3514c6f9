// kubectl's informational commands: api-resources, api-versions, cluster-info, config (view, current-context,
// get-contexts), version and auth can-i, for kubesim's one AKS-style cluster, context and user.
// SIMPLIFIED: discovery lists only the resources kubesim serves; kubesim has no RBAC, so `auth can-i` is always yes.
import { apiVersionOf, RESOURCES, type ResourceInfo } from '../model/resources';
import type { ProgramContext } from '../shell/program';
import type { Verb } from './verb';
import { boolFlag, flag, parseFlags, type FlagSpec, type ParsedFlags } from './flags';
import { clientError } from './errors';
import { KUBECTL_TABS, tabwrite } from './printers/go-tabwriter';
import { toGoYaml } from './printers/go-yaml';
import { toGoJson } from './printers/go-json';
import { CLUSTER, contextNamespace, kubeconfig, serverUrl, USER, writeContextNamespace } from './kubeconfig';
import { fatal, parseOutputFormat } from './printers/output-format';
import { executeTemplate } from './jsonpath';

// SIMPLIFIED: the build metadata (commit, date) is illustrative; the version numbers are the ones kubesim models.
const BUILD = { gitTreeState: 'clean', buildDate: '2025-09-09T19:44:50Z', goVersion: 'go1.24.6', compiler: 'gc' };
const CLIENT_VERSION = { major: '1', minor: '34', gitVersion: 'v1.34.1', gitCommit: '93248f9ae092f571eb870b7664c534bfc7d00f03', ...BUILD, platform: 'linux/amd64' };
const SERVER_VERSION = { major: '1', minor: '34', emulationMajor: '1', emulationMinor: '34', minCompatibilityMajor: '1', minCompatibilityMinor: '33', gitVersion: 'v1.34.1', gitCommit: '93248f9ae092f571eb870b7664c534bfc7d00f03', ...BUILD, platform: 'linux/amd64' };

const USAGE_TAIL = '\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';
const API_RESOURCES_HELP = `Print the supported API resources on the server.\n\nExamples:\n  # Print the supported API resources\n  kubectl api-resources\n  \n  # Print the supported API resources with more information\n  kubectl api-resources -o wide\n  \n  # Print the supported namespaced resources\n  kubectl api-resources --namespaced=true\n\nUsage:\n  kubectl api-resources [flags] [options]\n${USAGE_TAIL}`;
const CLUSTER_INFO_HELP = `Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.\n\nUsage:\n  kubectl cluster-info [flags] [options]\n${USAGE_TAIL}`;
const VERSION_HELP = `Print the client and server version information for the current context.\n\nExamples:\n  # Print the client and server versions for the current context\n  kubectl version\n\nUsage:\n  kubectl version [flags] [options]\n${USAGE_TAIL}`;
const AUTH_HELP = `Inspect authorization.\n\n kubesim has no RBAC: every user may do everything, so \`kubectl auth can-i\` always answers yes here. On a real\ncluster the answer depends on the Roles and ClusterRoles bound to you.\n\nExamples:\n  # Check to see if I can create pods in any namespace\n  kubectl auth can-i create pods --all-namespaces\n\nUsage:\n  kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]\n${USAGE_TAIL}`;

function handled(ctx: ProgramContext, args: readonly string[], verb: string, help: string, spec: FlagSpec): ReturnType<typeof parseFlags> | undefined {
  if (args.includes('--help') || args.includes('-h')) { ctx.out(help); return undefined; }
  const parsed = parseFlags(args, spec);
  if (!parsed.ok) ctx.err(`error: ${parsed.error}\nSee 'kubectl ${verb} --help' for usage.\n`);
  return parsed;
}

/** A pflag StringSlice: every occurrence, each split on commas. Pure. */
function sliceFlag(f: ParsedFlags, name: string): string[] {
  return (f.values.get(name) ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
}

/** sortableResource: by API group (or --sort-by name|kind), then by resource name. Pure. */
function sortedResources(sortBy: string): ResourceInfo[] {
  const key = (r: ResourceInfo): string => (sortBy === 'name' ? r.plural : sortBy === 'kind' ? r.kind : r.group);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...RESOURCES].sort((a, b) => cmp(key(a), key(b)) || cmp(a.plural, b.plural));
}

const apiResources: Verb = function* (ctx, args) {
  const parsed = handled(ctx, args, 'api-resources', API_RESOURCES_HELP, { output: { short: 'o' }, namespaced: { bool: true }, 'no-headers': { bool: true }, 'api-group': {}, verbs: {}, 'sort-by': {}, cached: { bool: true }, categories: {} });
  if (!parsed) return 0;
  if (!parsed.ok) return 1;
  const f = parsed.flags;
  const output = flag(f, 'output') ?? '';
  // SIMPLIFIED: -o json and -o yaml (an APIResourceList) are not simulated.
  if (!['', 'wide', 'name'].includes(output)) { ctx.err(clientError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,wide,yaml`)); return 1; }
  const sortBy = flag(f, 'sort-by') ?? '';
  if (!['', 'name', 'kind'].includes(sortBy)) { ctx.err(clientError('--sort-by accepts only name or kind')); return 1; }
  const namespaced = flag(f, 'namespaced');
  let list = sortedResources(sortBy);
  if (namespaced !== undefined) list = list.filter((r) => r.namespaced === (namespaced !== 'false'));
  const group = flag(f, 'api-group');
  if (group !== undefined) list = list.filter((r) => r.group === group);
  // --verbs and --categories are string slices: a resource must have every value given.
  const verbs = sliceFlag(f, 'verbs');
  list = list.filter((r) => verbs.every((v) => r.verbs.includes(v)));
  const categories = sliceFlag(f, 'categories');
  list = list.filter((r) => categories.every((c) => c === 'all' && r.inAll));
  if (output === 'name') { ctx.out(list.map((r) => `${r.plural}${r.group ? `.${r.group}` : ''}\n`).join('')); return 0; }
  const rows: string[] = [];
  if (!boolFlag(f, 'no-headers')) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])].join('\t'));
  for (const r of list) {
    const cells = [r.plural, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind];
    if (output === 'wide') cells.push(r.verbs.join(','), r.inAll ? 'all' : '');
    rows.push(cells.join('\t'));
  }
  ctx.out(tabwrite(`${rows.join('\n')}\n`, KUBECTL_TABS));
  return 0;
};

const apiVersions: Verb = function* (ctx, args) {
  const parsed = handled(ctx, args, 'api-versions', 'Print the supported API versions on the server, in the form of "group/version".\n\nUsage:\n  kubectl api-versions [options]\n', {});
  if (!parsed) return 0;
  if (!parsed.ok) return 1;
  ctx.out([...new Set(RESOURCES.map(apiVersionOf))].sort().map((v) => `${v}\n`).join(''));
  return 0;
};

const clusterInfo: Verb = function* (ctx, args) {
  const parsed = handled(ctx, args, 'cluster-info', CLUSTER_INFO_HELP, {});
  if (!parsed) return 0;
  if (!parsed.ok) return 1;
  if (parsed.flags.positionals[0] === 'dump') { ctx.err('error: kubectl cluster-info dump is not simulated in kubesim\n'); return 1; }
  const server = serverUrl(ctx.host);
  // SIMPLIFIED: kubectl colours these lines on a terminal; kubesim always prints them plain.
  let out = `Kubernetes control plane is running at ${server}\n`;
  const services = ctx.host.store.select('Service', 'kube-system', [{ key: 'kubernetes.io/cluster-service', operator: '=', values: ['true'] }]);
  for (const s of services as { metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: { ports?: { name?: string; port: number }[] }; status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } }[]) {
    const ingress = s.status?.loadBalancer?.ingress?.[0];
    let link: string;
    if (ingress) link = (s.spec?.ports ?? []).map((p) => `http://${ingress.ip || ingress.hostname}:${p.port} `).join('');
    else {
      const port = s.spec?.ports?.[0];
      const scheme = port && (port.name === 'https' || port.port === 443) ? 'https' : '';
      const name = !port ? s.metadata.name : scheme ? `${scheme}:${s.metadata.name}:${port.name ?? ''}` : port.name ? `${s.metadata.name}:${port.name}` : s.metadata.name;
      link = `${server}/api/v1/namespaces/${s.metadata.namespace}/services/${name}/proxy`;
    }
    out += `${s.metadata.labels?.['kubernetes.io/name'] || s.metadata.name} is running at ${link}\n`;
  }
  ctx.out(`${out}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
};

const version: Verb = function* (ctx, args) {
  const parsed = handled(ctx, args, 'version', VERSION_HELP, { client: { bool: true }, output: { short: 'o' } });
  if (!parsed) return 0;
  if (!parsed.ok) return 1;
  const f = parsed.flags;
  const client = boolFlag(f, 'client');
  const output = flag(f, 'output');
  const info = { clientVersion: CLIENT_VERSION, kustomizeVersion: 'v5.7.1', ...(client ? {} : { serverVersion: SERVER_VERSION }) };
  if (output === 'json') { ctx.out(`${JSON.stringify(info, null, 2)}\n`); return 0; }
  if (output === 'yaml') { ctx.out(toGoYaml(info)); return 0; }
  if (output !== undefined && output !== '') { ctx.err(clientError(`--output must be 'yaml' or 'json'`)); return 1; }
  ctx.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: v5.7.1\n${client ? '' : `Server Version: ${SERVER_VERSION.gitVersion}\n`}`);
  return 0;
};

const auth: Verb = function* (ctx, args) {
  const parsed = handled(ctx, args, 'auth', AUTH_HELP, { all: { bool: true, short: 'A' }, quiet: { short: 'q', bool: true }, list: { bool: true }, subresource: {}, as: {} });
  if (!parsed) return 0;
  if (!parsed.ok) return 1;
  const [sub, ...rest] = parsed.flags.positionals;
  if (sub !== 'can-i') { ctx.err(clientError(sub ? `unknown command "${sub}" for "kubectl auth"` : 'you must specify a subcommand: can-i')); return 1; }
  if (rest.length === 0 && !boolFlag(parsed.flags, 'list')) { ctx.err(`error: you must specify two arguments: verb resource or a NonResourceURL\nSee 'kubectl auth can-i -h' for help and examples\n`); return 1; }
  if (!boolFlag(parsed.flags, 'quiet')) ctx.out('yes\n');
  return 0;
};

const CONFIG_HELP = `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes
place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for
your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When
a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the
last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.

Available Commands:
  current-context   Display the current-context
  delete-cluster    Delete the specified cluster from the kubeconfig
  delete-context    Delete the specified context from the kubeconfig
  delete-user       Delete the specified user from the kubeconfig
  get-clusters      Display clusters defined in the kubeconfig
  get-contexts      Describe one or many contexts
  get-users         Display users defined in the kubeconfig
  rename-context    Rename a context from the kubeconfig file
  set               Set an individual value in a kubeconfig file
  set-cluster       Set a cluster entry in kubeconfig
  set-context       Set a context entry in kubeconfig
  set-credentials   Set a user entry in kubeconfig
  unset             Unset an individual value in a kubeconfig file
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use "kubectl config <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** `kubectl config set-context [NAME | --current] [--namespace=…]` (create_context.go): only the namespace changes. */
function setContext(ctx: ProgramContext, f: ReturnType<typeof parseFlags> & { ok: true }): number {
  const name = f.flags.positionals[1];
  const current = boolFlag(f.flags, 'current');
  if (current && name !== undefined) { ctx.err(clientError('you cannot specify both a context name and --current')); return 1; }
  if (!current && name === undefined) { ctx.err(clientError('you must specify a non-empty context name or --current')); return 1; }
  const target = name ?? CLUSTER;
  const cluster = flag(f.flags, 'cluster');
  const user = flag(f.flags, 'user');
  if (target !== CLUSTER || (cluster !== undefined && cluster !== CLUSTER) || (user !== undefined && user !== USER)) {
    // SIMPLIFIED: kubesim has one cluster and one user; only the namespace of its one context can be set.
    ctx.err(clientError(`kubesim has one context ("${CLUSTER}", cluster "${CLUSTER}", user "${USER}"); only its namespace can be set`));
    return 1;
  }
  const ns = f.flags.values.get('namespace');
  if (ns !== undefined && !writeContextNamespace(ctx.host, ctx.session.fs, ns[ns.length - 1])) {
    ctx.err(clientError('open /home/student/.kube/config: permission denied'));
    return 1;
  }
  ctx.out(`Context "${target}" modified.\n`);
  return 0;
}

const config: Verb = function* (ctx, args) {
  const parsed = handled(ctx, args, 'config', CONFIG_HELP, { raw: { bool: true }, minify: { bool: true }, flatten: { bool: true }, output: { short: 'o' },
    current: { bool: true }, cluster: {}, user: {}, 'no-headers': { bool: true } });
  if (!parsed) return 0;
  if (!parsed.ok) return 1;
  const [sub, arg] = parsed.flags.positionals;
  const namespace = contextNamespace(ctx.session.fs);
  switch (sub) {
    case 'view': {
      const value = kubeconfig(ctx.host, namespace, boolFlag(parsed.flags, 'raw'));
      const format = parseOutputFormat(flag(parsed.flags, 'output'));
      if (!format.ok) { ctx.err(fatal(format.error)); return 1; }
      if (format.format.kind === 'jsonpath') {
        // `kubectl config view --minify -o jsonpath='{..namespace}'`: the documented way to read the current namespace.
        const res = executeTemplate(format.format.template, format.format.nodes, value, format.format.asJson);
        if (!res.ok) { ctx.err(fatal(res.error)); return 1; }
        ctx.out(res.text);
        return 0;
      }
      ctx.out(format.format.kind === 'json' ? toGoJson(value) : toGoYaml(value));
      return 0;
    }
    case 'current-context': ctx.out(`${CLUSTER}\n`); return 0;
    case 'get-contexts': {
      if (arg !== undefined && arg !== CLUSTER) { ctx.err(clientError(`context ${arg} not found`)); return 1; }
      const header = boolFlag(parsed.flags, 'no-headers') ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
      ctx.out(tabwrite(`${header}*\t${CLUSTER}\t${CLUSTER}\t${USER}\t${namespace ?? ''}\n`, KUBECTL_TABS));
      return 0;
    }
    case 'set-context': return setContext(ctx, parsed);
    case 'use-context':
      if (arg === undefined) { ctx.err(`error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples\n`); return 1; }
      if (arg !== CLUSTER) { ctx.err(clientError(`no context exists with the name: "${arg}"`)); return 1; }
      ctx.out(`Switched to context "${arg}".\n`);
      return 0;
    // cmdutil.DefaultSubCommandRun: the help on stderr, exit 1.
    case undefined: ctx.err(CONFIG_HELP); return 1;
    default:
      // SIMPLIFIED: kubesim has one fixed cluster and user; the other config commands are not simulated.
      ctx.err(`error: kubectl config ${sub} is not simulated in kubesim (it has one fixed context, "${CLUSTER}")\n`);
      return 1;
  }
};

export const INFO_VERBS: Readonly<Record<string, Verb>> = {
  'api-resources': apiResources, 'api-versions': apiVersions, 'cluster-info': clusterInfo, config, version, auth,
};

