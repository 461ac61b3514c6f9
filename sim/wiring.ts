// Which components make up the simulated cluster and how they are connected: the control-plane controllers,
// each node's kubelet and kube-proxy, the data plane, the cloud load balancer and the simulated images.
import type { ObjectKey } from './model/types';
import { objectKey } from './model/keys';
import type { CommandResult } from './protocol';
import type { Rng } from './core/rng';
import type { AppImage } from './apps/app';
import { APP_IMAGES, simulatedImages } from './apps/registry';
import { Scheduler } from './controllers/scheduler';
import { Kubelet } from './controllers/kubelet';
import { VolumeData } from './controllers/kubelet-volumes';
import { memoizedImages } from './controllers/kubelet-images';
import { NodeLifecycle, PODS_BY_NODE_INDEX } from './controllers/node-lifecycle';
import { replicaSetController } from './controllers/replica-set';
import { deploymentController } from './controllers/deployment';
import { daemonSetController } from './controllers/daemon-set';
import { garbageCollector } from './controllers/garbage-collector';
import { namespaceController } from './controllers/namespace';
import { KUBERNETES_SERVICE_INTERVAL_MS, KubernetesServiceController } from './controllers/kubernetes-service';
import { serviceAccountController } from './controllers/service-account';
import { clusterCaPem, RootCaCertPublisher } from './controllers/root-ca-cert-publisher';
import { EndpointsController } from './controllers/endpoints';
import { EndpointSliceController } from './controllers/endpoint-slice';
import { KubeProxyController } from './controllers/kube-proxy';
import { ServiceLoadBalancerController } from './controllers/service-load-balancer';
import { StatefulSetController } from './controllers/stateful-set';
import { PersistentVolumeController } from './controllers/persistent-volume';
import { CsiProvisioner } from './controllers/persistent-volume-provisioner';
import { pvcProtectionController, pvProtectionController } from './controllers/persistent-volume-protection';
import { registerPodsByClaimIndex } from './controllers/persistent-volume-binder';
import { AttachDetachController, VolumeAttachments } from './controllers/attach-detach';
import { newUid } from './core/names';
import { AZURE_DISK_DRIVER, AZURE_FILE_DRIVER, installStorageClasses } from './scenarios/aks-storage';
import { createDataPlane } from './net/network';
import { intToIp } from './net/ipv4';
import type { ResolvedProfile, NodePlan } from './scenarios/aks-cluster';
import type { Simulation } from './engine';

export interface Components {
  readonly images: readonly AppImage[];
  /** Installs the data plane and registers every controller, before the bootstrap objects are created. */
  start(sim: Simulation, plans: readonly NodePlan[], apiServerIP: string): void;
  /** Powers a node's VM off or on. */
  setNodePower(sim: Simulation, nodeName: string, on: boolean): CommandResult;
}

/** The components of a cluster with this profile. */
export function wireControllers(profile: ResolvedProfile, rng: Rng): Components {
  let kubelet: Kubelet | undefined;
  return {
    images: APP_IMAGES,
    start(sim, plans, apiServerIP) {
      const { manager, runtime, store } = sim;
      const plane = createDataPlane(runtime, store, rng.fork('network'), {
        proxyMode: profile.proxyMode, clusterDNS: intToIp(profile.serviceCidr.base + 10),
      });
      const images = memoizedImages(simulatedImages);
      registerPodsByClaimIndex(store);
      installStorageClasses(store, sim.clock, rng.fork('storage-classes'));
      const attachments = new VolumeAttachments();
      const volumes = new VolumeData(attachments, rng.fork('volume-manager'));
      store.watch((change) => { if (change.kind === 'PersistentVolume' && change.type === 'DELETED') volumes.release(change.object.metadata.name); });
      kubelet = new Kubelet(runtime, images, volumes, (key: ObjectKey) => manager.enqueue('kubelet', key), rng.fork('containers'));
      const machines = new Map(plans.map((p) => [p.machine.name, p.machine]));
      manager.add(new Scheduler(store, (pod) => {
        const wanted = (pod.spec?.containers ?? []).map((c) => images.normalize(c.image ?? ''));
        return (node) => {
          const cached = runtime.nodes.get(node)?.images;
          return !!cached && wanted.every((image) => cached.has(image));
        };
      }));
      manager.add(kubelet);
      manager.add(new NodeLifecycle(runtime, machines));
      manager.add(deploymentController);
      manager.add(replicaSetController);
      manager.add(daemonSetController);
      manager.add(garbageCollector);
      manager.add(new KubernetesServiceController(intToIp(profile.serviceCidr.base + 1), apiServerIP, rng.fork('kubernetes-service').int(KUBERNETES_SERVICE_INTERVAL_MS)));
      manager.add(namespaceController);
      manager.add(serviceAccountController);
      manager.add(new RootCaCertPublisher(clusterCaPem(rng.fork('cluster-ca'))));
      manager.add(new EndpointsController());
      manager.add(new EndpointSliceController());
      manager.add(new KubeProxyController(plane.proxier));
      manager.add(new ServiceLoadBalancerController({ delaySeconds: profile.loadBalancerDelaySeconds }));
      manager.add(new StatefulSetController());
      manager.add(new PersistentVolumeController());
      manager.add(pvcProtectionController);
      manager.add(pvProtectionController);
      manager.add(new AttachDetachController(attachments, (key) => manager.enqueue('kubelet', key)));
      for (const driver of [AZURE_DISK_DRIVER, AZURE_FILE_DRIVER]) {
        const ids = rng.fork(`${driver}-provisioner`);
        manager.add(new CsiProvisioner({
          driver, identity: `${driver}_${plans[0]?.machine.name ?? 'aks'}_${newUid(ids)}`,
          provisionerIdentity: `${sim.clock.nowEpochMs}-${ids.int(10_000)}-${driver}`,
          provisionDelay: driver === AZURE_DISK_DRIVER ? { ms: 5_000, jitterMs: 10_000 } : { ms: 3_000, jitterMs: 6_000 },
          deleteDelay: { ms: 2_000, jitterMs: 4_000 },
        }));
      }
    },
    setNodePower(sim, nodeName, on) {
      const node = sim.runtime.nodes.get(nodeName);
      if (!node || !kubelet) return { ok: false, error: `Error from server (NotFound): nodes "${nodeName}" not found` };
      if (node.running === on) return { ok: true };
      node.running = on;
      if (on) {
        node.stoppedAt = undefined;
        const pods = sim.store.byIndex(PODS_BY_NODE_INDEX, nodeName).map((p) => objectKey('Pod', p.metadata.namespace, p.metadata.name));
        kubelet.nodeStarted(node, pods);
      } else {
        node.stoppedAt = sim.now;
        kubelet.nodeStopped(node);
      }
      sim.manager.enqueue('node-controller', objectKey('Node', undefined, nodeName));
      return { ok: true };
    },
  };
}
