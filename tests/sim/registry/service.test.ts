import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../sim/model/types';
import { createHarness } from '../../helpers/harness';
import { at, causesOf, messageOf } from './registry-helpers';

function svc(spec: Record<string, unknown>, name = 'web'): K8sObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec };
}

const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('Service defaults', () => {
  it.each([
    ['ClusterIP', { selector: { app: 'web' }, ports: [{ port: 80 }] }, {
      type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    }],
    ['NodePort', { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] }, {
      type: 'NodePort', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None',
    }],
    ['LoadBalancer', { type: 'LoadBalancer', ports: [{ port: 443 }] }, {
      type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true,
    }],
    ['ClientIP affinity', { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }, {
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
    }],
    ['headless', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 27017 }] }, {
      clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack',
    }],
    ['headless without selector', { clusterIP: 'None' }, { ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4'] }],
  ])('%s', (_name, spec, expected) => {
    const h = createHarness();
    const created = h.mustCreate(svc(spec));
    expect(created.spec).toMatchObject(expected);
    expect(created.status).toEqual({ loadBalancer: {} });
  });

  it('allocates a cluster IP from the service range and node ports from 30000-32767', () => {
    const h = createHarness();
    const created = h.mustCreate(svc({ type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }));
    const ip = at(created, 'spec.clusterIP') as string;
    expect(ip).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(at(created, 'spec.clusterIPs')).toEqual([ip]);
    for (const i of [0, 1]) {
      const nodePort = at(created, `spec.ports.${i}.nodePort`) as number;
      expect(nodePort).toBeGreaterThanOrEqual(30000);
      expect(nodePort).toBeLessThanOrEqual(32767);
    }
  });

  it('gives an ExternalName Service no cluster IP', () => {
    const h = createHarness();
    const created = h.mustCreate(svc({ type: 'ExternalName', externalName: 'db.example.com' }));
    expect(at(created, 'spec.clusterIP')).toBeUndefined();
    expect(at(created, 'spec.ipFamilies')).toBeUndefined();
  });
});

describe('Service validation', () => {
  it.each([
    ['no ports', { selector: { app: 'x' } }, ['spec.ports: Required value']],
    ['port out of range, no targetPort', { ports: [{ port: 70000 }] }, [
      'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]],
    ['unnamed ports', { ports: [{ port: 80 }, { port: 443 }] }, ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
    ['duplicate names', { ports: [{ name: 'web', port: 80 }, { name: 'web', port: 443 }] }, ['spec.ports[1].name: Duplicate value: "web"']],
    ['duplicate port and protocol', { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }, [
      'spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
    ]],
    ['None with NodePort', { type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }, [
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
    ]],
    ['None with LoadBalancer', { type: 'LoadBalancer', clusterIP: 'None', ports: [{ port: 80 }] }, [
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services',
    ]],
    ['the kubelet port on a LoadBalancer', { type: 'LoadBalancer', ports: [{ name: 'web', port: 80 }, { name: 'kubelet', port: 10250 }] }, [
      'spec.ports[1]: Invalid value: 10250: may not expose port 10250 externally since it is used by kubelet',
    ]],
    ['unknown type', { type: 'Public', ports: [{ port: 80 }] }, [
      'spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]],
    ['unknown affinity', { sessionAffinity: 'Sticky', ports: [{ port: 80 }] }, [
      'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    ]],
    ['ExternalName without name', { type: 'ExternalName' }, ['spec.externalName: Required value']],
    ['nodePort on ClusterIP', { ports: [{ port: 80, nodePort: 30080 }] }, [
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]],
    ['bad cluster IP', { clusterIP: '10.0.0.300', ports: [{ port: 80 }] }, [
      'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]],
  ])('%s', (_name, spec, expected) => {
    const h = createHarness();
    expect(causesOf(h.api.create(svc(spec)))).toEqual(expected);
  });

  it('names the Service with DNS-1035 rules', () => {
    const h = createHarness();
    expect(messageOf(h.api.create(svc({ ports: [{ port: 80 }] }, '1web')))).toBe(`Service "1web" is invalid: metadata.name: Invalid value: "1web": ${DNS1035}`);
  });
});

describe('Service allocation', () => {
  it('reserves a requested cluster IP and rejects it a second time', () => {
    const h = createHarness();
    const first = h.mustCreate(svc({ clusterIP: '10.0.0.10', ports: [{ port: 53 }] }, 'dns'));
    expect(at(first, 'spec.clusterIPs')).toEqual(['10.0.0.10']);
    expect(messageOf(h.api.create(svc({ clusterIP: '10.0.0.10', ports: [{ port: 53 }] }, 'dns2')))).toBe(
      'Service "dns2" is invalid: spec.clusterIPs: Invalid value: ["10.0.0.10"]: failed to allocate IP 10.0.0.10: provided IP is already allocated');
  });

  it('rejects an IP outside the range', () => {
    const h = createHarness();
    expect(causesOf(h.api.create(svc({ clusterIP: '192.168.0.1', ports: [{ port: 80 }] })))).toEqual([
      'spec.clusterIPs: Invalid value: ["192.168.0.1"]: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.0.0.0/16',
    ]);
  });

  it('rejects a node port that is taken or out of range, and gives back the cluster IP it drew', () => {
    const h = createHarness();
    h.mustCreate(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, 'a'));
    const free = h.allocators.clusterIPs.free;
    expect(causesOf(h.api.create(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, 'b')))).toEqual([
      'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    ]);
    expect(h.allocators.clusterIPs.free).toBe(free);
    expect(causesOf(h.api.create(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }, 'c')))).toEqual([
      'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });

  it('does not keep what a dry run allocated', () => {
    const h = createHarness();
    const res = h.api.create(svc({ clusterIP: '10.0.0.20', ports: [{ port: 80 }] }), { dryRun: true });
    expect(res.ok).toBe(true);
    expect(h.mustCreate(svc({ clusterIP: '10.0.0.20', ports: [{ port: 80 }] }, 'real')).spec).toMatchObject({ clusterIP: '10.0.0.20' });
  });

  it('releases the cluster IP and node ports on delete', () => {
    const h = createHarness();
    h.mustCreate(svc({ type: 'NodePort', clusterIP: '10.0.0.30', ports: [{ port: 80, nodePort: 30090 }] }));
    h.api.delete('Service', 'default', 'web');
    expect(h.mustCreate(svc({ type: 'NodePort', clusterIP: '10.0.0.30', ports: [{ port: 80, nodePort: 30090 }] }, 'again')).spec)
      .toMatchObject({ clusterIP: '10.0.0.30' });
  });
});

describe('Service updates', () => {
  it('keeps the cluster IP and node ports when an update omits them', () => {
    const h = createHarness();
    const created = h.mustCreate(svc({ type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] }));
    const res = h.api.update(svc({ type: 'NodePort', selector: { app: 'web', tier: 'fe' }, ports: [{ name: 'http', port: 80 }] }));
    expect(res.ok).toBe(true);
    const stored = h.store.get('Service/default/web')!;
    expect(at(stored, 'spec.clusterIP')).toBe(at(created, 'spec.clusterIP'));
    expect(at(stored, 'spec.clusterIPs')).toEqual(at(created, 'spec.clusterIPs'));
    expect(at(stored, 'spec.ports.0.nodePort')).toBe(at(created, 'spec.ports.0.nodePort'));
  });

  it('is unchanged when the same manifest is applied again', () => {
    const h = createHarness();
    const created = h.mustCreate(svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    const res = h.api.update(svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(res.ok && res.object.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('rejects a changed cluster IP', () => {
    const h = createHarness();
    h.mustCreate(svc({ clusterIP: '10.0.0.40', ports: [{ port: 80 }] }));
    expect(messageOf(h.api.update(svc({ clusterIP: '10.0.0.41', ports: [{ port: 80 }] })))).toBe(
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.0.0.41"]: may not change once set');
  });

  it('drops and releases node ports when the type changes to ClusterIP', () => {
    const h = createHarness();
    const created = h.mustCreate(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] }));
    const res = h.api.update({ ...created, spec: { ...(created.spec as object), type: 'ClusterIP' } });
    expect(causesOf(res)).toEqual([]);
    const stored = h.store.get('Service/default/web')!;
    expect(at(stored, 'spec.ports.0.nodePort')).toBeUndefined();
    expect(at(stored, 'spec.externalTrafficPolicy')).toBeUndefined();
    expect(h.mustCreate(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] }, 'other')).spec).toMatchObject({ ports: [{ nodePort: 30100 }] });
  });

  it('allocates node ports when the type changes to NodePort', () => {
    const h = createHarness();
    h.mustCreate(svc({ ports: [{ port: 80 }] }));
    const res = h.api.update(svc({ type: 'NodePort', ports: [{ port: 80 }] }));
    expect(res.ok).toBe(true);
    expect(at(h.store.get('Service/default/web'), 'spec.ports.0.nodePort')).toBeGreaterThanOrEqual(30000);
  });
});
