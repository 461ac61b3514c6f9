import { describe, expect, it } from 'vitest';
import { kindProblems, parseManifests, validates } from '../../../../sim/kubectl/manifests';
import { patchYamlError } from '../../../../sim/kubectl/patch';
import { file, newSim, out, sh, stored } from './helpers';

const STOP = 'if you choose to ignore these errors, turn validation off with --validate=false';

describe('kubectl\'s client-side apiVersion/kind check', () => {
  it('rejects a manifest without kind or apiVersion before decoding it, unless --validate=false', () => {
    const sim = newSim();
    sh(sim, file('nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n'));
    sh(sim, file('bare.yaml', 'metadata:\n  name: x\n'));
    sh(sim, file('noapi.yaml', 'kind: ConfigMap\nmetadata:\n  name: x\n'));
    expect(out(sh(sim, 'kubectl apply -f nokind.yaml'))).toEqual({ stdout: '', stderr: `error: error validating "nokind.yaml": error validating data: kind not set; ${STOP}\n`, exitCode: 1 });
    expect(out(sh(sim, 'kubectl create -f bare.yaml'))).toEqual({ stdout: '', stderr: `error: error validating "bare.yaml": error validating data: [apiVersion not set, kind not set]; ${STOP}\n`, exitCode: 1 });
    expect(out(sh(sim, 'kubectl apply -f noapi.yaml'))).toEqual({ stdout: '', stderr: `error: error validating "noapi.yaml": error validating data: apiVersion not set; ${STOP}\n`, exitCode: 1 });
    expect(out(sh(sim, 'kubectl apply -f nokind.yaml --validate=false'))).toEqual({ stdout: '', stderr: `error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`, exitCode: 1 });
  });

  it('names each problem as getObjectKind does', () => {
    expect(kindProblems([1])).toEqual(['invalid object to validate']);
    expect(kindProblems({ apiVersion: 1, kind: 2 })).toEqual(["apiVersion isn't string type", "kind isn't string type"]);
    expect(kindProblems({ apiVersion: 'a/b/c', kind: 'Pod' })).toEqual(['unexpected GroupVersion string: a/b/c']);
    expect(kindProblems({ apiVersion: 'v1', kind: 'Pod' })).toEqual([]);
    expect([validates(undefined), validates('strict'), validates('warn'), validates('T'), validates('false'), validates('0'), validates('ignore')]).toEqual([true, true, true, true, false, false, false]);
    expect(validates('no')).toBe('invalid - validate option "no"; must be one of: strict (or true), warn, ignore (or false)');
  });
});

describe('a bad document in a multi-document file', () => {
  it('ends the file: documents before it are applied, documents after it are never read', () => {
    const sim = newSim();
    sh(sim, file('m.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nmetadata:\n  name: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n'));
    expect(out(sh(sim, 'kubectl apply -f m.yaml'))).toEqual({ stdout: 'configmap/a created\n', stderr: `error: error validating "m.yaml": error validating data: kind not set; ${STOP}\n`, exitCode: 1 });
    expect(stored(sim, 'ConfigMap', 'c')).toBeUndefined();
    const parsed = parseManifests('kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: a\n---\na: [\n---\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c\n', 'x.yaml');
    expect(parsed.manifests.map((m) => m.object.metadata.name)).toEqual(['a']);
    expect(parsed.errors).toHaveLength(1);
  });
});

describe('kubectl patch with a patch text that does not parse', () => {
  it('prints go-yaml\'s message for an unclosed flow collection', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx');
    expect(out(sh(sim, `kubectl patch deployment web -p '{bad'`))).toEqual({ stdout: '', stderr: `error: unable to parse "{bad": yaml: did not find expected ',' or '}'\n`, exitCode: 1 });
    expect(out(sh(sim, `kubectl patch deployment web --type=json -p '[{"op":"add"}'`))).toEqual({ stdout: '', stderr: `error: unable to parse "[{"op":"add"}": yaml: did not find expected ',' or ']'\n`, exitCode: 1 });
    expect(patchYamlError('{\n"a": 1', 'Flow map must end with a } at line 2, column 7:')).toBe(`line 1: did not find expected ',' or '}'`);
  });
});

describe('kubectl create configmap|secret with a key given twice', () => {
  it('words the error as create_configmap.go and create_secret.go do', () => {
    const sim = newSim();
    expect(out(sh(sim, 'kubectl create configmap cfg --from-literal=a=1 --from-literal=a=2'))).toEqual({ stdout: '', stderr: 'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "cfg"\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl create secret generic s --from-literal=a=1 --from-literal=a=2'))).toEqual({ stdout: '', stderr: 'error: cannot add key a, another key by that name already exists\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl create configmap cfg --from-literal=a=1 --from-literal="b c=2"')).stderr).toMatch(/^error: "b c" is not a valid key name for a ConfigMap: /);
  });
});
