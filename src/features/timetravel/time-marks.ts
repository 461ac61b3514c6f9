// Time travel's text: the scrubber's marks (one per recorded command, labelled with the session clock), the record
// a branch starts from, and the diff between two moments as rows of plain text. Pure.
import type { Command, RunRecord } from '../../../sim/protocol';
import type { ClusterDiff, EndpointAddressFacts, PodFacts } from '../../../sim/view/time-travel-diff';
import { formatClock } from '../playback/clock';

/** One recorded command on the scrubber. */
export interface CommandMark {
  readonly index: number;
  readonly at: number;
  /** `HH:MM:SS` of `at`. */
  readonly clock: string;
  /** What the command did, in a line. */
  readonly text: string;
  /** Where it sits on the scrubber, 0–100. */
  readonly percent: number;
}

/** A command in one line, as the student would recognise it. Pure. */
export function describeCommand(command: Command): string {
  switch (command.type) {
    case 'exec': return command.line;
    case 'writeFile': return `save ${command.path}`;
    case 'deleteFile': return `delete file ${command.path}`;
    case 'stopNode': return `stop node ${command.node}`;
    case 'startNode': return `start node ${command.node}`;
    case 'interrupt': return `Ctrl-C job ${command.jobId}`;
    case 'editorClosed': return command.saved ? 'editor saved' : 'editor closed';
    case 'traffic': return command.flows.length === 0 ? 'stop traffic' : `traffic: ${command.flows.map((f) => f.id).join(', ')}`;
    case 'fault':
      return command.fault.kind === 'breakImage' ? `fault: break image of ${command.fault.deployment}`
        : command.fault.kind === 'deletePod' ? `fault: delete pod ${command.fault.name}`
        : `fault: ${command.fault.on ? 'fail' : 'heal'} ${command.fault.probe} probe of ${command.fault.name}`;
  }
}

/** The marks of a record's commands on a scrubber spanning 0..`endMs` (commands after the end are left off). Pure. */
export function commandMarks(record: RunRecord | undefined, endMs: number): CommandMark[] {
  if (!record) return [];
  const span = Math.max(1, endMs);
  const marks: CommandMark[] = [];
  record.commands.forEach(({ at, command }, index) => {
    if (at < 0 || at > endMs || command.type === 'interrupt' || command.type === 'editorClosed') return;
    marks.push({ index, at, clock: formatClock(at), text: describeCommand(command), percent: Math.min(100, (at / span) * 100) });
  });
  return marks;
}

/** The moment just before a command ran (its mark's "before" jump). Pure. */
export function justBefore(at: number): number {
  return Math.max(0, at - 1);
}

/** The record a branch from `atMs` resumes: the same seed with the commands stamped at or before `atMs`. Pure. */
export function truncateRecord(record: RunRecord, atMs: number): RunRecord {
  return { ...record, commands: record.commands.filter((c) => c.at <= atMs) };
}

/** One line of a diff. */
export interface DiffRow {
  readonly kind: 'pod-added' | 'pod-removed' | 'pod-ip' | 'service-added' | 'service-removed' | 'service-ip' | 'endpoints' | 'event';
  /** `+`, `-`, `~` or `•`. */
  readonly sign: string;
  readonly text: string;
}

const podText = (p: PodFacts): string =>
  `pod ${p.namespace}/${p.name} ${p.ip ? `IP ${p.ip}` : 'no IP'}${p.node ? ` on ${p.node}` : ''}`;
const addrText = (a: EndpointAddressFacts): string => (a.pod ? `${a.ip} (${a.pod})` : a.ip);
const ips = (list: readonly string[]): string => (list.length === 0 ? 'none' : list.join(', '));

/** A diff as rows of plain text: pods, pod IPs, Services, endpoints, then the events in between. Pure. */
export function diffRows(diff: ClusterDiff): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const p of diff.podsRemoved) rows.push({ kind: 'pod-removed', sign: '-', text: `${podText(p)} removed` });
  for (const p of diff.podsAdded) rows.push({ kind: 'pod-added', sign: '+', text: `${podText(p)} added` });
  for (const c of diff.podIpChanges) {
    rows.push({ kind: 'pod-ip', sign: '~', text: `pod ${c.namespace}/${c.name} IP ${c.from ?? 'none'} → ${c.to ?? 'none'}` });
  }
  for (const s of diff.servicesRemoved) {
    rows.push({ kind: 'service-removed', sign: '-', text: `service ${s.namespace}/${s.name} (${s.type} ${s.clusterIP ?? 'no ClusterIP'}) removed` });
  }
  for (const s of diff.servicesAdded) {
    const ext = s.externalIPs.length > 0 ? `, external ${ips(s.externalIPs)}` : '';
    rows.push({ kind: 'service-added', sign: '+', text: `service ${s.namespace}/${s.name} (${s.type} ${s.clusterIP ?? 'no ClusterIP'}${ext}) added` });
  }
  for (const c of diff.serviceChanges) {
    if (c.clusterIP) rows.push({ kind: 'service-ip', sign: '~', text: `service ${c.namespace}/${c.name} ClusterIP ${c.clusterIP.from ?? 'none'} → ${c.clusterIP.to ?? 'none'}` });
    if (c.externalIPs) rows.push({ kind: 'service-ip', sign: '~', text: `service ${c.namespace}/${c.name} external IP ${ips(c.externalIPs.from)} → ${ips(c.externalIPs.to)}` });
  }
  for (const c of diff.endpointChanges) {
    for (const a of c.removed) rows.push({ kind: 'endpoints', sign: '-', text: `endpoints ${c.namespace}/${c.service} lost ${addrText(a)}` });
    for (const a of c.added) rows.push({ kind: 'endpoints', sign: '+', text: `endpoints ${c.namespace}/${c.service} gained ${addrText(a)}` });
  }
  if (diff.eventsOmitted > 0) rows.push({ kind: 'event', sign: '•', text: `${diff.eventsOmitted} older events left out` });
  for (const e of diff.events) {
    const count = e.count > 1 ? ` (x${e.count})` : '';
    rows.push({ kind: 'event', sign: '•', text: `${formatClock(e.at)} ${e.type} ${e.reason} ${e.object}: ${e.message}${count}` });
  }
  return rows;
}

/** A diff's one-line summary. Pure. */
export function diffSummary(diff: ClusterDiff): string {
  const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
  return `${formatClock(diff.fromMs)} → ${formatClock(diff.toMs)}: ${n(diff.podsAdded.length, 'pod')} added, ${n(diff.podsRemoved.length, 'pod')} removed, `
    + `${n(diff.endpointChanges.length, 'Service')} with endpoint changes, ${n(diff.events.length + diff.eventsOmitted, 'event')}`;
}
