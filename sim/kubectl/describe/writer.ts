// kubectl describe's PrefixWriter over tabbedString (pkg/describe/describe.go): two spaces per level, cells
// separated by tabs, laid out by Go's tabwriter (minwidth 0, padding 2) in blocks that a Flush separates; plus
// the shared line helpers (labels, annotations, timestamps in RFC 1123 with numeric zone).
import { humanDuration, parseTimestamp } from '../../model/time';
import { DESCRIBE_TABS, tabwrite } from '../printers/go-tabwriter';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

/** Builds describe output; `toString()` lays it out. */
export class DescribeWriter {
  private readonly segments: string[] = [];
  private current = '';

  /** PrefixWriter.Write: text indented by `level` × 2 spaces. */
  write(level: number, text: string): void {
    this.current += '  '.repeat(level) + text;
  }

  /** PrefixWriter.WriteLine. */
  line(text: string): void {
    this.current += `${text}\n`;
  }

  /** Flush: what came before is laid out on its own. */
  flush(): void {
    this.segments.push(this.current);
    this.current = '';
  }

  toString(): string {
    return [...this.segments, this.current].map((s) => tabwrite(s, DESCRIBE_TABS)).join('');
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z of an RFC 3339 UTC timestamp (`Thu, 01 Jan 2026 08:48:00 +0000`); Go's zero time when unset. Pure. */
export function rfc1123z(timestamp: string | null | undefined): string {
  if (!timestamp) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const ms = parseTimestamp(timestamp);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(timestamp);
  if (!m || Number.isNaN(ms)) return timestamp;
  const day = DAYS[((Math.floor(ms / 86_400_000) % 7) + 11) % 7];
  return `${day}, ${m[3]} ${MONTHS[Number(m[2]) - 1]} ${m[1]} ${m[4]}:${m[5]}:${m[6]} +0000`;
}

/** translateTimestampSince: HumanDuration since `timestamp`, `<unknown>` when unset. Pure. */
export function since(timestamp: string | null | undefined, nowEpochMs: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(nowEpochMs - parseTimestamp(timestamp));
}

/** stringOrNone. Pure. */
export function orNone(s: string | undefined | null): string {
  return s ? s : '<none>';
}

/** printLabelsMultilineWithIndent: `Title:\tk=v` then one `\tk=v` line per further key. */
export function writeLabels(w: DescribeWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) { w.line('<none>'); return; }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** printAnnotationsMultiline: long or multi-line values on their own lines; last-applied-configuration skipped. */
export function writeAnnotations(w: DescribeWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (keys.length === 0) { w.line('<none>'); return; }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

/** printController: `Kind/name` of the controller owner, or ''. Pure. */
export function controllerOf(meta: { ownerReferences?: readonly { kind: string; name: string; controller?: boolean }[] }): string {
  const ref = meta.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
