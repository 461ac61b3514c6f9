// API fields added between Kubernetes v1.31 and v1.34, which the generated (v1.30) schema lacks. Each one was
// checked against the v1.34.0 OpenAPI spec; without them strict decoding would reject valid v1.34 manifests.
import type { FieldSchema, SchemaTypes } from './schema-types';

const str = (description: string): FieldSchema => ({ type: 'string', description });
const int = (description: string): FieldSchema => ({ type: 'integer', description });
const bool = (description: string): FieldSchema => ({ type: 'boolean', description });
const obj = (ref: string, description: string): FieldSchema => ({ type: 'object', ref, description });
const list = (items: FieldSchema, description: string): FieldSchema => ({ type: 'array', items, description });

/** Types that first appear in v1.31–v1.34. */
export const ADDED_TYPES: SchemaTypes = {
  'core/v1.NodeFeatures': {
    description: 'NodeFeatures describes the set of features implemented by the CRI implementation.',
    fields: { supplementalGroupsPolicy: bool('SupplementalGroupsPolicy is set to true if the runtime supports SupplementalGroupsPolicy and ContainerUser.') },
  },
  'core/v1.NodeSwapStatus': {
    description: 'NodeSwapStatus represents swap memory information.',
    fields: { capacity: int('Total amount of swap memory in bytes.') },
  },
  'core/v1.FileKeySelector': {
    description: 'FileKeySelector selects a key of the env file.',
    fields: {
      key: { ...str('The key within the env file.'), required: true },
      optional: bool('Specify whether the file or its key must be defined.'),
      path: { ...str('The path within the volume from which to select the file.'), required: true },
      volumeName: { ...str('The name of the volume mount containing the env file.'), required: true },
    },
  },
  'core/v1.ContainerRestartRule': {
    description: 'ContainerRestartRule describes how a container exit is handled.',
    fields: {
      action: { ...str('Specifies the action taken on a container exit if the requirements are satisfied.'), required: true },
      exitCodes: obj('core/v1.ContainerRestartRuleOnExitCodes', 'Represents the exit codes to check on container exits.'),
    },
  },
  'core/v1.ContainerRestartRuleOnExitCodes': {
    description: 'ContainerRestartRuleOnExitCodes describes the condition for handling an exited container based on its exit codes.',
    fields: {
      operator: { ...str('Represents the relationship between the container exit code(s) and the specified values.'), required: true },
      values: list({ type: 'integer' }, 'Specifies the set of values to check for container exit codes.'),
    },
  },
  'core/v1.ImageVolumeSource': {
    description: 'ImageVolumeSource represents a image volume resource.',
    fields: {
      pullPolicy: str('Policy for pulling OCI objects. Possible values are: Always, Never, IfNotPresent.'),
      reference: str('Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[*].image.'),
    },
  },
  'core/v1.PodCertificateProjection': {
    description: 'PodCertificateProjection provides a private key and X.509 certificate in the pod filesystem.',
    fields: {
      certificateChainPath: str('Write the certificate chain at this path in the projected volume.'),
      credentialBundlePath: str('Write the credential bundle at this path in the projected volume.'),
      keyPath: str('Write the key at this path in the projected volume.'),
      keyType: { ...str("The type of keypair Kubelet will generate for the pod."), required: true },
      maxExpirationSeconds: int('maxExpirationSeconds is the maximum lifetime permitted for the certificate.'),
      signerName: { ...str("Kubelet's generated CSRs will be addressed to this signer."), required: true },
    },
  },
  'core/v1.ResourceStatus': {
    description: 'ResourceStatus represents the status of a single resource allocated to a Pod.',
    fields: {
      name: { ...str('Name of the resource.'), required: true },
      resources: list({ type: 'object', ref: 'core/v1.ResourceHealth' }, 'List of unique resources health.'),
    },
  },
  'core/v1.ResourceHealth': {
    description: 'ResourceHealth represents the health of a resource.',
    fields: {
      health: str('Health of the resource: Healthy, Unhealthy or Unknown.'),
      resourceID: { ...str('ResourceID is the unique identifier of the resource.'), required: true },
    },
  },
  'core/v1.ContainerUser': {
    description: 'ContainerUser represents user identity information',
    fields: { linux: obj('core/v1.LinuxContainerUser', 'Linux holds user identity information initially attached to the first process of the containers in Linux.') },
  },
  'core/v1.LinuxContainerUser': {
    description: 'LinuxContainerUser represents user identity information in Linux containers',
    fields: {
      gid: { ...int('GID is the primary gid initially attached to the first process in the container'), required: true },
      supplementalGroups: list({ type: 'integer' }, 'SupplementalGroups are the supplemental groups initially attached to the first process in the container'),
      uid: { ...int('UID is the primary uid initially attached to the first process in the container'), required: true },
    },
  },
  'core/v1.PodExtendedResourceClaimStatus': {
    description: 'PodExtendedResourceClaimStatus stores the generated name of the ResourceClaim backing extended resource requests.',
    fields: {
      requestMappings: { ...list({ type: 'object', ref: 'core/v1.ContainerExtendedResourceRequest' }, 'RequestMappings identifies the mapping of <container, extended resource backed by DRA> to device request in the generated ResourceClaim.'), required: true },
      resourceClaimName: { ...str('ResourceClaimName is the name of the ResourceClaim that was generated for the Pod in the namespace of the Pod.'), required: true },
    },
  },
  'core/v1.ContainerExtendedResourceRequest': {
    description: 'ContainerExtendedResourceRequest has the mapping of container name, extended resource name to the device request name.',
    fields: {
      containerName: { ...str('The name of the container requesting resources.'), required: true },
      requestName: { ...str('The name of the request in the special ResourceClaim which corresponds to the extended resource.'), required: true },
      resourceName: { ...str('The name of the extended resource in that container which gets backed by DRA.'), required: true },
    },
  },
  'discovery/v1.ForNode': {
    description: 'ForNode provides information about which nodes should consume this endpoint.',
    fields: { name: { ...str('name represents the name of the node.'), required: true } },
  },
};

/** Fields added to types the generated schema already has. */
export const ADDED_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldSchema>>>> = {
  'core/v1.NodeStatus': { features: obj('core/v1.NodeFeatures', 'Features describes the set of features implemented by the CRI implementation.') },
  'core/v1.NodeSystemInfo': { swap: obj('core/v1.NodeSwapStatus', 'Swap Info reported by the node.') },
  'core/v1.NodeRuntimeHandlerFeatures': { userNamespaces: bool('UserNamespaces is set to true if the runtime handler supports UserNamespaces, including for volumes.') },
  'core/v1.EnvVarSource': { fileKeyRef: obj('core/v1.FileKeySelector', 'FileKeyRef selects a key of the env file.') },
  'core/v1.Lifecycle': { stopSignal: str('StopSignal defines which signal will be sent to a container when it is being stopped.') },
  'core/v1.ResourceClaim': { request: str('Request is the name chosen for a request in the referenced claim.') },
  'core/v1.Container': { restartPolicyRules: list({ type: 'object', ref: 'core/v1.ContainerRestartRule' }, 'Represents a list of rules to be checked to determine if the container should be restarted on exit.') },
  'core/v1.EphemeralContainer': { restartPolicyRules: list({ type: 'object', ref: 'core/v1.ContainerRestartRule' }, 'Represents a list of rules to be checked to determine if the container should be restarted on exit.') },
  'core/v1.PodSpec': {
    hostnameOverride: str("HostnameOverride specifies an explicit override for the pod's hostname as perceived by the pod."),
    resources: obj('core/v1.ResourceRequirements', 'Resources is the total amount of CPU and Memory resources required by all containers in the pod.'),
  },
  'core/v1.PodResourceClaim': {
    resourceClaimName: str('ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod.'),
    resourceClaimTemplateName: str('ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod.'),
  },
  'core/v1.PodSecurityContext': {
    seLinuxChangePolicy: str("seLinuxChangePolicy defines how the container's SELinux label is applied to all volumes used by the Pod."),
    supplementalGroupsPolicy: str('Defines how supplemental groups of the first container processes are calculated.'),
  },
  'core/v1.Volume': { image: obj('core/v1.ImageVolumeSource', 'image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet\'s host machine.') },
  'core/v1.VolumeProjection': { podCertificate: obj('core/v1.PodCertificateProjection', 'Projects an auto-rotating credential bundle (private key and certificate chain) that the pod can use either as a TLS client or server.') },
  'core/v1.PodCondition': { observedGeneration: int('If set, this represents the .metadata.generation that the pod condition was set based upon.') },
  'core/v1.ContainerStatus': {
    allocatedResourcesStatus: list({ type: 'object', ref: 'core/v1.ResourceStatus' }, 'AllocatedResourcesStatus represents the status of various resources allocated for this Pod.'),
    stopSignal: str('StopSignal reports the effective stop signal for this container'),
    user: obj('core/v1.ContainerUser', 'User represents user identity information initially attached to the first process of the container'),
  },
  'core/v1.PodStatus': {
    extendedResourceClaimStatus: obj('core/v1.PodExtendedResourceClaimStatus', 'Status of extended resource claim backed by DRA.'),
    observedGeneration: int('If set, this represents the .metadata.generation that the pod status was set based upon.'),
  },
  'apps/v1.DeploymentStatus': { terminatingReplicas: int('Total number of terminating pods targeted by this deployment.') },
  'apps/v1.ReplicaSetStatus': { terminatingReplicas: int('The number of terminating pods for this replica set.') },
  'discovery/v1.EndpointHints': { forNodes: list({ type: 'object', ref: 'discovery/v1.ForNode' }, 'forNodes indicates the node(s) this endpoint should be consumed by when using topology aware routing.') },
};

/** Fields the generated schema has that v1.34 no longer serves (replaced by the fields above). */
export const REMOVED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'core/v1.PodResourceClaim': ['source'],
};
