// procps-ng's watch: runs a command every N seconds (2 by default) on a cleared screen under a header line, until
// Ctrl-C. `watch kubectl get pods` shows pods dying and coming back with new names and addresses.
import type { Program } from '../program';
import { formatTimestamp } from '../../model/time';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The width the header is laid out for. */
const HEADER_COLUMNS = 80;

/** A UTC time as ctime(3) writes it: `Thu Jan  1 09:00:02 2026`. Pure. */
export function ctime(epochMs: number): string {
  const [, y, mo, d, time] = /^(\d+)-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d)/.exec(formatTimestamp(epochMs))!;
  // 1970-01-01 was a Thursday.
  const weekday = DAYS[(((Math.floor(epochMs / 86_400_000) + 4) % 7) + 7) % 7];
  return `${weekday} ${MONTHS[Number(mo) - 1]} ${String(Number(d)).padStart(2, ' ')} ${time} ${y}`;
}

/** watch's title line: the interval and command on the left, host and time on the right. Pure. */
export function watchHeader(intervalS: number, command: string, epochMs: number): string {
  const left = `Every ${intervalS.toFixed(1)}s: ${command}`;
  const right = `kubesim: ${ctime(epochMs)}`;
  // SIMPLIFIED: laid out for 80 columns; procps-ng uses the terminal's width.
  return `${left}${' '.repeat(Math.max(1, HEADER_COLUMNS - left.length - right.length))}${right}`;
}

export const watch: Program = function* (ctx) {
  const args = [...ctx.argv.slice(1)];
  let intervalS = 2;
  let title = true;
  while (args.length > 0 && args[0].startsWith('-')) {
    const flag = args.shift()!;
    if (flag === '-t' || flag === '--no-title') { title = false; continue; }
    const inline = /^(?:-n|--interval=?)(.*)$/.exec(flag);
    if (!inline) { ctx.err(`watch: invalid option -- '${flag.replace(/^-+/, '')}'\n`); return 1; }
    const value = inline[1] !== '' ? inline[1] : args.shift();
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n)) { ctx.err(`watch: failed to parse argument: '${value ?? ''}'\n`); return 1; }
    intervalS = Math.max(0.1, n);
  }
  if (args.length === 0) {
    ctx.err('\nUsage:\n watch [options] command\n');
    return 1;
  }
  const command = args.join(' ');
  // SIMPLIFIED: the command runs in this shell, so aliases apply; procps-ng hands it to `sh -c`, where they do not.
  for (;;) {
    const started = ctx.host.now();
    const header = title ? `${watchHeader(intervalS, command, ctx.host.nowEpochMs())}\n\n` : '';
    const r = yield* ctx.run(command);
    ctx.out(`\x1b[H\x1b[2J${header}${r.stdout}${r.stderr}`);
    yield { kind: 'sleep', untilMs: started + Math.round(intervalS * 1000) };
  }
};
