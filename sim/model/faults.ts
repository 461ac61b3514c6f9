// The annotation through which faults reach a pod's kubelet, shared by the engine and the page's fault buttons.

/** `kubesim.io/fault: readiness,liveness` makes those probes of the pod fail until the value is removed. */
export const FAULT_ANNOTATION = 'kubesim.io/fault';

/** The faults a pod carries, from its annotation. Pure. */
export function podFaults(annotations: Readonly<Record<string, string>> | undefined): Set<string> {
  return new Set((annotations?.[FAULT_ANNOTATION] ?? '').split(',').map((f) => f.trim()).filter(Boolean));
}
