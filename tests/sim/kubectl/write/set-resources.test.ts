import { describe, expect, it } from 'vitest';
import type { Container } from '../../../../sim/model/types';
import { parseResourceList } from '../../../../sim/kubectl/set-resources';
import { newSim, out, sh, stored } from './helpers';

const resources = (sim: ReturnType<typeof newSim>): Container['resources'] =>
  (stored(sim, 'Deployment', 'web')!.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0].resources;

describe('kubectl set resources', () => {
  it('sets limits and requests on every container, and prints nothing when nothing changes', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx');
    expect(out(sh(sim, 'kubectl set resources deployment/web --limits=cpu=1,memory=512Mi'))).toEqual({ stdout: 'deployment.apps/web resource requirements updated\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl set resources deployment/web --limits=cpu=1,memory=512Mi'))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl set resources deploy web -c nginx --requests=cpu=0.5'))).toEqual({ stdout: 'deployment.apps/web resource requirements updated\n', stderr: '', exitCode: 0 });
    expect(resources(sim)).toEqual({ limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '500m' } });
    expect(out(sh(sim, 'kubectl set resources deployment/web --limits=cpu=2 --dry-run=client'))).toEqual({ stdout: 'deployment.apps/web resource requirements updated (dry run)\n', stderr: '', exitCode: 0 });
  });

  it('reports kubectl\'s errors', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx');
    const fail = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });
    expect(out(sh(sim, 'kubectl set resources deployment/web'))).toEqual(fail('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'));
    expect(out(sh(sim, 'kubectl set resources deployment/web --limits=cpu=abc'))).toEqual(fail("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n"));
    expect(out(sh(sim, 'kubectl set resources deployment/web --limits=cpu'))).toEqual(fail('error: Invalid argument syntax cpu, expected <resource>=<value>\n'));
    expect(out(sh(sim, 'kubectl set resources deployment/web --limits=cpu=1 -c nope'))).toEqual(fail('error: unable to find container named nope\n'));
    expect(out(sh(sim, 'kubectl set resources deployment/nope --limits=cpu=1'))).toEqual(fail('Error from server (NotFound): deployments.apps "nope" not found\n'));
    expect(parseResourceList('cpu=1000m,memory=1024Mi')).toEqual({ cpu: '1', memory: '1Gi' });
  });
});
