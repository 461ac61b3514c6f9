import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { wordWrap } from '../../../../sim/kubectl/explain';
import { freshSim } from './expect-helpers';

describe('kubectl explain (v1.34 plaintext template)', () => {
  it('explains deployment.spec.strategy: GROUP/KIND/VERSION, FIELD, DESCRIPTION and FIELDS', () => {
    expect(runLine(freshSim(), 'kubectl explain deployment.spec.strategy')).toEqual(expect.objectContaining({ stderr: '', exitCode: 0, stdout: `GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: strategy <DeploymentStrategy>


DESCRIPTION:
    The deployment strategy to use to replace existing pods with new
    ones.DeploymentStrategy describes how to replace existing pods with new
    ones.
FIELDS:
  rollingUpdate\t<RollingUpdateDeployment>
    Rolling update config params. Present only if DeploymentStrategyType =
    RollingUpdate.

  type\t<string>
    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is
    RollingUpdate.


` }));
  });

  it('prints the field tree with --recursive', () => {
    expect(runLine(freshSim(), 'kubectl explain deploy.spec.strategy --recursive').stdout).toBe(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: strategy <DeploymentStrategy>


DESCRIPTION:
    The deployment strategy to use to replace existing pods with new
    ones.DeploymentStrategy describes how to replace existing pods with new
    ones.
FIELDS:
  rollingUpdate\t<RollingUpdateDeployment>
    maxSurge\t<IntOrString>
    maxUnavailable\t<IntOrString>
  type\t<string>

`);
  });

  it('shows array, map and required markers, and omits GROUP for the core group', () => {
    const out = runLine(freshSim(), 'kubectl explain pod.spec').stdout;
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nFIELD: spec <PodSpec>\n\n\nDESCRIPTION:\n')).toBe(true);
    expect(out).toContain('\n  containers\t<[]Container> -required-\n');
    expect(out).toContain('\n  nodeSelector\t<map[string]string>\n');
  });

  it('fails like kubectl for an unknown field or type', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl explain pods.spec.nope')).toMatchObject({ stdout: '', stderr: 'error: field "nope" does not exist\n', exitCode: 1 });
    expect(runLine(sim, 'kubectl explain widgets')).toMatchObject({ stderr: 'error: the server doesn\'t have a resource type "widgets"\n', exitCode: 1 });
  });

  it('wraps words as go-wordwrap does: a line may reach the limit, a longer word stays whole', () => {
    expect(wordWrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wordWrap('aaaaaaaaaa bb', 5)).toBe('aaaaaaaaaa\nbb');
  });
});
