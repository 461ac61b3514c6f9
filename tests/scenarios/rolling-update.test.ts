import { describe, expect, it } from 'vitest';
import { sendTraffic, startScenario, type Scenario } from '../helpers/scenario';
import type { Origin } from '../../sim/net/types';

function web(strategy: 'RollingUpdate' | 'Recreate', tag: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  strategy:
    type: ${strategy}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:${tag}
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 2
        lifecycle:
          preStop:
            exec:
              command: ["sleep", "5"]
`;
}

const CLIENT = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: client
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

function rollUnderTraffic(strategy: 'RollingUpdate' | 'Recreate') {
  const s: Scenario = startScenario(strategy === 'RollingUpdate' ? 41 : 42, { checkEvery: 25 });
  s.sh(`cat <<'EOF' > web.yaml\n${web(strategy, 'v1')}EOF`);
  s.sh(`cat <<'EOF' > client.yaml\n${CLIENT}EOF`);
  s.sh('kubectl apply -f web.yaml -f client.yaml');
  s.wait(40_000);
  const client = s.get('Pod', 'client')!;
  const origin: Origin = { kind: 'pod', podUid: client.metadata.uid! };
  const warm = sendTraffic(s, origin, 'web', 80, '/', 2_000);
  expect(warm.every((r) => r.ok)).toBe(true);
  s.sh(`cat <<'EOF' > web.yaml\n${web(strategy, 'v2')}EOF`);
  s.sh('kubectl apply -f web.yaml');
  const during = sendTraffic(s, origin, 'web', 80, '/', 90_000, 50);
  return { s, during };
}

describe('rolling updates under steady traffic', () => {
  it('RollingUpdate with a readiness probe and a preStop pause loses no request while v1 turns into v2', () => {
    const { s, during } = rollUnderTraffic('RollingUpdate');
    const failed = during.filter((r) => !r.ok);
    expect(failed).toEqual([]);
    const versions = during.map((r) => (r.response?.body.includes('v2') ? 'v2' : 'v1'));
    expect(versions[0]).toBe('v1');
    expect(versions[versions.length - 1]).toBe('v2');
    expect(versions.includes('v1') && versions.includes('v2')).toBe(true);
    expect(s.pods('app=web').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(3);
  });

  it('Recreate stops every old pod first, so some requests are refused', () => {
    const { during } = rollUnderTraffic('Recreate');
    const refused = during.filter((r) => r.error === 'ECONNREFUSED');
    expect(refused.length).toBeGreaterThan(10);
    expect(during[during.length - 1].ok).toBe(true);
    expect(during[during.length - 1].response?.body).toMatch(/v2/);
  });
});

describe('kube-proxy spreads connections at random over ready endpoints', () => {
  it('gives each of three endpoints close to a third of 30,000 connections', () => {
    const { s } = rollUnderTraffic('RollingUpdate');
    const origin: Origin = { kind: 'pod', podUid: s.get('Pod', 'client')!.metadata.uid! };
    const counts = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const r = s.sim.runtime.network.connect(origin, 'web', 80, { method: 'GET', path: '/' });
      counts.set(r.endpoint!.ip, (counts.get(r.endpoint!.ip) ?? 0) + 1);
    }
    expect(counts.size).toBe(3);
    for (const n of counts.values()) expect(Math.abs(n / 30_000 - 1 / 3)).toBeLessThan(0.02);
  });
});
