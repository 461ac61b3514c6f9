// Golden tests for the dedicated describers of kubectl describe.go that kubesim once printed with the generic
// describer: EndpointSlice, StatefulSet, PersistentVolumeClaim, PersistentVolume and StorageClass.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { applyFile, freshSim, objects } from './expect-helpers';
import { MONGO_STATEFULSET } from '../../storage/manifests';

type Any = Record<string, any>;

const STS = MONGO_STATEFULSET;

describe('kubectl describe endpointslice (describeEndpointSliceV1)', () => {
  it('prints AddressType, the ports table and one block per endpoint, not the generic field dump', () => {
    const sim = freshSim();
    const slice = objects(sim, 'EndpointSlice', 'default').find((s) => s.metadata.name === 'kubernetes')!;
    const ip = slice.endpoints[0].addresses[0];
    expect(runLine(sim, 'kubectl describe endpointslice kubernetes').stdout).toBe(`Name:         kubernetes
Namespace:    default
Labels:       kubernetes.io/service-name=kubernetes
Annotations:  <none>
AddressType:  IPv4
Ports:
  Name   Port  Protocol
  ----   ----  --------
  https  443   TCP
Endpoints:
  - Addresses:  ${ip}
    Conditions:
      Ready:   true
    Hostname:  <unset>
    NodeName:  <unset>
    Zone:      <unset>
Events:        <none>
`);
  });

  it('shows each pod endpoint with its TargetRef, node and zone, and an unnamed port as <unset>', () => {
    const sim = freshSim();
    runLine(sim, 'kubectl create deployment web --image=nginx:1.27');
    runLine(sim, 'kubectl expose deployment web --port=80 --target-port=8080');
    runLine(sim, 'sleep 30');
    const slice = objects(sim, 'EndpointSlice', 'default').find((s) => s.metadata.labels['kubernetes.io/service-name'] === 'web')!;
    const e = slice.endpoints[0];
    const out = runLine(sim, 'kubectl describe endpointslices -l kubernetes.io/service-name=web').stdout;
    expect(out).toContain(`AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  8080  TCP
Endpoints:
  - Addresses:  ${e.addresses[0]}
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/${e.targetRef.name}
    NodeName:   ${e.nodeName}
    Zone:       ${e.zone}
Events:         <none>
`);
    expect(out).not.toContain('Metadata:');
  });
});

describe('kubectl describe for the lab\'s StatefulSet and its storage', () => {
  it('describes the StatefulSet with its pod status, template and volume claim templates', () => {
    const sim = freshSim();
    applyFile(sim, 'sts.yaml', STS);
    runLine(sim, 'sleep 60');
    const sts = objects(sim, 'StatefulSet', 'default')[0];
    const out = runLine(sim, 'kubectl describe sts mongodb').stdout;
    expect(out.startsWith(`Name:               mongodb
Namespace:          default
CreationTimestamp:  Thu, 01 Jan 2026 09:00:00 +0000
Selector:           app=mongodb
Labels:             <none>
Annotations:        <none>
Replicas:           1 desired | ${sts.status.replicas} total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=mongodb
  Containers:
   mongodb-pod:
`)).toBe(true);
    expect(out).toContain(`    Mounts:
      /data/db from mongo-vol (rw)
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          mongo-vol
  StorageClass:  default
  Labels:        <none>
  Annotations:   <none>
  Capacity:      500M
  Access Modes:  [ReadWriteOnce]
Events:
`);
  });

  it('describes the claim as Pending, then Bound with capacity, access modes and the pod using it', () => {
    const sim = freshSim();
    applyFile(sim, 'sts.yaml', STS);
    runLine(sim, 'sleep 1');
    const pending = runLine(sim, 'kubectl describe pvc mongo-vol-mongodb-0').stdout;
    expect(pending).toContain('Status:        Pending\nVolume:        \n');
    expect(pending).toContain('Finalizers:    [kubernetes.io/pvc-protection]\nCapacity:      \nAccess Modes:  \nVolumeMode:    Filesystem\nUsed By:       mongodb-0\n');
    runLine(sim, 'sleep 60');
    const pvc = objects(sim, 'PersistentVolumeClaim', 'default')[0];
    const bound = runLine(sim, 'kubectl describe pvc mongo-vol-mongodb-0').stdout;
    expect(bound.startsWith(`Name:          mongo-vol-mongodb-0
Namespace:     default
StorageClass:  default
Status:        Bound
Volume:        ${pvc.spec.volumeName}
Labels:        app=mongodb
`)).toBe(true);
    expect(bound).toContain(`Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      ${pvc.status.capacity.storage}
Access Modes:  RWO
VolumeMode:    Filesystem
Used By:       mongodb-0
Events:
`);
  });

  it('describes the provisioned volume with its claim, node affinity and CSI source', () => {
    const sim = freshSim();
    applyFile(sim, 'sts.yaml', STS);
    runLine(sim, 'sleep 60');
    const pv = objects(sim, 'PersistentVolume')[0] as Any;
    const out = runLine(sim, `kubectl describe pv ${pv.metadata.name}`).stdout;
    expect(out).toContain(`Finalizers:        [${pv.metadata.finalizers.join(' ')}]
StorageClass:      default
Status:            Bound
Claim:             default/mongo-vol-mongodb-0
Reclaim Policy:    Delete
Access Modes:      RWO
VolumeMode:        Filesystem
Capacity:          ${pv.spec.capacity.storage}
Node Affinity:     
  Required Terms:  
    Term 0:        topology.disk.csi.azure.com/zone in []
Message:           
Source:
    Type:              CSI (a Container Storage Interface (CSI) volume source)
    Driver:            disk.csi.azure.com
`);
    const attrs = Object.keys(pv.spec.csi.volumeAttributes).sort();
    expect(out).toContain(`    VolumeAttributes:      ${attrs[0]}=${pv.spec.csi.volumeAttributes[attrs[0]]}\n                           ${attrs[1]}=`);
  });

  it('describes the default StorageClass', () => {
    expect(runLine(freshSim(), 'kubectl describe sc default').stdout).toBe(`Name:                  default
IsDefaultClass:        Yes
Annotations:           storageclass.kubernetes.io/is-default-class=true
Provisioner:           disk.csi.azure.com
Parameters:            skuname=StandardSSD_LRS
AllowVolumeExpansion:  True
MountOptions:          <none>
ReclaimPolicy:         Delete
VolumeBindingMode:     WaitForFirstConsumer
Events:                <none>
`);
  });
});
