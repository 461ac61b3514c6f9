// The strategy for each kind the apiserver serves (the REST storage registry of kube-apiserver).
import type { Kind } from '../model/types';
import type { Strategy } from './strategy';
import { configMapStrategy } from './config-map';
import { daemonSetStrategy } from './daemon-set';
import { deploymentStrategy } from './deployment';
import { endpointSliceStrategy } from './endpoint-slice';
import { endpointsStrategy } from './endpoints';
import { eventStrategy } from './event';
import { namespaceStrategy } from './namespace';
import { nodeStrategy } from './node';
import { persistentVolumeClaimStrategy } from './persistent-volume-claim';
import { persistentVolumeStrategy } from './persistent-volume';
import { podStrategy } from './pod';
import { replicaSetStrategy } from './replica-set';
import { secretStrategy } from './secret';
import { serviceStrategy } from './service';
import { serviceAccountStrategy } from './service-account';
import { statefulSetStrategy } from './stateful-set';
import { storageClassStrategy } from './storage-class';

/** The REST strategy of every served kind, by kind. */
export const strategies: Partial<Record<Kind, Strategy>> = {
  Namespace: namespaceStrategy,
  Node: nodeStrategy,
  Pod: podStrategy,
  Service: serviceStrategy,
  Endpoints: endpointsStrategy,
  EndpointSlice: endpointSliceStrategy,
  ConfigMap: configMapStrategy,
  Secret: secretStrategy,
  Event: eventStrategy,
  ReplicaSet: replicaSetStrategy,
  Deployment: deploymentStrategy,
  DaemonSet: daemonSetStrategy,
  StatefulSet: statefulSetStrategy,
  PersistentVolumeClaim: persistentVolumeClaimStrategy,
  PersistentVolume: persistentVolumeStrategy,
  StorageClass: storageClassStrategy,
  ServiceAccount: serviceAccountStrategy,
};
