// Kubernetes object types as the API spells them (from kubernetes-types), and the keys the engine uses for them.
import type {
  ConfigMap, Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Service, ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { ObjectMeta, OwnerReference, LabelSelector, Time } from 'kubernetes-types/meta/v1';

export type {
  ConfigMap, Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Service, ServiceAccount,
  DaemonSet, Deployment, ReplicaSet, StatefulSet, EndpointSlice, StorageClass, ObjectMeta, OwnerReference,
  LabelSelector, Time,
};
export type {
  Container, ContainerPort, ContainerStatus, EnvVar, PodCondition, PodSpec, PodStatus, PodTemplateSpec, Probe,
  ServicePort, ServiceSpec, NodeCondition, EndpointSubset, EndpointAddress, ObjectReference,
} from 'kubernetes-types/core/v1';
export type { DeploymentCondition, DeploymentSpec, DeploymentStrategy } from 'kubernetes-types/apps/v1';

/** Every kind the simulated apiserver serves. */
export type Kind =
  | 'Namespace' | 'Node' | 'Pod' | 'Service' | 'Endpoints' | 'EndpointSlice' | 'ConfigMap' | 'Secret' | 'Event'
  | 'ReplicaSet' | 'Deployment' | 'DaemonSet' | 'StatefulSet'
  | 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass' | 'ServiceAccount';

/** The shape every stored object shares: kind, apiVersion and metadata are always set once stored. */
export interface K8sObject {
  apiVersion: string;
  kind: Kind;
  metadata: ObjectMeta & { name: string };
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

/** A stored object narrowed to its kind-specific type, with the identity fields guaranteed. */
export type Stored<T> = T & { kind: Kind; apiVersion: string; metadata: ObjectMeta & { name: string } };

/** `kind/namespace/name` (namespace empty for cluster-scoped kinds): the store's primary key. */
export type ObjectKey = string;

export type DeepReadonly<T> =
  T extends (infer E)[] ? readonly DeepReadonly<E>[] :
  T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } :
  T;

/** Strips readonly from the top level of T (kubernetes-types marks server-set metadata readonly). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Virtual milliseconds since the simulation started. Never mixed with wall time. */
export type SimTime = number;
