// Random terminal lines for the shell's property tests: real kubectl verbs, resource types, flags and object
// names mixed with shell words, quotes, operators and garbage.
import fc from 'fast-check';

const VERBS = ['get', 'describe', 'apply', 'create', 'delete', 'logs', 'log', 'exec', 'port-forward', 'scale', 'rollout', 'set', 'expose',
  'label', 'annotate', 'edit', 'explain', 'cordon', 'uncordon', 'drain', 'wait', 'version', 'cluster-info', 'api-resources', 'config', 'top',
  'auth', 'run', 'gett', 'status', 'history', 'undo', 'restart', 'image', 'env', 'deployment', 'service', 'clusterip', 'nodeport',
  'secret', 'namespace', 'docker-registry', 'can-i', 'view', 'current-context'];
const KINDS = ['pods', 'po', 'pod', 'svc', 'services', 'deploy', 'deployment', 'deployments.apps', 'rs', 'ep', 'endpoints', 'endpointslices',
  'nodes', 'no', 'ns', 'namespaces', 'ev', 'events', 'cm', 'configmaps', 'secrets', 'sts', 'pvc', 'pv', 'storageclasses', 'all', 'foo',
  'pods,svc', 'deploy,rs', 'ds'];
const NAMES = ['mongodb', 'data-api', 'mongodb-svc', 'kubernetes', 'default', 'kube-system', 'nope', 'coredns', 'kube-dns', 'tools',
  'pod/tools', 'deploy/mongodb', 'deploy/data-api', 'svc/mongodb-svc', 'svc/kubernetes', 'rs/x', 'cm/x', 'node/x', 'x/y', '', 'a/b/c'];
const FLAGS = ['-n', 'default', '-n', 'kube-system', '-A', '--all-namespaces', '-o', 'yaml', '-o', 'json', '-o', 'wide', '-o', 'name',
  "-o=jsonpath='{.items[*].metadata.name}'", '-o', 'jsonpath={.spec.clusterIP}', '-o', 'custom-columns=N:.metadata.name', '-l', 'app=mongodb',
  '-l', 'app in (a,b)', '--selector=app!=x', '-f', 'm.yaml', '-f', '-', '-f', 'nodir/', '--replicas=3', '--replicas', '-1', '--image=nginx',
  '--image', 'busybox', '-c', 'x', '--tail=2', '--tail', 'x', '-f', '-w', '--watch', '--all', '--now', '--grace-period=0', '--dry-run=client',
  '--dry-run=server', '--dry-run=bogus', '--port', '80', '--port=8080', '--target-port=4000', '--type=NodePort', '--type', 'LoadBalancer', '-it',
  '-i', '-t', '--', '--for=condition=Available', '--for=delete', '--timeout=1s', '--show-labels', '--no-headers', '--field-selector',
  'status.phase=Running', '--previous', '-p', '--timestamps', '--since=1m', '--since', 'bogus', '--all-containers', '--prefix', '--overwrite',
  '--to-revision=1', '--record', '--foo', '-z', '--namespace=', '-o', 'bogus', '8080:4000', '8080', ':80', '9090:80', '--address', '0.0.0.0'];
const SHELL = ['echo', 'cat', 'ls', 'ls -la', 'grep', 'grep -v', 'grep -c Running', 'jq', 'jq .', "jq -r '.items[].metadata.name'",
  "jq '.items[0].status.podIP'", 'jq keys', 'jq length', "jq 'map(.)'", "jq '.a |'", 'wc -l', 'head -1', 'tail -n 2', 'sort', 'sort -r', 'uniq -c',
  'cut -d " " -f1', 'tr a-z A-Z', 'base64', 'base64 -d', 'sleep 1', 'sleep', 'cd /tmp', 'cd', 'cd ..', 'pwd', 'touch a.txt', 'rm -f a.txt',
  'rm -rf /tmp', 'mkdir -p d/e', 'export X=1', 'export', 'unset X', '$X', '${X}', '${X:-d}', '$?', 'env', 'history', 'clear', 'help', 'jobs',
  'kill %1', 'curl localhost:8080', 'curl -s http://mongodb-svc', 'wget -qO- example.com', 'nslookup mongodb-svc', 'dig +short kubernetes.io',
  'ping -c 1 10.0.0.1', 'printf "%s\\n" a b', 'true', 'false', 'type kubectl', 'which jq', 'nosuchcmd', 'exit 3'];
const OPS = ['|', '&&', '||', ';', '>', '>>', '2>&1', '2>/dev/null', '&', '<', '<<EOF', '>&2', '$(', ')', '`', '#', '\\', '(', '{', '}'];
const QUOTED = ["'a b'", '"a b"', "'unterminated", '"unterminated', '"$(echo hi)"', "'$X'", '"a\\"b"', '\'it\'"s"', '""', "''"];
const GARBAGE = ['*', '?', '~', '~/x', '*.yaml', '[ab]', '!', '!!', '%', '@', '\t', 'é', '日本', '\u0000', '-', '--', '---', '=', '==', '..', '/'];

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VERBS) },
  { weight: 3, arbitrary: fc.constantFrom(...KINDS) },
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 1, arbitrary: fc.constantFrom(...QUOTED) },
  { weight: 1, arbitrary: fc.constantFrom(...GARBAGE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** `kubectl VERB tokens…`: one kubectl command, no shell operators (its exit status is kubectl's own). */
export const kubectlLine = fc.tuple(fc.constantFrom(...VERBS), fc.array(token, { maxLength: 7 }))
  .map(([verb, rest]) => ['kubectl', verb, ...rest].join(' '));

const segment = fc.oneof(
  { weight: 3, arbitrary: kubectlLine },
  { weight: 2, arbitrary: fc.constantFrom(...SHELL) },
  { weight: 1, arbitrary: fc.array(token, { minLength: 1, maxLength: 4 }).map((t) => t.join(' ')) },
);

/** Any line: commands joined by operators, with quotes and garbage sprinkled in. */
export const anyLine = fc.tuple(segment, fc.array(fc.tuple(fc.constantFrom(...OPS), segment), { maxLength: 3 }))
  .map(([first, rest]) => [first, ...rest.flat()].join(' '));

/** Lines whose only command is kubectl: every non-zero exit must explain itself on stderr. */
export const commandLine = fc.oneof({ weight: 2, arbitrary: kubectlLine }, { weight: 3, arbitrary: anyLine });
