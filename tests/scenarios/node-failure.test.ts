import { describe, expect, it } from 'vitest';
import { startScenario } from '../helpers/scenario';
import { NODE_MONITOR_GRACE_MS } from '../../sim/controllers/node-lifecycle';
import type { K8sObject, Node } from '../../sim/model/types';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

describe('a node stops', () => {
  it('goes NotReady after the grace period; its pods are evicted after 300 s and come back elsewhere', () => {
    const s = startScenario(31);
    s.sh(`cat <<'EOF' > web.yaml\n${WEB}EOF`);
    s.sh('kubectl apply -f web.yaml');
    s.wait(30_000);
    const before = s.pods('app=web');
    expect(before.filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
    const victimNode = before[0].spec!.nodeName!;
    const victims = before.filter((p) => p.spec?.nodeName === victimNode).map((p) => p.metadata.name);
    expect(s.sim.dispatch({ type: 'stopNode', node: victimNode }).ok).toBe(true);

    s.wait(NODE_MONITOR_GRACE_MS - 5_000);
    expect(s.sh('kubectl get nodes').stdout).toMatch(new RegExp(`${victimNode}\\s+Ready\\s`));
    s.wait(10_000);
    expect(s.sh('kubectl get nodes').stdout).toMatch(new RegExp(`${victimNode}\\s+NotReady\\s`));
    const node = s.get('Node', victimNode, '') as Node & K8sObject;
    expect(node.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    // Not ready pods leave the Service's endpoints at once; they are not evicted before their 300 s toleration.
    s.wait(200_000);
    expect(s.pods('app=web').filter((p) => victims.includes(p.metadata.name) && p.metadata.deletionTimestamp)).toHaveLength(0);
    s.wait(150_000);
    const after = s.pods('app=web');
    const live = after.filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(3);
    for (const p of live) expect(p.spec?.nodeName).not.toBe(victimNode);
    const replacements = live.filter((p) => !before.some((b) => b.metadata.name === p.metadata.name));
    expect(replacements).toHaveLength(victims.length);
    expect(s.sh('kubectl get pods').stdout).toMatch(/Terminating/);

    // The node comes back: the stuck pods finish terminating and the node is Ready again.
    s.sim.dispatch({ type: 'startNode', node: victimNode });
    s.wait(60_000);
    expect(s.sh('kubectl get nodes').stdout).toMatch(new RegExp(`${victimNode}\\s+Ready\\s`));
    expect(s.pods('app=web')).toHaveLength(3);
  });
});
