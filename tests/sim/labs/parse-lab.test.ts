import { describe, expect, it } from 'vitest';
import { parseLab } from '../../../sim/labs/parse-lab';
import { readCheck, readHints } from '../../../sim/labs/check-schema';
import { loadLabSet, labIdOf } from '../../../sim/labs/lab-set';

const FRONT = ['---', 'title: Services', 'summary: Stable names for pods.', 'module: 4', 'seed: 4', 'scenario:', '  after: module-3#lose-mongo', 'estimatedMinutes: 30', '---'];

const LAB = [
  ...FRONT,
  '',
  'Intro text with a `code` span.',
  '',
  '```yaml',
  'kind: Example',
  '```',
  '',
  '## Create the Service {#mongodb-svc}',
  '',
  'Why a Service matters.',
  '',
  '```file mongo.svc.yaml',
  'kind: Service',
  'metadata:',
  '  name: mongodb-svc',
  '```',
  '',
  '```commands',
  'kubectl apply -f mongo.svc.yaml',
  '# a comment is not a command',
  'cat <<EOF > x.txt',
  'two lines',
  'EOF',
  '```',
  '',
  '```bash',
  'echo this block stays in the prose',
  '```',
  '',
  '```check',
  'all:',
  '  - object: Service mongodb-svc',
  '    fields:',
  '      spec.ports[0].port: 27017',
  '  - endpoints: mongodb-svc',
  '    ready: 1',
  '```',
  '',
  '```hints',
  '- id: port',
  '  when:',
  '    detect: targetPortNotListening',
  '    service: mongodb-svc',
  '- after: 90',
  '  text: Look at the Endpoints line.',
  '```',
  '',
  '```solution',
  '@write mongo.svc.yaml',
  'kubectl apply -f mongo.svc.yaml',
  'sleep 5',
  '```',
  '',
  '## Wait for the disk {#disk requires=statefulset,pvc-provisioning}',
  '',
  '```check',
  '- pods: app=mongodb',
  '  ready: true',
  '- history: kubectl get pvc',
  '```',
  '',
  '```solution',
  '@stop-node 1',
  'sleep 1m',
  '@start-node 1',
  'MONGO_IP=$(kubectl get pod -l app=mongodb -o jsonpath=\'{.items[0].status.podIP}\')',
  '@write mongo.svc.yaml IP=$MONGO_IP',
  '```',
].join('\n');

/** The 1-based line of the first line of LAB starting with `start`. */
const lineOf = (start: string): number => LAB.split('\n').findIndex((l) => l.startsWith(start)) + 1;
const DISK = lineOf('## Wait for the disk');

describe('parseLab', () => {
  it('reads the front matter, the introduction and each step with its blocks', () => {
    const res = parseLab('module-4', LAB);
    if (!res.ok) throw new Error(res.errors.join('\n'));
    const { lab } = res;
    expect(lab).toMatchObject({
      id: 'module-4', title: 'Services', summary: 'Stable names for pods.', module: 4, seed: 4,
      scenario: { kind: 'after', lab: 'module-3', step: 'lose-mongo' }, estimatedMinutes: 30,
    });
    expect(lab.intro).toBe('Intro text with a `code` span.\n\n```yaml\nkind: Example\n```');
    expect(lab.steps.map((s) => [s.id, s.title, s.line])).toEqual([['mongodb-svc', 'Create the Service', 17], ['disk', 'Wait for the disk', DISK]]);
    const [svc, disk] = lab.steps;
    // The file and commands blocks leave a marker where their buttons go; other code blocks stay in the prose.
    expect(svc.text).toBe('Why a Service matters.\n\n{{kubesim-action 0}}\n\n{{kubesim-action 1}}\n\n```bash\necho this block stays in the prose\n```');
    expect(svc.actions).toEqual([
      { kind: 'file', name: 'mongo.svc.yaml' },
      { kind: 'commands', lines: ['kubectl apply -f mongo.svc.yaml', 'cat <<EOF > x.txt\ntwo lines\nEOF'] },
    ]);
    expect(svc.files).toEqual([{ name: 'mongo.svc.yaml', content: 'kind: Service\nmetadata:\n  name: mongodb-svc\n' }]);
    expect(svc.commands).toEqual(['kubectl apply -f mongo.svc.yaml', 'cat <<EOF > x.txt\ntwo lines\nEOF']);
    expect(svc.check).toEqual({
      kind: 'all', of: [
        { kind: 'object', objectKind: 'Service', name: 'mongodb-svc', namespace: 'default', fields: [{ path: 'spec.ports[0].port', expect: 27017 }], absent: false },
        { kind: 'endpoints', service: 'mongodb-svc', namespace: 'default', ready: 1 },
      ],
    });
    expect(svc.hints).toEqual([
      { id: 'port', when: { kind: 'detect', detector: 'targetPortNotListening', namespace: 'default', service: 'mongodb-svc' } },
      { id: '2', afterSeconds: 90, text: 'Look at the Endpoints line.' },
    ]);
    expect(svc.solution).toEqual([
      { kind: 'write', file: 'mongo.svc.yaml', substitutions: [] },
      { kind: 'exec', line: 'kubectl apply -f mongo.svc.yaml' },
      { kind: 'wait', ms: 5_000 },
    ]);
    expect(svc.requires).toEqual([]);
    expect(disk.requires).toEqual(['statefulset', 'pvc-provisioning']);
    expect(disk.check.kind).toBe('all');
    expect(disk.solution).toEqual([
      { kind: 'node', index: 1, on: false },
      { kind: 'wait', ms: 60_000 },
      { kind: 'node', index: 1, on: true },
      { kind: 'exec', line: "MONGO_IP=$(kubectl get pod -l app=mongodb -o jsonpath='{.items[0].status.podIP}')" },
      { kind: 'write', file: 'mongo.svc.yaml', substitutions: [['IP', '$MONGO_IP']] },
    ]);
  });

  it('defaults the scenario to a fresh cluster', () => {
    const text = LAB.replace('scenario:\n  after: module-3#lose-mongo\n', '');
    const res = parseLab('x', text);
    expect(res.ok && res.lab.scenario).toEqual({ kind: 'fresh' });
  });

  it.each([
    ['no front matter', '## Step {#a}\n', 'line 1: a lab starts with YAML front matter between "---" lines'],
    ['unclosed front matter', '---\ntitle: x\n', 'line 1: the front matter is never closed with "---"'],
    ['a heading without an id', LAB.replace('## Create the Service {#mongodb-svc}', '## Create the Service'),
      'line 17: a step heading reads "## Title {#step-id}" (lower-case id with dashes); got "## Create the Service"'],
    ['an unknown front matter key', LAB.replace('seed: 4', 'seed: 4\nauthor: someone'), 'front matter: unknown key "author" (known: title, summary, module, seed, scenario, estimatedMinutes)'],
    ['a missing title', LAB.replace('title: Services\n', ''), 'front matter: title is required text'],
    ['a bad scenario', LAB.replace('after: module-3#lose-mongo', 'after: module-3'), 'front matter: scenario is "fresh" or {after: <lab id>#<step id>}'],
    ['a step without a check', LAB.replace('```check\n- pods: app=mongodb\n  ready: true\n- history: kubectl get pvc\n```', ''), `line ${DISK}: step "disk" has no check block`],
    ['a file nobody provides', LAB.replace('@write mongo.svc.yaml\nkubectl', '@write other.yaml\nkubectl'),
      'line 17: step "mongodb-svc" writes other.yaml, but no step up to it has a ```file other.yaml block'],
    ['an unknown step attribute', LAB.replace('{#disk requires=', '{#disk needs='), `line ${DISK}: unknown step attribute "needs" (only requires=…)`],
    ['a duplicate step id', LAB.replace('{#disk requires', '{#mongodb-svc requires'), 'step id "mongodb-svc" is used twice'],
    ['an unknown directive', LAB.replace('@stop-node 1', '@reboot 1'), `line ${LAB.split('\n').lastIndexOf('```solution') + 1}: unknown directive @reboot (use @write, @stop-node, @start-node)`],
    ['an unclosed block', `${LAB}\n\`\`\`check\nhistory: x`, `line ${LAB.split('\n').length + 1}: this code block is never closed`],
  ])('reports %s', (_name, text, error) => {
    const res = parseLab('x', text);
    expect(res.ok).toBe(false);
    expect(res.ok ? [] : res.errors).toContain(error);
  });
});

describe('readCheck', () => {
  it('reads every predicate kind with its defaults', () => {
    const res = readCheck({
      all: [
        { pods: 'app=web', count: { min: 2 }, all: true, ready: true, status: 'Running', onNodes: 2 },
        { env: 'data-api', var: 'MONGO_CONNSTR', dnsName: true, rolledOut: true },
        { externalIP: 'data-api-svc' },
        { http: 'http://{{externalIP data-api-svc}}/api/info', hostnames: 2 },
        { http: 'http://web.default:8080/x', from: 'pod app=client', method: 'post', body: '{}', status: 201 },
        { file: 'a.yaml', contains: 'kind' },
        { history: 'kubectl get', session: true },
        { output: 'hostname":"([^"]+)', distinct: 2 },
        { logs: 'app=data-api', matches: 'Connected' },
        { nodes: 1, ready: false },
        { event: 'FailedScheduling', object: '^pod/big-', message: 'Insufficient cpu' },
        { portForward: 8080, target: 'data-api' },
        { not: { detect: 'envUsesPodIP', deployment: 'data-api', var: 'MONGO_CONNSTR' } },
        { any: [{ object: 'deploy/web', absent: true }, { object: 'Node aks-1', fields: { 'metadata.labels["kubernetes.io/os"]': 'linux' } }], label: 'either' },
      ],
    });
    if (!res.ok) throw new Error(res.errors.join('\n'));
    expect(res.check.kind === 'all' && res.check.of).toEqual([
      { kind: 'pods', selector: 'app=web', namespace: 'default', count: { min: 2 }, every: true, ready: true, status: ['Running'], nodes: 2 },
      { kind: 'env', deployment: 'data-api', namespace: 'default', variable: 'MONGO_CONNSTR', dnsName: true, rolledOut: true },
      { kind: 'externalIP', service: 'data-api-svc', namespace: 'default' },
      { kind: 'http', url: 'http://{{externalIP data-api-svc}}/api/info', from: { kind: 'outside' }, method: 'GET', status: 200, tries: 12, hostnames: 2 },
      { kind: 'http', url: 'http://web.default:8080/x', from: { kind: 'pod', selector: 'app=client', namespace: 'default' }, method: 'POST', body: '{}', status: 201, tries: 1 },
      { kind: 'file', path: 'a.yaml', absent: false, contains: 'kind' },
      { kind: 'history', matches: 'kubectl get', session: true },
      { kind: 'output', matches: 'hostname":"([^"]+)', anyCommand: false, distinct: 2 },
      { kind: 'logs', selector: 'app=data-api', namespace: 'default', matches: 'Connected' },
      { kind: 'nodes', count: 1, ready: false },
      { kind: 'event', reason: 'FailedScheduling', namespace: 'default', object: '^pod/big-', message: 'Insufficient cpu' },
      { kind: 'portForward', localPort: 8080, target: 'data-api' },
      { kind: 'not', of: { kind: 'detect', detector: 'envUsesPodIP', namespace: 'default', deployment: 'data-api', variable: 'MONGO_CONNSTR' } },
      { kind: 'any', label: 'either', of: [
        { kind: 'object', objectKind: 'Deployment', name: 'web', namespace: 'default', fields: [], absent: true },
        { kind: 'object', objectKind: 'Node', name: 'aks-1', namespace: '', fields: [{ path: 'metadata.labels["kubernetes.io/os"]', expect: 'linux' }], absent: false },
      ] },
    ]);
  });

  it('treats a list as all of its items', () => {
    const res = readCheck([{ history: 'a' }, { history: 'b' }]);
    expect(res.ok && res.check.kind).toBe('all');
  });

  it.each([
    [{ pods: 'app=web', colour: 'red' }, 'check.colour: not an option of pods (options: namespace, count, all, phase, ready, status, image, name, onNodes, unschedulable, restarts)'],
    [{ ready: true }, 'check: no check kind; use one of all, any, not, object, endpoints, pods, env, externalIP, http, file, history, output, logs, nodes, event, portForward, detect'],
    [{ history: 'a', file: 'b' }, 'check: one check kind per item (found history, file); wrap them in all: [...]'],
    [{ history: '(' }, 'check.history: not a valid regular expression (Invalid regular expression: /(/: Unterminated group)'],
    [{ pods: 'app in (a' }, expect.stringMatching(/^check\.pods: /)],
    [{ object: 'Widget foo' }, 'check.object: expected "<Kind> <name>", e.g. "Service mongodb-svc"'],
    [{ object: 'Service a', fields: { 'spec..port': 1 } }, 'check.fields: unexpected "." at 5 in "spec..port"'],
    [{ endpoints: 'svc', ready: 'two' }, 'check.ready: expected a number or {min, max}'],
    [{ env: 'web' }, 'check: env needs var: <VARIABLE NAME>'],
    [{ http: 'https://x/' }, 'check.http: expected http://HOST[:PORT]/PATH'],
    [{ http: 'http://x/', from: 'inside' }, 'check.from: expected "outside" or "pod <label selector>"'],
    [{ detect: 'gremlins' }, 'check.detect: unknown detector (use selectorMatchesNoPods, targetPortNotListening, envUsesPodIP, imagePullFailing, pullSecretMissing, podsCrashing, podsUnschedulable)'],
    [{ detect: 'targetPortNotListening' }, 'check: targetPortNotListening needs service: <name>'],
    [{ all: [] }, 'check.all: expected a non-empty list of checks'],
  ])('rejects %j', (raw, error) => {
    const res = readCheck(raw);
    expect(res.ok).toBe(false);
    expect(res.ok ? [] : res.errors).toContainEqual(error);
  });
});

describe('readHints', () => {
  it('needs either a wrong turn or a delay, and text unless a detector explains itself', () => {
    expect(readHints([{ text: 'x' }])).toEqual({ ok: false, errors: ['hints[0]: a hint has either when: <check> (a wrong turn) or after: <seconds> (a timed hint)'] });
    expect(readHints([{ when: { history: 'x' } }])).toEqual({ ok: false, errors: ['hints[0]: a hint needs text (only detectors explain themselves)'] });
    expect(readHints([{ when: { all: [{ history: 'apply' }, { detect: 'podsCrashing' }] } }]).ok).toBe(true);
    expect(readHints([{ id: 'a', after: 5, text: 'x' }, { id: 'a', after: 9, text: 'y' }])).toEqual({ ok: false, errors: ['hints: hint id "a" is used twice'] });
    expect(readHints({ after: 5 })).toEqual({ ok: false, errors: ['hints: expected a list of hints'] });
  });
});

describe('loadLabSet', () => {
  const lab = (id: string, scenario: string, step = 'a') => ({
    id, text: ['---', `title: ${id}`, 'summary: s', 'module: 1', 'seed: 1', `scenario: ${scenario}`, 'estimatedMinutes: 1', '---',
      `## A {#${step}}`, '```check', 'history: x', '```', '```solution', 'x', '```'].join('\n'),
  });

  it('resolves scenarios across labs and reports the ones that point nowhere', () => {
    const set = loadLabSet([lab('one', 'fresh'), lab('two', '{after: one#a}'), lab('three', '{after: one#zz}'), lab('four', '{after: nope#a}')]);
    expect(set.labs.map((l) => l.id)).toEqual(['one', 'two']);
    expect(set.resolve('two')?.scenario).toEqual({ kind: 'after', lab: 'one', step: 'a' });
    expect(Object.fromEntries(set.errors)).toEqual({
      three: ['scenario: starts after "one#zz", but that lab has no step "zz"'],
      four: ['scenario: starts after lab "nope", which does not exist'],
    });
  });

  it('names a lab after its file', () => {
    expect(labIdOf('src/labs/module-4-services.md')).toBe('module-4-services');
  });
});
