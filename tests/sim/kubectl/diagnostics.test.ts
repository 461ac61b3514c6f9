import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { diagnoseManifest } from '../../../sim/kubectl/diagnostics';

const store = createSimulation({ seed: 1 }).store;

describe('editor diagnostics', () => {
  it('places an unknown field at its line', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: mongodb-svc\nspec:\n  prots:\n  - port: 27017\n';
    expect(diagnoseManifest(text, store)).toEqual([{ line: 6, column: 3, severity: 'error', message: 'unknown field "spec.prots"' }]);
  });

  it('places validation errors with their field path', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 70000\n';
    const d = diagnoseManifest(text, store);
    expect(d[0]).toMatchObject({ line: 7, message: 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive' });
  });

  it('reports YAML syntax errors and wrong types', () => {
    expect(diagnoseManifest('kind: Service\n  bad: [\n', store)[0].message).toMatch(/^yaml: /);
    const typed = diagnoseManifest('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: "3"\n', store);
    expect(typed[0]).toMatchObject({ line: 6, message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' });
  });

  it('is quiet for a valid manifest', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: mongodb-svc\nspec:\n  selector:\n    app: mongodb\n  ports:\n  - port: 27017\n';
    expect(diagnoseManifest(text, store)).toEqual([]);
  });
});
