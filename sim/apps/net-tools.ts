// The network applets of tool images (busybox wget and nslookup, curl), run from inside a container: requests go
// through the pod's DNS and kube-proxy, take virtual time, and fail with each tool's real wording.
import type { ConnectResult, HttpRequest } from '../net/types';
import { STATUS_TEXT, isEmptyReply, parseUrl, type ParsedUrl } from './http';
import type { Builtin, ShellRun, ShellState } from './shell-run';

/** The address a name resolved to (first DNS answer), or the host itself when it was an IP. Pure. */
export function resolvedAddress(result: ConnectResult, host: string): string {
  for (const hop of result.hops) if (hop.step === 'dns-query' && hop.answer !== 'NXDOMAIN' && hop.answer.length > 0) return hop.answer[0];
  return host;
}

function target(raw: string): ParsedUrl | undefined {
  return parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
}

function* request(sh: ShellState, url: ParsedUrl, req: HttpRequest, timeoutMs: number | undefined): Generator<number, { result: ConnectResult; timedOut: boolean; port: number }, void> {
  const port = url.port ?? (url.scheme === 'https' ? 443 : 80);
  const result = sh.io.connect(url.host, port, req);
  const timedOut = timeoutMs !== undefined && result.elapsedMs > timeoutMs;
  const wait = timedOut ? timeoutMs : result.elapsedMs;
  sh.commandsSinceWait = 0;
  if (wait > 0) yield wait;
  return { result, timedOut, port };
}

function printBody(sh: ShellState, body: string): void {
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) sh.io.out(line);
}

function* wget(argv: readonly string[], sh: ShellState): ShellRun {
  let quiet = false;
  let output: string | undefined;
  let timeoutMs: number | undefined;
  let postData: string | undefined;
  let url: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--post-data=')) postData = a.slice(12);
    else if (a.startsWith('--timeout=')) timeoutMs = Number(a.slice(10)) * 1000;
    else if (a === '--spider' || a === '--quiet') quiet = quiet || a === '--quiet';
    else if (a.startsWith('-') && !a.startsWith('--') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const f = a[k];
        if (f === 'q') quiet = true;
        else if (f === 'O' || f === 'T' || f === 'U' || f === 'Y') {
          const value = k + 1 < a.length ? a.slice(k + 1) : argv[++i];
          if (f === 'O') output = value;
          if (f === 'T') timeoutMs = Number(value) * 1000;
          break;
        }
      }
    } else if (!a.startsWith('--')) url = a;
  }
  const u = url === undefined ? undefined : target(url);
  if (!u) { sh.io.err(url === undefined ? 'wget: missing URL' : `wget: bad address '${url}'`); return 1; }
  const req: HttpRequest = { method: postData === undefined ? 'GET' : 'POST', path: u.path, headers: { Host: u.hostPort, 'User-Agent': 'Wget' }, body: postData };
  const { result, timedOut, port } = yield* request(sh, u, req, timeoutMs);
  const ip = resolvedAddress(result, u.host);
  if (result.error === 'ENOTFOUND') { sh.io.err(`wget: bad address '${u.hostPort}'`); return 1; }
  if (!quiet) sh.io.err(`Connecting to ${u.hostPort} (${ip}:${port})`);
  if (timedOut) { sh.io.err('wget: download timed out'); return 1; }
  if (!result.ok) {
    const why = result.error === 'ECONNREFUSED' ? 'Connection refused' : result.error === 'EHOSTUNREACH' ? 'Host is unreachable' : 'Connection timed out';
    sh.io.err(`wget: can't connect to remote host (${ip}): ${why}`);
    return 1;
  }
  const res = result.response;
  if (!res || isEmptyReply(res)) { sh.io.err('wget: error getting response: Connection reset by peer'); return 1; }
  if (res.status >= 400) { sh.io.err(`wget: server returned error: HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? ''}`.trimEnd()); return 1; }
  if (output === '-') printBody(sh, res.body);
  else if (!quiet) {
    const file = output ?? (u.path.replace(/\?.*$/, '').split('/').pop() || 'index.html');
    sh.io.err(`saving to '${file}'`);
    sh.io.err(`${file.padEnd(20)} 100% |********************************| ${String(res.body.length).padStart(5)}  0:00:00 ETA`);
    sh.io.err(`'${file}' saved`);
  }
  return 0;
}

function* curl(argv: readonly string[], sh: ShellState): ShellRun {
  let silent = false; let showError = false; let fail = false; let include = false; let head = false;
  let toFile = false; let method: string | undefined; let data: string | undefined; let timeoutMs: number | undefined;
  let url: string | undefined;
  const headers: Record<string, string> = { 'User-Agent': 'curl/8.12.1', Accept: '*/*' };
  const takesValue = new Set(['o', 'X', 'd', 'H', 'm', 'A', 'w', 'u', 'e']);
  const apply = (f: string, value: string | undefined): void => {
    if (f === 's') silent = true; else if (f === 'S') showError = true; else if (f === 'f') fail = true;
    else if (f === 'i') include = true; else if (f === 'I') head = true; else if (f === 'O' || f === 'o') toFile = true;
    else if (f === 'X') method = value; else if (f === 'd') data = data === undefined ? value : `${data}&${value}`;
    else if (f === 'H' && value?.includes(':')) headers[value.slice(0, value.indexOf(':')).trim()] = value.slice(value.indexOf(':') + 1).trim();
    else if (f === 'm') timeoutMs = Number(value) * 1000; else if (f === 'A' && value !== undefined) headers['User-Agent'] = value;
  };
  const LONG: Readonly<Record<string, string>> = {
    '--silent': 's', '--show-error': 'S', '--fail': 'f', '--include': 'i', '--head': 'I', '--output': 'o', '--request': 'X',
    '--data': 'd', '--data-raw': 'd', '--data-binary': 'd', '--header': 'H', '--max-time': 'm', '--connect-timeout': 'm', '--user-agent': 'A',
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const f = LONG[a];
      if (f) apply(f, takesValue.has(f) ? argv[++i] : undefined);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        if (takesValue.has(a[k])) { apply(a[k], k + 1 < a.length ? a.slice(k + 1) : argv[++i]); break; }
        apply(a[k], undefined);
      }
    } else url = a;
  }
  const report = (code: number, text: string): number => { if (!silent || showError) sh.io.err(`curl: (${code}) ${text}`); return code; };
  if (url === undefined) { sh.io.err("curl: try 'curl --help' or 'curl --manual' for more information"); return 2; }
  const u = target(url);
  if (!u) return report(3, 'URL rejected: Malformed input to a URL function');
  if (data?.startsWith('@')) {
    // SIMPLIFIED: the container has no file system, so `-d @file` reads nothing, as curl does for a missing file.
    sh.io.err(`Warning: Couldn't read data from file "${data.slice(1)}", this makes an empty POST.`);
    data = '';
  }
  const verb = method ?? (head ? 'HEAD' : data !== undefined ? 'POST' : 'GET');
  if (data !== undefined && headers['Content-Type'] === undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const { result, timedOut, port } = yield* request(sh, u, { method: verb, path: u.path, headers: { Host: u.hostPort, ...headers }, body: data }, timeoutMs);
  if (result.error === 'ENOTFOUND') return report(6, `Could not resolve host: ${u.host}`);
  if (timedOut) return report(28, `Connection timed out after ${(timeoutMs ?? 0) + 1} milliseconds`);
  if (!result.ok) {
    const why = result.error === 'ETIMEDOUT' ? "Couldn't connect to server" : result.error === 'EHOSTUNREACH' ? 'No route to host' : "Couldn't connect to server";
    return report(result.error === 'ETIMEDOUT' ? 28 : 7, `Failed to connect to ${u.host} port ${port} after ${result.elapsedMs} ms: ${why}`);
  }
  const res = result.response;
  if (!res || isEmptyReply(res)) return report(52, 'Empty reply from server');
  if (fail && res.status >= 400) return report(22, `The requested URL returned error: ${res.status}`);
  if (toFile) return 0;
  if (include || head) {
    sh.io.out(`HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? ''}`.trimEnd());
    for (const [k, v] of Object.entries(res.headers ?? {})) sh.io.out(`${k}: ${v}`);
    sh.io.out('');
  }
  if (!head) printBody(sh, res.body);
  return 0;
}

function nslookup(argv: readonly string[], sh: ShellState): ShellRun {
  const name = argv.slice(1).find((a) => !a.startsWith('-'));
  if (name === undefined) { sh.io.err('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]'); return none(1); }
  // SIMPLIFIED: the lookup rides on a connection attempt (AppContext has no resolver); only its DNS hops are read.
  const result = sh.io.connect(name, 53);
  const queries = result.hops.filter((h): h is Extract<typeof h, { step: 'dns-query' }> => h.step === 'dns-query');
  const server = queries[0]?.server ?? '10.0.0.10';
  sh.io.out(`Server:\t\t${server}`);
  sh.io.out(`Address:\t${server}:53`);
  sh.io.out('');
  const found = queries.find((q) => q.answer !== 'NXDOMAIN');
  if (found && found.answer !== 'NXDOMAIN') {
    sh.io.out(`Name:\t${found.name}`);
    for (const address of found.answer) sh.io.out(`Address: ${address}`);
    sh.io.out('');
    return none(0);
  }
  const names = queries.length > 0 ? queries.map((q) => q.name) : [name];
  for (const q of names) { sh.io.out(`** server can't find ${q}: NXDOMAIN`); sh.io.out(''); }
  return none(1);
}

function* none(status: number): ShellRun {
  return status;
}

/** wget, curl and nslookup, by program name. */
export const NET_TOOLS: Readonly<Record<string, Builtin>> = { wget, curl, nslookup };
