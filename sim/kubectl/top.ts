// `kubectl top pod|node` (kubectl cmd/top, metricsutil/metrics_printer.go) over simulated usage: every cell
// tab-terminated (so the last column is padded too), CPU in millicores, memory in Mi, node shares of allocatable.
// SIMPLIFIED: there is no metrics pipeline; usage is a deterministic share of each container's requests (or a
// small baseline) from a hash of the pod, with a slow triangular wobble over virtual time.
import { cpuMillis, memoryBytes } from '../model/quantity';
import { parseSelector } from '../model/labels';
import type { ProgramContext, ShellHost, Wait } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { clientError } from './errors';
import { currentNamespace } from './namespace';
import { KUBECTL_TABS, tabwrite } from './printers/go-tabwriter';

type Any = Record<string, any>;

const FLAGS: FlagSpec = { selector: { short: 'l' }, 'no-headers': { bool: true }, 'sort-by': {}, containers: { bool: true }, sum: { bool: true }, 'show-capacity': { bool: true }, 'field-selector': {} };

const TOP_HELP = `Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A triangle wave in thousandths (-1000..1000) with a 5-minute period and a phase from `seed`. Pure. */
function wobble(seed: number, nowMs: number): number {
  const t = (Math.floor(nowMs / 1000) + (seed % 300)) % 300;
  return t < 150 ? -1000 + Math.floor((t * 2000) / 150) : 1000 - Math.floor(((t - 150) * 2000) / 150);
}

/** Simulated usage of one running pod at virtual time `nowMs`: millicores and bytes. Pure. */
export function podUsage(pod: Any, nowMs: number): { cpuMillis: number; memoryBytes: number } {
  let cpu = 0, mem = 0;
  for (const c of (pod.spec?.containers ?? []) as Any[]) {
    const h = fnv(`${pod.metadata.uid}/${c.name}`);
    const reqCpu = cpuMillis(c.resources?.requests?.cpu), reqMem = memoryBytes(c.resources?.requests?.memory);
    const baseCpu = reqCpu > 0 ? Math.max(1, Math.floor((reqCpu * (20 + (h % 180))) / 1000)) : 1 + (h % 4);
    const baseMem = reqMem > 0 ? Math.floor((reqMem * (250 + ((h >>> 8) % 500))) / 1000) : (6 + ((h >>> 8) % 30)) * 1_048_576;
    const w = wobble(h, nowMs);
    cpu += Math.max(1, baseCpu + Math.floor((baseCpu * w) / 5000));
    mem += baseMem + Math.floor((baseMem * Math.trunc(w / 20)) / 1000);
  }
  return { cpuMillis: cpu, memoryBytes: mem };
}

function running(store: ShellHost['store'], ns: string | undefined): Any[] {
  return (store.list('Pod', ns) as Any[]).filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
}

/** Whether metrics-server has a ready pod (the Metrics API is served). */
export function metricsAvailable(host: ShellHost): boolean {
  return running(host.store, 'kube-system').some((p) => p.metadata.labels?.['k8s-app'] === 'metrics-server' &&
    (p.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True'));
}

function table(rows: string[][]): string {
  return tabwrite(rows.map((r) => `${r.join('\t')}\t`).join('\n') + '\n', KUBECTL_TABS);
}

function topPod(ctx: ProgramContext, f: ReturnType<typeof parseFlags> & { ok: true }): number {
  const flags = f.flags;
  const allNs = boolFlag(flags, 'all-namespaces');
  const ns = allNs ? undefined : currentNamespace(ctx, flags);
  const sel = parseSelector(flag(flags, 'selector') ?? '');
  if (!sel.ok) { ctx.err(clientError(sel.error)); return 1; }
  const now = ctx.host.now();
  let pods = ctx.host.store.select('Pod', ns, sel.requirements) as Any[];
  const name = flags.positionals[1];
  if (name) pods = pods.filter((p) => p.metadata.name === name);
  const withMetrics = pods.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
  // A named pod is a GET of its PodMetrics, which metrics-server answers NotFound until it has a sample.
  if (name && withMetrics.length === 0) { ctx.err(`Error from server (NotFound): podmetrics.metrics.k8s.io "${ns}/${name}" not found\n`); return 1; }
  if (withMetrics.length === 0) {
    if (pods.length > 0) { ctx.err(clientError('metrics not available yet')); return 1; }
    ctx.err(allNs ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    return 0;
  }
  const usage = withMetrics.map((p) => ({ p, u: podUsage(p, now) }));
  const sortBy = flag(flags, 'sort-by');
  if (sortBy === 'cpu') usage.sort((a, b) => b.u.cpuMillis - a.u.cpuMillis);
  if (sortBy === 'memory') usage.sort((a, b) => b.u.memoryBytes - a.u.memoryBytes);
  const rows: string[][] = boolFlag(flags, 'no-headers') ? [] : [[...(allNs ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)']];
  for (const { p, u } of usage) rows.push([...(allNs ? [p.metadata.namespace] : []), p.metadata.name, `${u.cpuMillis}m`, `${Math.floor(u.memoryBytes / 1_048_576)}Mi`]);
  ctx.out(table(rows));
  return 0;
}

function topNode(ctx: ProgramContext, f: ReturnType<typeof parseFlags> & { ok: true }): number {
  const sel = parseSelector(flag(f.flags, 'selector') ?? '');
  if (!sel.ok) { ctx.err(clientError(sel.error)); return 1; }
  let nodes = ctx.host.store.select('Node', undefined, sel.requirements) as Any[];
  const name = f.flags.positionals[1];
  if (name) {
    nodes = nodes.filter((n) => n.metadata.name === name);
    if (nodes.length === 0) { ctx.err(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found\n`); return 1; }
  }
  const now = ctx.host.now();
  const pods = running(ctx.host.store, undefined);
  const rows: string[][] = boolFlag(f.flags, 'no-headers') ? [] : [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
  for (const n of nodes) {
    const h = fnv(n.metadata.name);
    let cpu = 60 + (h % 60), mem = (1100 + ((h >>> 8) % 300)) * 1_048_576;
    for (const p of pods) if (p.spec?.nodeName === n.metadata.name) { const u = podUsage(p, now); cpu += u.cpuMillis; mem += u.memoryBytes; }
    const source = (boolFlag(f.flags, 'show-capacity') ? n.status?.capacity : n.status?.allocatable) as Any | undefined;
    const cpuPct = Math.trunc((cpu * 100) / Math.max(1, cpuMillis(source?.cpu)));
    const memPct = Math.trunc((mem * 100) / Math.max(1, memoryBytes(source?.memory)));
    rows.push([n.metadata.name, `${cpu}m`, `${cpuPct}%`, `${Math.floor(mem / 1_048_576)}Mi`, `${memPct}%`]);
  }
  ctx.out(table(rows));
  return 0;
}

/** `kubectl top pod|node`: prints simulated usage; returns the exit code. */
export function* kubectlTop(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  if (args.includes('--help') || args.includes('-h')) { ctx.out(TOP_HELP); return 0; }
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl top --help' for usage.\n`); return 1; }
  const sub = parsed.flags.positionals[0];
  if (sub === undefined) { ctx.out(TOP_HELP); return 0; }
  const isPod = ['pod', 'pods', 'po'].includes(sub), isNode = ['node', 'nodes', 'no'].includes(sub);
  if (!isPod && !isNode) { ctx.err(clientError(`unknown command "${sub}" for "kubectl top"`)); return 1; }
  if (!metricsAvailable(ctx.host)) { ctx.err(clientError('Metrics API not available')); return 1; }
  return isPod ? topPod(ctx, parsed) : topNode(ctx, parsed);
}
