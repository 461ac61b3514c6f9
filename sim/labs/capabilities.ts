// Engine features a lab step may declare it needs (`## Title {#id requires=statefulset}`), each found out by
// trying it on a small fresh cluster, so a lab written ahead of the engine is reported as waiting, not broken.
import { createSimulation, type Simulation } from '../engine';
import { objectKey } from '../model/keys';
import { HOME } from '../shell/vfs';

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: probe
spec:
  serviceName: probe
  replicas: 1
  selector:
    matchLabels:
      app: probe
  template:
    metadata:
      labels:
        app: probe
    spec:
      containers:
      - name: probe
        image: nginx:1.27
`;

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: probe
spec:
  accessModes: ["ReadWriteOnce"]
  storageClassName: default
  resources:
    requests:
      storage: 500M
---
apiVersion: v1
kind: Pod
metadata:
  name: probe
spec:
  containers:
  - name: probe
    image: nginx:1.27
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: probe
`;

function tryManifest(manifest: string, holds: (sim: Simulation) => boolean): boolean {
  const sim = createSimulation({ seed: 'capability-probe' });
  sim.dispatch({ type: 'writeFile', path: `${HOME}/probe.yaml`, content: manifest });
  sim.dispatch({ type: 'exec', line: 'kubectl apply -f probe.yaml' });
  sim.advance(180_000, Number.POSITIVE_INFINITY);
  return holds(sim);
}

/** What each feature means and how to see whether the engine has it. */
export const CAPABILITIES: Readonly<Record<string, { readonly description: string; readonly present: () => boolean }>> = {
  statefulset: {
    description: 'a StatefulSet controller (pods named <set>-0, <set>-1, …)',
    present: () => tryManifest(STATEFULSET, (sim) => sim.get('Pod', 'default', 'probe-0') !== undefined),
  },
  'pvc-provisioning': {
    description: 'dynamic provisioning for PersistentVolumeClaims of the default StorageClass (bound once a pod uses them)',
    present: () => tryManifest(CLAIM, (sim) => {
      const claim = sim.store.get(objectKey('PersistentVolumeClaim', 'default', 'probe')) as { status?: { phase?: string } } | undefined;
      return claim?.status?.phase === 'Bound';
    }),
  },
};

/** Which of `names` the engine has (unknown names count as missing). Deterministic. */
export function presentCapabilities(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const name of new Set(names)) if (CAPABILITIES[name]?.present()) out.add(name);
  return out;
}
