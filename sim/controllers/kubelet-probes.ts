// The kubelet's prober: httpGet, tcpSocket and exec probes against the pod's own network namespace,
// with the messages the kubelet puts in Unhealthy events.
import type { DeepReadonly, Container, Probe } from '../model/types';
import type { Sandbox } from '../core/runtime';

export interface ProbeResult {
  readonly ok: boolean;
  readonly message?: string;
}

/** Resolves a probe's port (a number or a containerPort name) within the container. Pure. */
export function resolveProbePort(port: number | string | undefined, container: DeepReadonly<Container>): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function listenerFor(sandbox: Sandbox, port: number) {
  for (const c of sandbox.containers.values()) {
    if (c.state === 'running' && c.app?.listening(port)) return c.app;
  }
  return undefined;
}

/** Runs one probe now. `forcedFailure` simulates a fault (the probe fails with a 500). */
export function runProbe(probe: DeepReadonly<Probe>, container: DeepReadonly<Container>, sandbox: Sandbox, forcedFailure = false): ProbeResult {
  const ip = sandbox.ip;
  if (probe.httpGet) {
    const port = resolveProbePort(probe.httpGet.port as number | string, container) ?? 0;
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    const url = `${scheme}://${ip}:${port}${path}`;
    const app = listenerFor(sandbox, port);
    if (!app) return { ok: false, message: `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused` };
    if (forcedFailure) return { ok: false, message: 'HTTP probe failed with statuscode: 500' };
    const res = app.http?.(port, { method: 'GET', path, headers: { 'User-Agent': 'kube-probe/1.34' } });
    const status = res?.status ?? 200;
    if (status >= 200 && status < 400) return { ok: true };
    return { ok: false, message: `HTTP probe failed with statuscode: ${status}` };
  }
  if (probe.tcpSocket) {
    const port = resolveProbePort(probe.tcpSocket.port as number | string, container) ?? 0;
    if (!listenerFor(sandbox, port) || forcedFailure) return { ok: false, message: `dial tcp ${ip}:${port}: connect: connection refused` };
    return { ok: true };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    if (!listenerFor(sandbox, port) || forcedFailure) return { ok: false, message: `timeout: failed to connect service "${ip}:${port}" within 1s: context deadline exceeded` };
    return { ok: true };
  }
  // SIMPLIFIED: exec probes succeed unless a fault is injected; the command is not interpreted.
  if (forcedFailure) return { ok: false, message: 'command terminated with non-zero exit code: 1' };
  return { ok: true };
}
