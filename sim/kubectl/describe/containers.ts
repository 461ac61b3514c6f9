// describeContainers (pkg/describe/describe.go): per container its ID, image, ports, command, state, readiness,
// restarts, resources, probes, environment and mounts, in kubectl's order and wording.
import { cpuMillis, memoryBytes, parseQuantity } from '../../model/quantity';
import { rfc1123z, orNone, type DescribeWriter } from './writer';

type Any = Record<string, any>;

/** DescribeProbe: `http-get http://:8080/health delay=0s timeout=1s period=10s #success=1 #failure=3`. Pure. */
export function describeProbe(p: Any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const port = p.httpGet.port === undefined ? '' : String(p.httpGet.port);
    const host = p.httpGet.host ?? '';
    const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
    return `http-get ${String(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeState(w: DescribeWriter, name: string, state: Any | undefined): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
    if (state?.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  }
}

/** describeResources: Limits then Requests, resource names sorted. */
export function writeResources(w: DescribeWriter, resources: Any | undefined, level: number): void {
  for (const [title, list] of [['Limits', resources?.limits], ['Requests', resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${list[n]}\n`);
  }
}

/** EnvValueRetriever: kubectl's scheme converts only metadata.name and metadata.namespace as Pod field labels, so
 * every other path (status.podIP, spec.nodeName, labels) describes with an empty value. Pure. */
export function fieldRefValue(pod: Any, path: string): string {
  if (path === 'metadata.name') return String(pod.metadata?.name ?? '');
  if (path === 'metadata.namespace') return String(pod.metadata?.namespace ?? '');
  return '';
}

/** ExtractContainerResourceValue (kubectl util/resource): the container's limit or request in divisor units, rounded
 * up (a zero or unset divisor counts as 1); '' for a resource it does not know. Pure. */
export function containerResourceValue(ref: Any, c: Any): string {
  const divisor = ref.divisor !== undefined && parseQuantity(ref.divisor) !== 0 ? ref.divisor : '1';
  const m = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(String(ref.resource ?? ''));
  if (!m) return '';
  const value = c.resources?.[m[1]]?.[m[2]] ?? '0';
  if (m[2] === 'cpu') return String(Math.ceil(cpuMillis(value) / cpuMillis(divisor)));
  return String(Math.ceil(memoryBytes(value) / memoryBytes(divisor)));
}

function writeEnv(w: DescribeWriter, c: Any, pod: Any | undefined): void {
  if ((c.envFrom ?? []).length > 0) {
    w.write(2, 'Environment Variables from:\n');
    for (const e of c.envFrom as Any[]) {
      const [from, ref] = e.configMapRef ? ['ConfigMap', e.configMapRef] : ['Secret', e.secretRef ?? {}];
      const optional = ref.optional === true;
      w.write(3, e.prefix ? `${ref.name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${ref.name}\t${from}\tOptional: ${optional}\n`);
    }
  }
  const env = (c.env ?? []) as Any[];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) {
      String(e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (vf.fieldRef) {
      const path = String(vf.fieldRef.fieldPath ?? '');
      const value = pod ? fieldRefValue(pod, path) : '';
      w.write(3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? 'v1'}:${path})\n`);
    } else if (vf.resourceFieldRef) {
      const resource = String(vf.resourceFieldRef.resource ?? '');
      let value = containerResourceValue(vf.resourceFieldRef, c);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(3, `${e.name}:\t${value} (${resource})\n`);
    } else if (vf.secretKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
    } else if (vf.configMapKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
    }
  }
}

function writeMounts(w: DescribeWriter, c: Any): void {
  const mounts = [...((c.volumeMounts ?? []) as Any[])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])];
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

/** describeContainers: `label:` then each container (statuses given for pods, not for templates). */
export function writeContainers(w: DescribeWriter, label: string, containers: readonly Any[], statuses: readonly Any[] | undefined, space: string, pod?: Any): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = ((c.ports ?? []) as Any[]).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${orNone(ports)}\n`);
    const hostPorts = ((c.ports ?? []) as Any[]).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${orNone(hostPorts)}\n`);
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!list || list.length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const part of list as string[]) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      writeState(w, 'State', status.state);
      if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    writeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    writeEnv(w, c, pod);
    writeMounts(w, c);
  }
}
