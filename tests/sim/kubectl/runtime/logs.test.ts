import { describe, expect, it } from 'vitest';
import { out, startLab } from './lab';
import { formatTimestamp } from '../../../../sim/model/time';
import type { K8sObject, Pod } from '../../../../sim/model/types';

const API_LOG = [
  "### Node environment mode is 'production'",
  '### Connection attempt 1 to MongoDB server mongodb-svc.default',
  '### MongoDB connection attempt failed, retrying in 30 seconds',
  '### Connection attempt 2 to MongoDB server mongodb-svc.default',
  '### Yay! Connected to MongoDB server',
  '### Server listening on 4000',
];

const BAD_IMAGE = `apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: web
    image: nginx:1.99-doesnotexist
`;

const TWO = `apiVersion: v1
kind: Pod
metadata:
  name: pair
spec:
  containers:
  - name: first
    image: busybox:1.36
    command: ["sh", "-c", "echo from-first; sleep 3600"]
  - name: second
    image: busybox:1.36
    command: ["sh", "-c", "echo from-second; sleep 3600"]
`;

const CRASH = `apiVersion: v1
kind: Pod
metadata:
  name: crashy
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting; exit 1"]
`;

describe('kubectl logs', () => {
  it('shows the data API connecting to Mongo through the Service name (-l, deploy/NAME, the pod)', () => {
    const lab = startLab();
    const text = API_LOG.map((l) => `${l}\n`).join('');
    expect(out(lab.sh('kubectl logs -l app=data-api'))).toEqual({ stdout: text, stderr: '', exitCode: 0 });
    expect(out(lab.sh('kubectl logs deploy/data-api'))).toEqual({ stdout: text, stderr: '', exitCode: 0 });
    expect(out(lab.sh(`kubectl logs ${lab.pod('data-api').metadata.name} --tail=2`))).toEqual({ stdout: `${API_LOG.slice(-2).join('\n')}\n`, stderr: '', exitCode: 0 });
    expect(out(lab.sh('kubectl logs -l app=data-api --prefix --tail 1')).stdout).toBe(`[pod/${lab.pod('data-api').metadata.name}/data-api-pod] ### Server listening on 4000\n`);
  });

  it('logs a one-shot busybox nslookup pod\'s replies as the applet prints them', () => {
    const lab = startLab();
    lab.sh('kubectl run dns --image=busybox:1.36 --restart=Never -- nslookup mongodb-svc');
    lab.sh('sleep 20');
    const ip = lab.clusterIP('mongodb-svc');
    const nx = (n: string) => `** server can't find ${n}: NXDOMAIN\n\n`;
    expect(out(lab.sh('kubectl logs dns')).stdout).toBe('Server:\t\t10.0.0.10\nAddress:\t10.0.0.10:53\n\n'
      + `Name:\tmongodb-svc.default.svc.cluster.local\nAddress: ${ip}\n\n${nx('mongodb-svc.svc.cluster.local')}${nx('mongodb-svc.cluster.local')}`
      + `\n${nx('mongodb-svc.svc.cluster.local')}${nx('mongodb-svc.cluster.local')}`);
    expect(lab.sh('kubectl get pod dns').stdout).toMatch(/dns +0\/1 +Error +0 /);
  });

  it('prefixes RFC3339 timestamps with nine fractional digits', () => {
    const lab = startLab();
    const lines = lab.sh('kubectl logs deploy/data-api --timestamps --tail=1').stdout;
    expect(lines).toMatch(/^2026-01-01T09:00:\d\d\.\d{3}000000Z ### Server listening on 4000\n$/);
    expect(formatTimestamp(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('follows new lines with -f until interrupted', () => {
    const lab = startLab(1, { 'ticker.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ticker\nspec:\n  containers:\n  - name: t\n    image: busybox:1.36\n    command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 5; done"]\n' });
    const before = lab.sh('kubectl logs ticker').stdout.split('\n').filter(Boolean).length;
    const r = lab.sh('kubectl logs -f ticker --tail=1', 12_000);
    expect(r.exitCode).toBe(130);
    const ticks = r.stdout.split('\n').filter(Boolean);
    // One old line (--tail=1), then every tick written in the next 12 s: two or three, depending on the phase.
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks).toEqual(ticks.map((_, k) => `tick ${before + k}`));
  });

  it('gives the real errors: not found, usage, waiting to start, no previous container', () => {
    const lab = startLab(1, { 'broken.yaml': BAD_IMAGE, 'crashy.yaml': CRASH });
    expect(out(lab.sh('kubectl logs nope'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(out(lab.sh('kubectl logs'))).toEqual({
      stdout: '', exitCode: 1,
      stderr: "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    });
    expect(out(lab.sh('kubectl logs -l app=nothing'))).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    const waiting = (lab.sim.get('Pod', 'default', 'broken') as Pod & K8sObject).status!.containerStatuses![0].state!.waiting!.reason;
    const why = waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : "image can't be pulled";
    expect(out(lab.sh('kubectl logs broken'))).toEqual({ stdout: '', stderr: `Error from server (BadRequest): container "web" in pod "broken" is waiting to start: ${why}\n`, exitCode: 1 });
    const mongo = lab.pod('mongodb').metadata.name;
    expect(out(lab.sh(`kubectl logs ${mongo} --previous`))).toEqual({
      stdout: '', stderr: `Error from server (BadRequest): previous terminated container "mongodb-pod" in pod "${mongo}" not found\n`, exitCode: 1,
    });
    expect(out(lab.sh('kubectl logs crashy -p'))).toEqual({ stdout: 'starting\n', stderr: '', exitCode: 0 });
    expect(out(lab.sh('kubectl logs deploy/data-api --tail=-2'))).toEqual({ stdout: '', stderr: 'error: --tail must be greater than or equal to -1\n', exitCode: 1 });
  });

  it('defaults to the first of several containers, or takes -c / --all-containers', () => {
    const lab = startLab(1, { 'pair.yaml': TWO });
    expect(out(lab.sh('kubectl logs pair'))).toEqual({ stdout: 'from-first\n', stderr: 'Defaulted container "first" out of: first, second\n', exitCode: 0 });
    expect(out(lab.sh('kubectl logs pair -c second'))).toEqual({ stdout: 'from-second\n', stderr: '', exitCode: 0 });
    expect(out(lab.sh('kubectl logs pair second'))).toEqual({ stdout: 'from-second\n', stderr: '', exitCode: 0 });
    expect(out(lab.sh('kubectl logs pair --all-containers'))).toEqual({ stdout: 'from-first\nfrom-second\n', stderr: '', exitCode: 0 });
    expect(out(lab.sh('kubectl logs pair -c third'))).toEqual({ stdout: '', stderr: 'error: container third is not valid for pod pair out of: first, second\n', exitCode: 1 });
  });
});
